// The unified-identity simulator's own storage, in its data directory: its signing key (so tokens
// stay verifiable across restarts, as a real provider's would) and its accounts (people.json), seeded
// with the demo city's people the first time. Codes and access tokens live in memory: they are
// short-lived, and a restart ends every sign-in under way, as it would at a real provider.
import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoPeople } from '../registries/demo-seed.ts';

export interface OidcPerson {
  /** the provider's stable subject */
  sub: string;
  /** what the person types to sign in: their phone number */
  username: string;
  password: string;
  name: string;
  idNumber: string;
  phone: string;
}

export interface SigningKey {
  kid: string;
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

/** DEMO ONLY: the password of every seeded account at the simulated provider. */
export const OIDC_DEMO_PASSWORD = 'Xiang@2023';

function seedPeople(): OidcPerson[] {
  const p = demoPeople();
  // 张三 has a Yijian account (linked by ID number on first sign-in); 刘婷 and 周杰明 do not (created)
  return [
    { person: p.zhangSan, phone: '13807310001' },
    { person: p.liuTing, phone: '13807310011' },
    { person: p.zhouJieming, phone: '13807310012' },
  ].map(({ person, phone }) => ({ sub: randomUUID(), username: phone, password: OIDC_DEMO_PASSWORD, name: person.name, idNumber: person.idNumber, phone }));
}

export class OidcStore {
  private constructor(readonly key: SigningKey, readonly people: OidcPerson[]) {}

  static load(dataDir: string): OidcStore {
    mkdirSync(dataDir, { recursive: true });
    const keyFile = path.join(dataDir, 'signing-key.json');
    const peopleFile = path.join(dataDir, 'people.json');
    if (!existsSync(keyFile)) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const key: SigningKey = { kid: randomUUID().slice(0, 8), privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: publicKey.export({ format: 'jwk' }) };
      writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
    }
    if (!existsSync(peopleFile)) writeFileSync(peopleFile, JSON.stringify(seedPeople(), null, 2));
    return new OidcStore(JSON.parse(readFileSync(keyFile, 'utf8')) as SigningKey, JSON.parse(readFileSync(peopleFile, 'utf8')) as OidcPerson[]);
  }

  byUsername(username: string): OidcPerson | undefined {
    return this.people.find((p) => p.username === username.trim());
  }

  bySub(sub: string): OidcPerson | undefined {
    return this.people.find((p) => p.sub === sub);
  }
}
