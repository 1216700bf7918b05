// The seam where a city's unified identity provider (统一身份认证, OIDC) plugs in; see
// docs/adr/0002-identity-provider-seam.md. A provider proves who someone is; Yijian decides what
// they may do (role, unit, company) from its own users table.
import type { Db } from '../../platform/db.ts';
import { findUserByUsername } from './identity.repo.ts';
import { timingDummyHash, verifyPassword } from './password.ts';

/** What a provider asserts about the person, in its own vocabulary mapped to ours. */
export interface IdentityClaims {
  name?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  /** enterprise login: the company the person is authorised to act for */
  creditCode?: string;
  enterpriseName?: string;
}

export interface AuthenticatedIdentity {
  /**
   * Stable, provider-scoped subject, e.g. "password:42" or "https://idp.changsha.gov.cn|8f3c…" (issuer|sub).
   * External subjects are linked to users through users.external_subject.
   */
  subject: string;
  claims: IdentityClaims;
  /** Set by providers that already know the local user (the password provider does). */
  userId?: number;
}

export type AuthenticationFailure =
  | 'unknown_user' | 'bad_credentials'
  /** OIDC: the provider refused the code, its ID token failed a check (signature, issuer, audience, expiry, nonce), or it could not be reached */
  | 'token_refused' | 'invalid_token' | 'provider_unavailable';

export type AuthenticationResult =
  | { ok: true; identity: AuthenticatedIdentity }
  | { ok: false; failure: AuthenticationFailure; /** when the account exists */ userId?: number; /** what failed, for the audit row */ detail?: string };

export interface IdentityProvider<Credentials> {
  /** "password", "oidc" … — recorded in the audit trail */
  readonly name: string;
  authenticate(credentials: Credentials): Promise<AuthenticationResult>;
}

export interface PasswordCredentials {
  username: string;
  password: string;
}

/** Local accounts with scrypt hashes: demo accounts, staff without a city account, development. */
export class PasswordIdentityProvider implements IdentityProvider<PasswordCredentials> {
  readonly name = 'password';
  constructor(private readonly db: Db) {}

  async authenticate({ username, password }: PasswordCredentials): Promise<AuthenticationResult> {
    const user = await findUserByUsername(this.db, username);
    if (!user) {
      await verifyPassword(password, await timingDummyHash()); // same cost as a wrong password: no username probing by timing
      return { ok: false, failure: 'unknown_user' };
    }
    if (!(await verifyPassword(password, user.password_hash))) return { ok: false, failure: 'bad_credentials', userId: user.id };
    return {
      ok: true,
      identity: { subject: `password:${user.id}`, userId: user.id, claims: { name: user.display_name } },
    };
  }
}
