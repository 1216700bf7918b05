// The HTTP face of the registry simulators. Plain node:http: the simulator must stay independent of
// Yijian's app wiring, as a real registry would be.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseCreditCode, parseResidentId } from '../../src/platform/identifiers.ts';
import { FaultInjector, ZFaults } from './faults.ts';
import { isRegistryResource, LOOKUP_KEYS, REGISTRY_RESOURCES, type LookupKeyKind, type RegistryResource } from './registry-data.ts';
import type { RegistryStore } from './store.ts';

export interface RegistryServerOptions {
  stores: ReadonlyMap<RegistryResource, RegistryStore>;
  faults: FaultInjector;
  delayMs: number;
  /** one line per lookup, for a person watching the simulator */
  log?: (line: Record<string, unknown>) => void;
}

class HttpProblem extends Error {
  constructor(readonly status: number, readonly code: string, readonly zh: string, readonly en: string) {
    super(en);
  }
}

// Unit codes as in catalog/units (city-police, furong-hrss-centre, …).
const UNIT_CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Who asks and why: a registry answers only a named unit with a stated cause (用数事由). */
function requireCaller(req: IncomingMessage): { requester: string; purpose: string } {
  const requester = req.headers['x-requester'];
  const rawPurpose = req.headers['x-purpose'];
  if (typeof requester !== 'string' || !UNIT_CODE.test(requester))
    throw new HttpProblem(400, 'REQUESTER_REQUIRED', '请求须携带 x-requester（调用单位代码）', 'The x-requester header (the calling unit code) is required');
  if (typeof rawPurpose !== 'string' || rawPurpose.trim() === '')
    throw new HttpProblem(400, 'PURPOSE_REQUIRED', '请求须携带 x-purpose（用数事由）', 'The x-purpose header (the cause of the lookup) is required');
  let purpose: string;
  try {
    // headers carry Latin-1 only, so callers percent-encode a Chinese cause
    purpose = decodeURIComponent(rawPurpose).trim();
  } catch {
    throw new HttpProblem(400, 'PURPOSE_MALFORMED', 'x-purpose 须为百分号编码的 UTF-8 文本', 'x-purpose must be percent-encoded UTF-8');
  }
  if (purpose.length === 0 || purpose.length > 200)
    throw new HttpProblem(400, 'PURPOSE_REQUIRED', '用数事由须为 1–200 个字符', 'The cause must be 1 to 200 characters');
  return { requester, purpose };
}

function lookupKey(resource: RegistryResource, query: URLSearchParams): { kind: LookupKeyKind; value: string } {
  const allowed = LOOKUP_KEYS[resource];
  const given = allowed.filter((k) => query.has(k));
  if (given.length !== 1)
    throw new HttpProblem(400, 'LOOKUP_KEY_REQUIRED', `须且只须提供一个查询条件：${allowed.join('、')}`, `Give exactly one of: ${allowed.join(', ')}`);
  const kind = given[0]!;
  const raw = query.get(kind)!.trim();
  if (kind === 'idNumber') {
    const parsed = parseResidentId(raw);
    if (!parsed.ok) throw new HttpProblem(400, 'INVALID_ID_NUMBER', `公民身份号码无效（${parsed.problem}）`, `Invalid resident ID number (${parsed.problem})`);
    return { kind, value: parsed.idNumber };
  }
  if (kind === 'creditCode') {
    const parsed = parseCreditCode(raw);
    if (!parsed.ok) throw new HttpProblem(400, 'INVALID_CREDIT_CODE', `统一社会信用代码无效（${parsed.problem}）`, `Invalid unified social credit code (${parsed.problem})`);
    return { kind, value: parsed.creditCode };
  }
  if (raw.length === 0 || raw.length > 60) throw new HttpProblem(400, 'INVALID_CERTIFICATE_NO', '证书编号须为 1–60 个字符', 'The certificate number must be 1 to 60 characters');
  return { kind, value: raw };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new HttpProblem(413, 'BODY_TOO_LARGE', '请求体过大', 'The request body is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'INVALID_JSON', '请求体不是合法的 JSON', 'The request body is not valid JSON');
  }
}

export function createRegistryServer(opts: RegistryServerOptions): Server {
  const counts = () => Object.fromEntries(REGISTRY_RESOURCES.map((r) => [r, opts.stores.get(r)?.size ?? 0]));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://registry.local');
    const method = req.method ?? 'GET';

    if (url.pathname === '/health') {
      if (method !== 'GET') throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', '不支持的请求方法', 'Method not allowed');
      return send(res, 200, { status: 'ok', records: counts(), faults: opts.faults.current });
    }
    if (url.pathname === '/faults') {
      if (method === 'GET') return send(res, 200, opts.faults.current);
      if (method !== 'POST') throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', '不支持的请求方法', 'Method not allowed');
      const parsed = ZFaults.safeParse(await readJson(req));
      if (!parsed.success)
        throw new HttpProblem(400, 'INVALID_FAULTS', "故障设置无效：mode 为 none、down、slow 或 error500，ratio 为 0–1", "Invalid faults: mode is none, down, slow or error500; ratio is 0 to 1");
      opts.faults.set(parsed.data);
      return send(res, 200, opts.faults.current);
    }

    const match = /^\/registries\/([a-z-]+)\/records$/.exec(url.pathname);
    if (!match) throw new HttpProblem(404, 'NOT_FOUND', '接口不存在', 'No such endpoint');
    const resource = match[1]!;
    if (!isRegistryResource(resource)) throw new HttpProblem(404, 'UNKNOWN_RESOURCE', `没有名为“${resource}”的数据资源`, `No registry named "${resource}"`);
    if (method !== 'GET') throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', '不支持的请求方法', 'Method not allowed');

    const fault = opts.faults.next();
    if (fault?.mode === 'down') {
      // the connection drops without an answer, as when a registry's front end is gone
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'slow') await sleep(fault.slowMs);
    if (opts.delayMs > 0) await sleep(opts.delayMs);
    if (fault?.mode === 'error500') throw new HttpProblem(500, 'INJECTED_FAULT', '注入的故障：服务内部错误', 'Injected fault: internal error');

    const caller = requireCaller(req);
    const key = lookupKey(resource, url.searchParams);
    const records = opts.stores.get(resource)?.find(key.kind, key.value) ?? [];
    opts.log?.({ event: 'lookup', resource, key: key.kind, requester: caller.requester, purpose: caller.purpose, found: records.length });
    if (records.length === 0) throw new HttpProblem(404, 'RECORD_NOT_FOUND', '未查询到相关记录', 'No record found');
    return send(res, 200, { resource, record: records[0], matches: records.length });
  }

  return createServer((req, res) => {
    res.setHeader('x-request-id', randomUUID());
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof HttpProblem) return send(res, err.status, { error: { code: err.code, message: { zh: err.zh, en: err.en } } });
      opts.log?.({ event: 'error', error: String(err) });
      send(res, 500, { error: { code: 'INTERNAL', message: { zh: '服务内部错误', en: 'Internal error' } } });
    });
  });
}
