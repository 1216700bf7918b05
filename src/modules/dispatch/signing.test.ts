// The request signature both ways: good, wrong key, old timestamp, unknown/retired key, two keys during a rotation.
import { describe, expect, it } from 'vitest';
import { canonicalString, computeSignature, sameSignature, signRequest, verifySignature } from './signing.ts';

const NOW = new Date('2026-11-28T06:00:00Z');
const PATH = '/api/adapter/v1/subcases/6c1e0c4a-2d0b-4b8e-8b7c-1f2e3d4c5b6a/events';
const BODY = '{"eventId":"e-1","sequence":1,"type":"accept","occurredAt":"2026-11-28T06:00:00Z"}';

function verify(headers: Record<string, string>, keys: Record<string, string>, opts: { now?: Date; body?: string; path?: string; method?: string } = {}) {
  return verifySignature({
    headers, method: opts.method ?? 'POST', pathWithQuery: opts.path ?? PATH, body: opts.body ?? BODY, now: opts.now ?? NOW,
    secretOf: (unit, keyId) => (unit === 'city-housing-fund' ? keys[keyId] : undefined),
  });
}

const sign = (keyId: string, secret: string, now = NOW) => signRequest({ unitCode: 'city-housing-fund', keyId, secret, method: 'POST', pathWithQuery: PATH, body: BODY, now });

describe('request signing', () => {
  it('signs HMAC-SHA256 over timestamp, method, path and body (the documented worked example)', () => {
    expect(canonicalString('1764309600', 'post', '/x?a=1', '{}')).toBe('1764309600\nPOST\n/x?a=1\n{}');
    // docs/integration.md shows this value for the same inputs
    expect(computeSignature('demo-secret', '1764309600', 'POST', '/api/adapter/v1/tasks/abc/ack', '{"caseNo":"GJJ-1"}'))
      .toBe('v1=047d4fcbf5b13e03d6f7abb59a40163b42720ef6626124d767fe34015b875622');
    const h = sign('k1', 's1');
    expect(h).toMatchObject({ 'x-yj-unit': 'city-housing-fund', 'x-yj-key-id': 'k1', 'x-yj-timestamp': String(NOW.getTime() / 1000) });
    expect(h['x-yj-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('accepts a good signature', async () => {
    expect(await verify(sign('k1', 's1'), { k1: 's1' })).toEqual({ ok: true, unitCode: 'city-housing-fund', keyId: 'k1' });
  });

  it('refuses a wrong key, a changed body, path or method', async () => {
    expect(await verify(sign('k1', 'wrong'), { k1: 's1' })).toMatchObject({ ok: false, problem: 'MISMATCH' });
    expect(await verify(sign('k1', 's1'), { k1: 's1' }, { body: BODY.replace('accept', 'approve') })).toMatchObject({ ok: false, problem: 'MISMATCH' });
    expect(await verify(sign('k1', 's1'), { k1: 's1' }, { path: PATH + '?x=1' })).toMatchObject({ ok: false, problem: 'MISMATCH' });
    expect(await verify(sign('k1', 's1'), { k1: 's1' }, { method: 'PUT' })).toMatchObject({ ok: false, problem: 'MISMATCH' });
  });

  it('refuses a timestamp more than 300 s away, either way', async () => {
    expect(await verify(sign('k1', 's1', new Date(NOW.getTime() - 299_000)), { k1: 's1' })).toMatchObject({ ok: true });
    expect(await verify(sign('k1', 's1', new Date(NOW.getTime() - 301_000)), { k1: 's1' })).toMatchObject({ ok: false, problem: 'STALE_TIMESTAMP' });
    expect(await verify(sign('k1', 's1', new Date(NOW.getTime() + 301_000)), { k1: 's1' })).toMatchObject({ ok: false, problem: 'STALE_TIMESTAMP' });
    expect(await verify({ ...sign('k1', 's1'), 'x-yj-timestamp': 'soon' }, { k1: 's1' })).toMatchObject({ ok: false, problem: 'BAD_TIMESTAMP' });
  });

  it('refuses a retired or unknown key and missing headers', async () => {
    // a retired key is no longer among the valid secrets
    expect(await verify(sign('k1', 's1'), { k2: 's2' })).toMatchObject({ ok: false, problem: 'UNKNOWN_KEY' });
    const { 'x-yj-signature': _, ...unsigned } = sign('k1', 's1');
    expect(await verify(unsigned, { k1: 's1' })).toMatchObject({ ok: false, problem: 'MISSING_HEADERS' });
    expect(await verify({}, { k1: 's1' })).toMatchObject({ ok: false, problem: 'MISSING_HEADERS' });
  });

  it('accepts both keys while a rotation overlaps', async () => {
    const keys = { old: 's-old', new: 's-new' };
    expect(await verify(sign('old', 's-old'), keys)).toMatchObject({ ok: true, keyId: 'old' });
    expect(await verify(sign('new', 's-new'), keys)).toMatchObject({ ok: true, keyId: 'new' });
    expect(await verify(sign('new', 's-old'), keys)).toMatchObject({ ok: false, problem: 'MISMATCH' });
  });

  it('compares in constant time and treats different lengths as unequal', () => {
    expect(sameSignature('v1=ab', 'v1=ab')).toBe(true);
    expect(sameSignature('v1=ab', 'v1=abc')).toBe(false);
  });

  it('signs a body given as its UTF-8 bytes exactly as the same body given as text', () => {
    const body = JSON.stringify({ tasks: [{ idempotencyKey: 's1:1', task: { matterName: '出生医学证明签发' } }] });
    const text = computeSignature('k', '1764316800', 'POST', '/subcases/batch', body);
    expect(computeSignature('k', '1764316800', 'POST', '/subcases/batch', Buffer.from(body, 'utf8'))).toBe(text);
    expect(computeSignature('k', '1764316800', 'POST', '/subcases/batch', Buffer.from(`${body} `, 'utf8'))).not.toBe(text);
  });
});
