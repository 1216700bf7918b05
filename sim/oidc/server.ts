// The HTTP face of the unified-identity (统一身份认证) simulator: an OpenID Connect provider with the
// authorization-code flow and PKCE (S256), RS256 ID tokens and a JWKS. Plain node:http, independent
// of Yijian's app, as the province's provider would be.
//   GET  /.well-known/openid-configuration
//   GET  /authorize?response_type=code&client_id&redirect_uri&scope=openid&state&nonce&code_challenge&code_challenge_method=S256
//        → a sign-in page; POST /authorize (the page's form) → 302 redirect_uri?code&state
//   POST /token   grant_type=authorization_code, code, redirect_uri, code_verifier; client_secret_basic or _post
//   GET  /jwks    GET /userinfo (Bearer)    GET /health
//   POST /faults  {mode: none|bad-signature|wrong-nonce|wrong-audience|expired|token-error|slow, count?, slowMs?}
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { OidcFaults, ZOidcFaults } from './faults.ts';
import type { OidcPerson, OidcStore } from './store.ts';

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface OidcServerOptions {
  store: OidcStore;
  clients: OidcClient[];
  /** the issuer URL; when it depends on the port, a function read at each request */
  issuer: () => string;
  delayMs?: number;
  log?: (line: Record<string, unknown>) => void;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  sub: string;
  expiresAt: number;
}

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 600;

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string) => send(res, status, { error, error_description: description });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function loginPage(params: URLSearchParams, error?: string): string {
  const hidden = [...params].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n      ');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>湖南省统一身份认证（模拟） · Unified identity (simulated)</title>
  <style>
    body { font: 18px/1.6 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 0; background: #f3f6fa; color: #1a1a1a; }
    main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 8px; }
    h1 { font-size: 1.4rem; margin-top: 0; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input[type=text], input[type=password] { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: .6rem; border: 1px solid #555; border-radius: 4px; }
    button { margin-top: 1.5rem; width: 100%; font-size: 1.1rem; padding: .75rem; background: #0b57a4; color: #fff; border: 0; border-radius: 4px; }
    .error { color: #a4000f; font-weight: 600; }
    .en { color: #444; font-size: .9rem; }
  </style>
</head>
<body>
  <main>
    <h1>湖南省统一身份认证平台（模拟）</h1>
    <p class="en" lang="en">Hunan unified identity (simulator)</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/authorize">
      ${hidden}
      <label for="username">手机号码 <span class="en" lang="en">Phone number</span></label>
      <input id="username" name="username" type="text" inputmode="numeric" autocomplete="username" required>
      <label for="password">密码 <span class="en" lang="en">Password</span></label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">登录并授权 <span lang="en">Sign in</span></button>
    </form>
  </main>
</body>
</html>`;
}

export function createOidcServer(opts: OidcServerOptions): Server {
  const faults = new OidcFaults();
  const codes = new Map<string, PendingCode>();
  const tokens = new Map<string, { sub: string; expiresAt: number }>();
  const signingKey: KeyObject = createPrivateKey({ key: opts.store.key.privateJwk, format: 'jwk' });
  // a key the JWKS does not publish: what "bad-signature" signs with (made when first needed: start-up stays quick)
  let strangerKey: KeyObject | undefined;
  const stranger = () => (strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);

  const clientOf = (id: string | null) => opts.clients.find((c) => c.clientId === id);

  function idToken(person: OidcPerson, clientId: string, nonce: string | undefined, fault: ReturnType<OidcFaults['next']>): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: opts.store.key.kid };
    const claims = {
      iss: opts.issuer(), sub: person.sub, aud: fault?.mode === 'wrong-audience' ? 'someone-else' : clientId,
      iat: now, exp: fault?.mode === 'expired' ? now - 120 : now + TOKEN_TTL_S, auth_time: now,
      ...(nonce ? { nonce: fault?.mode === 'wrong-nonce' ? b64url(randomBytes(16)) : nonce } : {}),
      name: person.name, id_number: person.idNumber, phone_number: person.phone,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), fault?.mode === 'bad-signature' ? stranger() : signingKey);
    return `${input}.${b64url(signature)}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://oidc.local');
    const method = req.method ?? 'GET';
    const issuer = opts.issuer();
    if (url.pathname === '/health') return send(res, 200, { status: 'ok', people: opts.store.people.length, faults: faults.current });
    if (url.pathname === '/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ['code'], grant_types_supported: ['authorization_code'], subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'], code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'], scopes_supported: ['openid', 'profile', 'phone'],
        claims_supported: ['sub', 'name', 'id_number', 'phone_number'],
      });
    }
    if (url.pathname === '/jwks') return send(res, 200, { keys: [{ ...opts.store.key.publicJwk, kid: opts.store.key.kid, alg: 'RS256', use: 'sig' }] });
    if (url.pathname === '/faults' && method === 'POST') {
      let parsed;
      try {
        parsed = ZOidcFaults.safeParse(JSON.parse(await readBody(req)));
      } catch {
        return send(res, 400, { error: { code: 'INVALID_JSON', message: { zh: '请求体须为 JSON', en: 'The body must be JSON' } } });
      }
      if (!parsed.success) return send(res, 400, { error: { code: 'INVALID_FAULTS', message: { zh: '故障设置无效', en: 'Invalid faults' } } });
      faults.set(parsed.data);
      return send(res, 200, faults.current);
    }
    if (url.pathname === '/authorize') {
      const params = method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
      const client = clientOf(params.get('client_id'));
      const redirectUri = params.get('redirect_uri') ?? '';
      // an unknown client or redirect must never be redirected to: answer here
      if (!client || !client.redirectUris.includes(redirectUri)) return oauthError(res, 400, 'invalid_request', 'unknown client_id or redirect_uri');
      const back = (q: Record<string, string>) => {
        const to = new URL(redirectUri);
        for (const [k, v] of Object.entries(q)) to.searchParams.set(k, v);
        const state = params.get('state');
        if (state) to.searchParams.set('state', state);
        res.writeHead(302, { location: to.toString(), 'cache-control': 'no-store' });
        res.end();
      };
      if (params.get('response_type') !== 'code' || !(params.get('scope') ?? '').split(' ').includes('openid')) return back({ error: 'invalid_request' });
      const challenge = params.get('code_challenge') ?? '';
      if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return back({ error: 'invalid_request', error_description: 'PKCE S256 required' });
      const shown = new URLSearchParams([...params].filter(([k]) => k !== 'username' && k !== 'password'));
      const page = (error?: string) => {
        const html = loginPage(shown, error);
        res.writeHead(error ? 401 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(html) });
        res.end(html);
      };
      if (method === 'GET') return page();
      if (params.get('cancel')) return back({ error: 'access_denied' });
      const person = opts.store.byUsername(params.get('username') ?? '');
      if (!person || !sameText(person.password, params.get('password') ?? '')) return page('手机号码或密码错误 / Wrong phone number or password');
      const code = b64url(randomBytes(24));
      codes.set(code, { clientId: client.clientId, redirectUri, codeChallenge: challenge, nonce: params.get('nonce') ?? undefined, sub: person.sub, expiresAt: Date.now() + CODE_TTL_MS });
      opts.log?.({ event: 'authorize', sub: person.sub, client: client.clientId });
      return back({ code });
    }
    if (url.pathname === '/token' && method === 'POST') {
      const fault = faults.next();
      if (fault?.mode === 'slow') await new Promise((r) => setTimeout(r, fault.slowMs));
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (fault?.mode === 'token-error') return oauthError(res, 500, 'server_error', 'injected fault');
      const body = new URLSearchParams(await readBody(req));
      let clientId = body.get('client_id');
      let secret = body.get('client_secret');
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      if (basic) {
        const [id, s] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id ?? '');
        secret = decodeURIComponent(s ?? '');
      }
      const client = clientOf(clientId);
      if (!client || !sameText(client.clientSecret, secret ?? '')) return oauthError(res, 401, 'invalid_client', 'client authentication failed');
      if (body.get('grant_type') !== 'authorization_code') return oauthError(res, 400, 'unsupported_grant_type', 'authorization_code only');
      const code = body.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code); // a code is good once
      if (!pending || pending.expiresAt < Date.now() || pending.clientId !== client.clientId || pending.redirectUri !== body.get('redirect_uri'))
        return oauthError(res, 400, 'invalid_grant', 'unknown, used or expired code');
      const verifier = body.get('code_verifier') ?? '';
      if (!sameText(b64url(createHash('sha256').update(verifier).digest()), pending.codeChallenge)) return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
      const person = opts.store.bySub(pending.sub);
      if (!person) return oauthError(res, 400, 'invalid_grant', 'the account is gone');
      const accessToken = b64url(randomBytes(32));
      tokens.set(accessToken, { sub: person.sub, expiresAt: Date.now() + TOKEN_TTL_S * 1000 });
      opts.log?.({ event: 'token', sub: person.sub, fault: fault?.mode ?? null });
      return send(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_S, id_token: idToken(person, client.clientId, pending.nonce, fault), scope: 'openid profile phone' });
    }
    if (url.pathname === '/userinfo') {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const t = bearer ? tokens.get(bearer) : undefined;
      const person = t && t.expiresAt > Date.now() ? opts.store.bySub(t.sub) : undefined;
      if (!person) return send(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
      return send(res, 200, { sub: person.sub, name: person.name, id_number: person.idNumber, phone_number: person.phone });
    }
    return send(res, 404, { error: { code: 'NOT_FOUND', message: { zh: '接口不存在', en: 'No such endpoint' } } });
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      opts.log?.({ event: 'error', error: String(err) });
      send(res, 400, { error: 'invalid_request', error_description: 'the request could not be read' });
    });
  });
}
