// The department simulator as a process: signed push deliveries (duplicates recognised, unsigned ones
// refused), events back to a small stand-in for Yijian's results API (signed, in order, accept then
// approve with the result fields; out of order and duplicated when asked), faults, restart with its
// storage. Yijian's real results API is exercised by tests/dispatch-*.test.ts.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders, verifiedBy, type UnitKey } from './signing.ts';
import { startDepartmentSimulator, type RunningDepartmentSimulator } from './start-simulator.ts';

const KEY: UnitKey = { unitCode: 'city-housing-fund', keyId: 'k1', secret: 'test-secret-1' };

interface Got { subcaseId: string; body: { eventId: string; sequence: number; type: string; result?: { fields: Record<string, unknown> } }; signed: boolean }

/** Stands in for Yijian's results API: records events, answers like the contract (202 for a gap). */
async function fakeYijian(): Promise<{ server: Server; url: string; got: Got[]; tasks: unknown[]; acks: string[] }> {
  const got: Got[] = [];
  const tasks: unknown[] = [];
  const acks: string[] = [];
  const next = new Map<string, number>();
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const signed = verifiedBy([KEY], req.method!, url.pathname + url.search, raw, req.headers);
      const m = /^\/api\/adapter\/v1\/subcases\/([^/]+)\/events$/.exec(url.pathname);
      if (req.method === 'GET' && url.pathname === '/api/adapter/v1/tasks') {
        const out = tasks.splice(0);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tasks: out }));
        return;
      }
      const ack = /^\/api\/adapter\/v1\/tasks\/([^/]+)\/ack$/.exec(url.pathname);
      if (ack) {
        acks.push(decodeURIComponent(ack[1]!));
        res.writeHead(204).end();
        return;
      }
      if (!m || !signed) {
        res.writeHead(signed ? 404 : 401).end('{}');
        return;
      }
      const body = JSON.parse(raw) as Got['body'];
      got.push({ subcaseId: m[1]!, body, signed });
      if (seen.has(body.eventId)) return void res.writeHead(200).end(JSON.stringify({ applied: false, duplicate: true }));
      const expecting = next.get(m[1]!) ?? 1;
      if (body.sequence > expecting) return void res.writeHead(202).end(JSON.stringify({ parked: true, expecting }));
      seen.add(body.eventId);
      next.set(m[1]!, body.sequence + 1);
      res.writeHead(200).end(JSON.stringify({ applied: true }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://127.0.0.1:${port}`, got, tasks, acks };
}

function task(id: string, sequence = 1, event = 'subcase.released') {
  return {
    taskId: `${id}:${sequence}`, event, sequence, sentAt: new Date().toISOString(),
    subcase: {
      id, applicationId: `app-${id}`, applicationNumber: `YJ-${id}`, themeCode: 'newborn', matterCode: 'housing-fund-withdrawal', matterVersion: 1,
      matterName: { zh: '住房公积金提取', en: 'Housing fund withdrawal' }, unitCode: KEY.unitCode, status: '02', promisedAt: null,
      data: {}, materials: [], resultFields: [{ code: 'certificateNo', name: { zh: '编号', en: 'No.' }, type: 'certificateNo' }, { code: 'issueDate', type: 'date' }],
    },
  };
}

async function push(sim: RunningDepartmentSimulator, body: unknown, opts: { sign?: boolean; key?: string } = {}): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${sim.url}/subcases`, {
    method: 'POST', body: raw,
    headers: { 'content-type': 'application/json', 'idempotency-key': opts.key ?? 'k', ...(opts.sign === false ? {} : signedHeaders(KEY, 'POST', '/subcases', raw)) },
  });
}

// generous: a poll ends at its condition; the bound only catches a hang
async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('department simulator', () => {
  let yj: Awaited<ReturnType<typeof fakeYijian>>;
  const sims: RunningDepartmentSimulator[] = [];
  beforeAll(async () => {
    yj = await fakeYijian();
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    yj?.server.close();
  });
  const start = async (o: Partial<Parameters<typeof startDepartmentSimulator>[0]> = {}) => {
    const s = await startDepartmentSimulator({ ...KEY, mode: 'push', yijianUrl: yj.url, delayMs: 20, ...o });
    sims.push(s);
    return s;
  };

  it('takes a signed delivery once, refuses an unsigned one, and answers accept then approve with the result fields', async () => {
    const sim = await start();
    expect((await push(sim, task('s1'), { sign: false })).status).toBe(401);
    const first = await push(sim, task('s1'), { key: 'ev-1' });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { received: boolean; caseNo: string };
    expect(answer.received).toBe(true);
    const again = (await (await push(sim, task('s1'), { key: 'ev-1' })).json()) as { duplicate?: boolean; caseNo: string };
    expect(again).toMatchObject({ duplicate: true, caseNo: answer.caseNo });
    expect((await push(sim, { ...task('s9'), subcase: { ...task('s9').subcase, unitCode: 'other' } })).status).toBe(422);
    expect((await push(sim, { nonsense: true })).status).toBe(400);

    const events = await until('two events', () => (yj.got.filter((g) => g.subcaseId === 's1').length >= 2 ? yj.got.filter((g) => g.subcaseId === 's1') : undefined));
    expect(events.map((e) => [e.body.sequence, e.body.type])).toEqual([[1, 'accept'], [2, 'approve']]);
    expect(events.every((e) => e.signed)).toBe(true);
    expect(Object.keys(events[1]!.body.result!.fields).sort()).toEqual(['certificateNo', 'issueDate']);
    expect(events[1]!.body.result!.fields.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const stats = await sim.stats();
    expect(stats).toMatchObject({ received: 1, deliveries: 1, duplicatesReceived: 1, duplicatesOtherKey: 0, eventsSent: 2, perStatus: { '10': 1 } });

    // reconciliation view: signed by Yijian with the unit's key
    expect((await fetch(`${sim.url}/subcases/s1`)).status).toBe(401);
    const view = await fetch(`${sim.url}/subcases/s1`, { headers: signedHeaders(KEY, 'GET', '/subcases/s1', '') });
    expect(await view.json()).toEqual({ id: 's1', status: '10', lastSequence: 2, caseNo: answer.caseNo });
  });

  it('takes a signed batch, answering per task: a task of another unit or an injected failure is refused alone', async () => {
    const sim = await start({ hold: true });
    const batch = (body: unknown, sign = true) => {
      const raw = JSON.stringify(body);
      return fetch(`${sim.url}/subcases/batch`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...(sign ? signedHeaders(KEY, 'POST', '/subcases/batch', raw) : {}) } });
    };
    const item = (t: ReturnType<typeof task>) => ({ idempotencyKey: `${t.subcase.id}:${t.sequence}`, task: t });
    const other = { ...task('b3'), subcase: { ...task('b3').subcase, unitCode: 'other' } };
    expect((await batch({ tasks: [item(task('b1'))] }, false)).status).toBe(401);
    expect((await batch({ tasks: [] })).status).toBe(400);
    expect((await batch({ tasks: [{ task: task('b1') }] })).status).toBe(400); // no idempotency key
    await sim.inject({ failNext: 1 });
    const res = await batch({ tasks: [item(task('b1')), item(task('b2')), item(other), item(task('b4'))] });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ taskId: string; received: boolean; caseNo?: string; error?: { code: string } }> };
    expect(results.map((r) => [r.taskId, r.received, r.error?.code ?? null])).toEqual([
      ['b1:1', false, 'INJECTED_FAULT'], ['b2:1', true, null], ['b3:1', false, 'WRONG_UNIT'], ['b4:1', true, null],
    ]);
    // the refused one again, with one already received: that one is a duplicate under the same key
    const again = (await (await batch({ tasks: [item(task('b1')), item(task('b2'))] })).json()) as { results: Array<{ received: boolean; duplicate?: boolean }> };
    expect(again.results).toMatchObject([{ received: true }, { received: true, duplicate: true }]);
    expect(again.results[0]!.duplicate).toBeUndefined();
    expect(await sim.stats()).toMatchObject({ received: 3, duplicatesReceived: 1, duplicatesOtherKey: 0, pushRequests: { single: 0, batch: 2 } });
  });

  it('sends out of order and twice when asked, is down (503, then a closed port) and comes back, and keeps its sub-cases over a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'yj-dept-test-'));
    let sim = await start({ dataDir, faults: { outOfOrder: 1, duplicateCallbacks: 1 } });
    await push(sim, task('s2'), { key: 'ev-2' });
    const events = await until('four events', () => (yj.got.filter((g) => g.subcaseId === 's2').length >= 4 ? yj.got.filter((g) => g.subcaseId === 's2') : undefined));
    expect(events.map((e) => e.body.type)).toEqual(['approve', 'approve', 'accept', 'accept']);
    expect((await sim.stats()).callbacks).toMatchObject({ parked: 1, duplicatesSent: 2, outOfOrderSubcases: 1 });

    // down until told otherwise, then up again: no race with a timer
    await sim.inject({ reset: true, downMs: 600_000 });
    expect((await push(sim, task('s3'))).status).toBe(503);
    await sim.inject({ downMs: 0 });
    expect((await push(sim, task('s3'))).status).toBe(200);
    // a closed port for a while (long enough to be seen on a busy machine), then open again
    await sim.inject({ downMs: 5_000, downMode: 'close' });
    await until('the port closed', async () => (await push(sim, task('s4')).then(() => false, () => true)) || undefined);
    await until('the port open again', async () => (await push(sim, task('s4')).then((r) => r.status === 200, () => false)) || undefined);

    await until('s3 and s4 done and their callbacks sent', async () => {
      const st = await sim.stats();
      return (st.perStatus['10'] === 3 && st.pending.events === 0 && st.pending.undecided === 0) || undefined;
    });
    const port = sim.port;
    await sim.stop();
    sims.splice(sims.indexOf(sim), 1);
    sim = await start({ dataDir, port });
    const stats = await sim.stats();
    expect(stats).toMatchObject({ received: 3, perStatus: { '10': 3 }, pending: { events: 0, undecided: 0 } });
    expect((await (await push(sim, task('s2'), { key: 'ev-2' })).json()) as object).toMatchObject({ duplicate: true });
  });

  it('in pull mode fetches its tasks, acknowledges them, and answers', async () => {
    const sim = await start({ mode: 'pull', pollWaitS: 0 });
    yj.tasks.push(task('p1'));
    await until('ack', () => (yj.acks.includes('p1:1') ? true : undefined));
    await until('two events', () => (yj.got.filter((g) => g.subcaseId === 'p1').length >= 2 ? true : undefined));
    expect((await sim.stats()).perStatus).toEqual({ '10': 1 });
  });
});
