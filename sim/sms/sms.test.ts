// The SMS provider simulator as a real process: validation, idempotency, faults, persistence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmsSimulator, type RunningSmsSimulator } from './start-simulator.ts';

describe('SMS simulator', () => {
  let sim: RunningSmsSimulator;
  beforeAll(async () => {
    sim = await startSmsSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  const post = (body: unknown) => fetch(`${sim.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('accepts a message once per idempotency key', async () => {
    const first = await post({ to: '13807310001', text: '您好 hello', idempotencyKey: 'k-1' });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const again = await post({ to: '13807310001', text: '您好 hello', idempotencyKey: 'k-1' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    expect((await sim.messages('13807310001')).map((m) => m.id)).toEqual([id]);
  });

  it('refuses a bad number or body', async () => {
    const bad = await post({ to: '12345', text: 'x', idempotencyKey: 'k-2' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_PHONE');
    expect((await post({ to: '13807310001', text: '', idempotencyKey: 'k-3' })).status).toBe(400);
    expect((await fetch(`${sim.url}/messages`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('fails the next sends on request, then recovers', async () => {
    await sim.inject({ failNext: 2, status: 502 });
    expect((await post({ to: '13807310002', text: 'a', idempotencyKey: 'k-4' })).status).toBe(502);
    expect((await post({ to: '13807310002', text: 'a', idempotencyKey: 'k-4' })).status).toBe(502);
    expect((await post({ to: '13807310002', text: 'a', idempotencyKey: 'k-4' })).status).toBe(201);
    expect(await sim.messages('13807310002')).toHaveLength(1);
  });

  it('keeps its messages across a restart', async () => {
    const dir = sim.dataDir;
    const again = await startSmsSimulator({ dataDir: dir });
    try {
      const res = await fetch(`${again.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: '13807310001', text: '您好 hello', idempotencyKey: 'k-1' }) });
      expect(res.status).toBe(200);
      expect((await again.messages()).length).toBeGreaterThanOrEqual(2);
    } finally {
      await again.stop();
    }
  });
});
