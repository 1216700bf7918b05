// The HTTP face of a simulated department system (plain node:http, independent of Yijian's app):
//   POST /subcases            (push mode; signed by Yijian, idempotency-key header) Task → 200 {received, caseNo}
//   POST /subcases/batch      (push mode, for an adapter with settings.batchSize; signed by Yijian)
//                             {tasks: [{idempotencyKey, task}]} → 200 {results: [{taskId, received, caseNo} | {taskId, received: false, error}]}
//   GET  /subcases/:id        (signed by Yijian) → {id, status, lastSequence, caseNo}, for reconciliation
//   GET  /subcases?limit=     every sub-case with its deliveries and events (tests and people watching)
//   GET  /stats               counts: received, duplicates, events sent, per status, pending work
//   POST /faults | GET /faults  {downMs, downMode:'503'|'close', slowMs, errorRatio, failNext, duplicateCallbacks, outOfOrder, reset}
//                             (errorRatio / failNext: a single push answers 500; in a batch, that share / the next n of its tasks are refused)
//   GET  /health
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Department } from './department.ts';
import { ZFaultsInput, ZTask, ZTaskBatch } from './schemas.ts';
import { verifiedBy } from './signing.ts';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const problem = (res: ServerResponse, status: number, code: string, zh: string, en: string) => send(res, status, { error: { code, message: { zh, en } } });

async function readBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A zod error as one line: the first `limit` issues, each its path and message. */
const issues = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }, limit = 5) =>
  error.issues.slice(0, limit).map((i) => `${i.path.map(String).join('.')} ${i.message}`).join('; ');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Valid push requests received (a batch is one request), by endpoint. */
export interface PushRequests { single: number; batch: number }

export function stats(dept: Department, requests: PushRequests = { single: 0, batch: 0 }) {
  const perStatus: Record<string, number> = {};
  const perEvent: Record<string, number> = {};
  let eventsPlanned = 0;
  for (const rec of dept.store.all()) {
    perStatus[rec.status] = (perStatus[rec.status] ?? 0) + 1;
    for (const d of rec.deliveries) perEvent[d.event] = (perEvent[d.event] ?? 0) + 1;
    eventsPlanned += rec.events.length;
  }
  return {
    unitCode: dept.opts.key.unitCode,
    mode: dept.opts.mode,
    received: dept.store.size,
    deliveries: dept.store.counts.deliveries,
    duplicatesReceived: dept.store.counts.duplicatesReceived,
    duplicatesOtherKey: dept.store.counts.duplicatesOtherKey,
    perEvent,
    perStatus,
    eventsPlanned,
    eventsSent: dept.counts.sent,
    callbacks: dept.counts,
    pending: dept.pending(),
    down: dept.down,
    pushRequests: requests,
  };
}

export function createDepartmentServer(dept: Department): Server {
  const key = dept.opts.key;
  const requests: PushRequests = { single: 0, batch: 0 };
  let failNext = 0; // the next n deliveries fail (POST /faults {failNext})
  const injectedFailure = () => {
    if (failNext > 0) {
      failNext--;
      return true;
    }
    return dept.faults.errorRatio > 0 && Math.random() < dept.faults.errorRatio;
  };
  let server: Server;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://department.local');
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok', unitCode: key.unitCode });
    if (method === 'GET' && url.pathname === '/stats') return send(res, 200, stats(dept, requests));
    if (url.pathname === '/faults') {
      if (method === 'GET') return send(res, 200, { ...dept.faults, failNext });
      if (method !== 'POST') return problem(res, 405, 'METHOD_NOT_ALLOWED', '不支持的方法', 'Method not allowed');
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, 64 * 1024));
      } catch {
        return problem(res, 400, 'INVALID_JSON', '请求体须为 JSON', 'The body must be JSON');
      }
      const parsed = ZFaultsInput.safeParse(body);
      if (!parsed.success) return problem(res, 400, 'INVALID_FAULTS', '故障设置无效', `Invalid faults: ${issues(parsed.error, Infinity)}`);
      const { failNext: fail, ...faults } = parsed.data;
      if (faults.reset) failNext = 0;
      if (fail !== undefined) failNext = fail;
      dept.setFaults(faults);
      send(res, 200, { ...dept.faults, failNext });
      if (dept.down && dept.faults.downMode === 'close') closeFor(dept.faults.downUntil - Date.now());
      return;
    }
    if (method === 'GET' && url.pathname === '/subcases') {
      const limit = Math.min(100_000, Number(url.searchParams.get('limit') ?? 1000) || 1000);
      return send(res, 200, { items: [...dept.store.all()].slice(0, limit) });
    }
    const one = /^\/subcases\/([^/]{1,100})$/.exec(url.pathname);
    if (method === 'GET' && one) {
      if (dept.down) return problem(res, 503, 'UNAVAILABLE', '部门系统暂不可用', 'The department system is unavailable');
      if (!verifiedBy([key], method, url.pathname + url.search, '', req.headers)) return problem(res, 401, 'ADAPTER_SIGNATURE_INVALID', '签名无效', 'Invalid or missing signature');
      const rec = dept.store.get(decodeURIComponent(one[1]!));
      if (!rec) return problem(res, 404, 'SUBCASE_NOT_FOUND', '本系统无此办件', 'No such sub-case in this system');
      return send(res, 200, { id: rec.id, status: rec.status, lastSequence: rec.lastSequence, caseNo: rec.caseNo });
    }
    if (method === 'POST' && (url.pathname === '/subcases' || url.pathname === '/subcases/batch')) {
      if (dept.opts.mode !== 'push') return problem(res, 404, 'NOT_PUSH_MODE', '本系统以拉取方式接收办件', 'This system pulls its tasks');
      const batch = url.pathname === '/subcases/batch';
      let raw: string;
      try {
        raw = await readBody(req, batch ? 64 * 1024 * 1024 : 4 * 1024 * 1024);
      } catch {
        return problem(res, 413, 'TOO_LARGE', '请求体过大', 'The body is too large');
      }
      if (dept.down) return problem(res, 503, 'UNAVAILABLE', '部门系统暂不可用', 'The department system is unavailable');
      if (dept.faults.slowMs > 0) await sleep(dept.faults.slowMs);
      if (!batch && injectedFailure()) return problem(res, 500, 'INJECTED_FAULT', '模拟故障', 'Injected fault');
      if (!verifiedBy([key], method, url.pathname + url.search, raw, req.headers)) return problem(res, 401, 'ADAPTER_SIGNATURE_INVALID', '签名无效', 'Invalid or missing signature');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return problem(res, 400, 'INVALID_JSON', '请求体须为 JSON', 'The body must be JSON');
      }
      if (!batch) {
        const parsed = ZTask.safeParse(body);
        if (!parsed.success) return problem(res, 400, 'INVALID_TASK', '办件报文无效', `Invalid task: ${issues(parsed.error)}`);
        requests.single++;
        if (parsed.data.subcase.unitCode !== key.unitCode) return problem(res, 422, 'WRONG_UNIT', '该办件不属于本单位', `The sub-case belongs to ${parsed.data.subcase.unitCode}, not ${key.unitCode}`);
        const idempotencyKey = String(req.headers['idempotency-key'] ?? parsed.data.taskId);
        const fresh = dept.receive(parsed.data, idempotencyKey);
        await dept.store.durable(); // what this answer acknowledges is on disk first
        return send(res, 200, { received: true, caseNo: dept.caseNoFor(parsed.data.subcase.id), ...(fresh ? {} : { duplicate: true }) });
      }
      const parsed = ZTaskBatch.safeParse(body);
      if (!parsed.success) return problem(res, 400, 'INVALID_BATCH', '批量办件报文无效', `Invalid batch: ${issues(parsed.error)}`);
      requests.batch++;
      // each task on its own: one the unit refuses (or an injected fault) does not hold back the others
      const results = parsed.data.tasks.map(({ idempotencyKey, task }) => {
        if (task.subcase.unitCode !== key.unitCode) return { taskId: task.taskId, received: false, error: { code: 'WRONG_UNIT', message: `The sub-case belongs to ${task.subcase.unitCode}, not ${key.unitCode}` } };
        if (injectedFailure()) return { taskId: task.taskId, received: false, error: { code: 'INJECTED_FAULT', message: 'Injected fault' } };
        const fresh = dept.receive(task, idempotencyKey);
        return { taskId: task.taskId, received: true, caseNo: dept.caseNoFor(task.subcase.id), ...(fresh ? {} : { duplicate: true }) };
      });
      await dept.store.durable(); // what this answer acknowledges is on disk first
      return send(res, 200, { results });
    }
    return problem(res, 404, 'NOT_FOUND', '无此接口', 'No such endpoint');
  };

  /** "down" with the port closed: stop listening, drop open connections, listen again on the same port. */
  const closeFor = (ms: number) => {
    const address = server.address();
    if (typeof address !== 'object' || !address) return;
    const { port, address: host } = address;
    setTimeout(() => {
      server.close();
      server.closeAllConnections();
      setTimeout(() => server.listen(port, host), Math.max(0, ms - 50));
    }, 50); // after the answer to POST /faults went out
  };

  server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) problem(res, 500, 'INTERNAL', '模拟器内部错误', String(err));
    });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}
