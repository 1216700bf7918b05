// The unified identity simulator as a process: it never redirects to an unknown client or callback,
// insists on PKCE S256, gives a code once and only for the right verifier and client secret, and
// publishes the key its ID tokens verify with.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcSimulator, type RunningOidcSimulator } from './start-simulator.ts';
import { OIDC_DEMO_PASSWORD } from './store.ts';

const CALLBACK = 'http://yijian.test/api/auth/oidc/callback';
const CLIENT = { clientId: 'c1', clientSecret: 's1-secret' };

describe('unified identity simulator', () => {
  let idp: RunningOidcSimulator;
  beforeAll(async () => {
    idp = await startOidcSimulator({ ...CLIENT, redirectUris: [CALLBACK] });
  });
  afterAll(async () => {
    await idp?.stop();
  });

  const verifier = randomBytes(32).toString('base64url');
  const params = (extra: Record<string, string> = {}) => new URLSearchParams({
    response_type: 'code', client_id: CLIENT.clientId, redirect_uri: CALLBACK, scope: 'openid', state: 's', nonce: 'n',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', ...extra,
  });
  async function code(): Promise<string> {
    const res = await fetch(`${idp.issuer}/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams([...params(), ['username', '13807310001'], ['password', OIDC_DEMO_PASSWORD]]) });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!).searchParams.get('code')!;
  }
  const token = (body: Record<string, string>, secret = CLIENT.clientSecret) => fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: CALLBACK, ...body }),
  });

  it('answers an unknown client or callback itself, and sends a request without PKCE back with an error', async () => {
    expect((await fetch(`${idp.issuer}/authorize?${params({ redirect_uri: 'https://evil.example/cb' })}`, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${idp.issuer}/authorize?${params({ client_id: 'nobody' })}`, { redirect: 'manual' })).status).toBe(400);
    const noPkce = await fetch(`${idp.issuer}/authorize?${params({ code_challenge_method: 'plain' })}`, { redirect: 'manual' });
    expect(noPkce.status).toBe(302);
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const wrong = await fetch(`${idp.issuer}/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams([...params(), ['username', '13807310001'], ['password', 'nope']]) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('手机号码或密码错误');
  });

  it('gives a code once, for the right verifier and secret, and an ID token its JWKS verifies', async () => {
    expect((await token({ code: await code(), code_verifier: verifier }, 'wrong-secret')).status).toBe(401);
    expect((await token({ code: await code(), code_verifier: randomBytes(32).toString('base64url') })).status).toBe(400);
    const c = await code();
    const ok = await token({ code: c, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const { id_token: idToken } = (await ok.json()) as { id_token: string };
    expect((await token({ code: c, code_verifier: verifier })).status).toBe(400); // used
    const [h, p, sig] = idToken.split('.') as [string, string, string];
    const { keys } = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Array<Record<string, string>> };
    const key = createPublicKey({ key: keys[0]!, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toMatchObject({ iss: idp.issuer, aud: CLIENT.clientId, nonce: 'n', name: '张三' });
  });
});
