// The city's unified identity (统一身份认证) over OpenID Connect: the authorization-code flow with
// PKCE (S256), the code exchanged at the token endpoint with the client secret, and the ID token
// verified here with node:crypto — RS256 signature against the provider's JWKS, issuer, audience,
// expiry and the nonce of this sign-in. See docs/adr/0002-identity-provider-seam.md.
import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import type { AuthenticationResult, IdentityClaims, IdentityProvider } from './identity-provider.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** per request to the provider */
  timeoutMs?: number;
}

export interface OidcCallbackCredentials {
  code: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  now: Date;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** The provider's claim names for 姓名, 公民身份号码, 手机号码 (the simulator's; a city's provider may differ). */
const CLAIMS = { name: 'name', idNumber: 'id_number', phone: 'phone_number' } as const;
/** clock difference tolerated between the provider and us */
const SKEW_S = 60;
const CACHE_MS = 10 * 60_000;

export const pkceChallenge = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

class ProviderUnavailable extends Error {}

export class OidcIdentityProvider implements IdentityProvider<OidcCallbackCredentials> {
  readonly name = 'oidc';
  #discovery: { at: number; value: Discovery } | undefined;
  #jwks: { at: number; keys: Array<JsonWebKey & { kid?: string; alg?: string; use?: string }> } | undefined;

  constructor(readonly settings: OidcSettings) {}

  async #get<T>(url: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000) });
    } catch (err) {
      throw new ProviderUnavailable(`${url}: ${String(err)}`);
    }
    if (!res.ok) throw new ProviderUnavailable(`${url} answered ${res.status}`);
    return (await res.json()) as T;
  }

  async discovery(): Promise<Discovery> {
    if (this.#discovery && Date.now() - this.#discovery.at < CACHE_MS) return this.#discovery.value;
    const d = await this.#get<Discovery>(`${this.settings.issuer}/.well-known/openid-configuration`);
    if (d.issuer !== this.settings.issuer) throw new ProviderUnavailable(`discovery names issuer ${d.issuer}, not ${this.settings.issuer}`);
    this.#discovery = { at: Date.now(), value: d };
    return d;
  }

  /** The provider's sign-in page for this attempt. */
  async authorizationUrl(p: { state: string; nonce: string; codeVerifier: string; redirectUri: string }): Promise<string> {
    const d = await this.discovery();
    const url = new URL(d.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code', client_id: this.settings.clientId, redirect_uri: p.redirectUri, scope: 'openid profile phone',
      state: p.state, nonce: p.nonce, code_challenge: pkceChallenge(p.codeVerifier), code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  async #key(kid: string | undefined): Promise<JsonWebKey | undefined> {
    const pick = () => this.#jwks?.keys.find((k) => k.kty === 'RSA' && (kid === undefined || k.kid === kid) && (k.use === undefined || k.use === 'sig'));
    if (!this.#jwks || Date.now() - this.#jwks.at > CACHE_MS || !pick()) {
      // a key we do not know may be a rotation: fetch the JWKS again (at most once per sign-in)
      const d = await this.discovery();
      const jwks = await this.#get<{ keys?: unknown }>(d.jwks_uri);
      this.#jwks = { at: Date.now(), keys: Array.isArray(jwks.keys) ? (jwks.keys as Array<JsonWebKey & { kid?: string }>) : [] };
    }
    return pick();
  }

  /** The ID token's claims when every check passes; otherwise what failed. */
  async verifyIdToken(token: string, expect: { nonce: string; now: Date }): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; detail: string }> {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, detail: 'malformed' };
    let header: { alg?: unknown; kid?: unknown };
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as typeof header;
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return { ok: false, detail: 'malformed' };
    }
    // only the algorithm we expect: never "none", never an HMAC keyed with a public key
    if (header.alg !== 'RS256') return { ok: false, detail: `alg ${String(header.alg)}` };
    const jwk = await this.#key(typeof header.kid === 'string' ? header.kid : undefined);
    if (!jwk) return { ok: false, detail: 'unknown key' };
    let signed: boolean;
    try {
      signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(parts[2]!, 'base64url'));
    } catch {
      return { ok: false, detail: 'unusable key' };
    }
    if (!signed) return { ok: false, detail: 'signature' };
    const now = Math.floor(expect.now.getTime() / 1000);
    const aud = claims.aud;
    if (claims.iss !== this.settings.issuer) return { ok: false, detail: 'issuer' };
    if (!(aud === this.settings.clientId || (Array.isArray(aud) && aud.includes(this.settings.clientId)))) return { ok: false, detail: 'audience' };
    if (Array.isArray(aud) && aud.length > 1 && claims.azp !== this.settings.clientId) return { ok: false, detail: 'authorized party' };
    if (typeof claims.exp !== 'number' || claims.exp + SKEW_S < now) return { ok: false, detail: 'expired' };
    if (typeof claims.iat === 'number' && claims.iat - SKEW_S > now) return { ok: false, detail: 'issued in the future' };
    if (claims.nonce !== expect.nonce) return { ok: false, detail: 'nonce' };
    if (typeof claims.sub !== 'string' || claims.sub === '') return { ok: false, detail: 'subject' };
    return { ok: true, claims };
  }

  async authenticate(c: OidcCallbackCredentials): Promise<AuthenticationResult> {
    let tokenAnswer: { id_token?: unknown };
    try {
      const d = await this.discovery();
      const basic = Buffer.from(`${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`).toString('base64');
      let res: Response;
      try {
        res = await fetch(d.token_endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: c.code, redirect_uri: c.redirectUri, code_verifier: c.codeVerifier }).toString(),
          signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000),
        });
      } catch (err) {
        throw new ProviderUnavailable(String(err));
      }
      if (res.status >= 500) throw new ProviderUnavailable(`token endpoint answered ${res.status}`);
      if (!res.ok) return { ok: false, failure: 'token_refused', detail: `token endpoint answered ${res.status}` };
      tokenAnswer = (await res.json()) as { id_token?: unknown };
      if (typeof tokenAnswer.id_token !== 'string') return { ok: false, failure: 'invalid_token', detail: 'no id_token' };
      const checked = await this.verifyIdToken(tokenAnswer.id_token, { nonce: c.nonce, now: c.now });
      if (!checked.ok) return { ok: false, failure: 'invalid_token', detail: checked.detail };
      const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
      const claims: IdentityClaims = {};
      const name = str(checked.claims[CLAIMS.name]);
      const idNumber = str(checked.claims[CLAIMS.idNumber])?.toUpperCase();
      const phone = str(checked.claims[CLAIMS.phone]);
      if (name) claims.name = name;
      if (idNumber) claims.idNumber = idNumber;
      if (phone) claims.phone = phone;
      return { ok: true, identity: { subject: `${this.settings.issuer}|${String(checked.claims.sub)}`, claims } };
    } catch (err) {
      if (err instanceof ProviderUnavailable) return { ok: false, failure: 'provider_unavailable', detail: err.message };
      throw err;
    }
  }
}
