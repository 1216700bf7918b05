// Per-unit adapter configuration (how a unit's system takes its sub-cases) and its signing keys,
// edited by platform admins; every change is audited. A rotation adds a key whose secret is shown
// once; the old key stays valid until it is retired, so the unit can switch without downtime.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findUnit } from '../org/index.ts';
import * as repo from './dispatch.repo.ts';
import type { TAdapter, TAdapterInput } from '../../contract/dispatch.ts';

export const unitNotFound = () => notFound({ zh: '单位', en: 'Unit' }, 'UNIT_NOT_FOUND');

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function present(a: repo.AdapterRow, unitName: string, keys: readonly repo.KeyRow[]): TAdapter {
  return {
    unitCode: a.unit_code, unitName, kind: a.kind, endpointUrl: a.endpoint_url, settings: a.settings,
    keys: keys.map((k) => ({ keyId: k.key_id, createdAt: iso(k.created_at)!, retiredAt: iso(k.retired_at) })),
    updatedAt: iso(a.updated_at),
  };
}

/** Units with a configured adapter (every other unit works in the back office). */
export async function listAdapterViews(db: Db): Promise<TAdapter[]> {
  const rows = await repo.listAdapters(db);
  const keys = await repo.listAllKeys(db, rows.map((r) => r.unit_code));
  const names = new Map((await db.selectFrom('units').select(['code', 'name']).where('code', 'in', rows.length ? rows.map((r) => r.unit_code) : ['']).execute()).map((u) => [u.code, u.name]));
  return rows.map((r) => present(r, names.get(r.unit_code) ?? r.unit_code, keys.filter((k) => k.unit_code === r.unit_code)));
}

export async function getAdapterView(db: Db, unitCode: string): Promise<TAdapter> {
  const unit = await findUnit(db, unitCode);
  if (!unit) throw unitNotFound();
  return present(await repo.getAdapter(db, unitCode), unit.name, await repo.listKeys(db, unitCode));
}

export async function setAdapter(db: Db, actor: Actor, unitCode: string, input: TAdapterInput, at: Date): Promise<TAdapter> {
  if (!(await findUnit(db, unitCode))) throw unitNotFound();
  await db.transaction().execute(async (tx) => {
    const before = await repo.getAdapter(tx, unitCode);
    await repo.upsertAdapter(tx, { unitCode, kind: input.kind, endpointUrl: input.endpointUrl, settings: input.settings, by: actor.id, at });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'dispatch.adapter.set', targetType: 'unit', targetId: unitCode,
      detail: { from: { kind: before.kind, endpointUrl: before.endpoint_url }, to: { kind: input.kind, endpointUrl: input.endpointUrl, settings: input.settings } },
    });
  });
  invalidateAdapterCache();
  return getAdapterView(db, unitCode);
}

export interface NewKey {
  unitCode: string;
  keyId: string;
  secret: string;
  createdAt: string;
}

/** Adds a key (rotation); its secret is returned here only. */
export async function rotateKey(db: Db, actor: Actor | null, unitCode: string, at: Date, wanted?: { keyId?: string | undefined; secret?: string }): Promise<NewKey> {
  if (!(await findUnit(db, unitCode))) throw unitNotFound();
  const keyId = wanted?.keyId ?? `k${at.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  const secret = wanted?.secret ?? randomBytes(32).toString('hex');
  await db.transaction().execute(async (tx) => {
    if (!(await repo.insertKey(tx, unitCode, keyId, secret, at)))
      throw new AppError('conflict', 'ADAPTER_KEY_EXISTS', { zh: '该单位已有此密钥编号', en: 'The unit already has a key with this id' });
    await recordAudit(tx, { actorId: actor?.id ?? null, actorRole: actor?.role ?? 'system', action: 'dispatch.adapter.key.create', targetType: 'unit', targetId: unitCode, detail: { keyId } });
  });
  invalidateAdapterCache();
  return { unitCode, keyId, secret, createdAt: at.toISOString() };
}

export async function retireKey(db: Db, actor: Actor, unitCode: string, keyId: string, at: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await repo.retireKey(tx, unitCode, keyId, at);
    if (r === 'missing') throw notFound({ zh: '密钥', en: 'Key' }, 'ADAPTER_KEY_NOT_FOUND');
    if (r === 'already') throw new AppError('conflict', 'ADAPTER_KEY_RETIRED', { zh: '该密钥已停用', en: 'The key is retired already' });
    await recordAudit(tx, { actorId: actor.id, actorRole: actor.role, action: 'dispatch.adapter.key.retire', targetType: 'unit', targetId: unitCode, detail: { keyId } });
  });
  invalidateAdapterCache();
}

// The delivery path reads a unit's adapter and signing key for every event: cache them briefly.
// An admin's change is seen at once in this process and within ADAPTER_CACHE_MS in others.
const ADAPTER_CACHE_MS = 2000;
interface Cached { at: number; adapter: repo.AdapterRow; key: { keyId: string; secret: string } | undefined }
const cache = new Map<string, Cached>();

export function invalidateAdapterCache(): void {
  cache.clear();
}

export async function adapterFor(db: Db, unitCode: string): Promise<Cached> {
  const hit = cache.get(unitCode);
  if (hit && Date.now() - hit.at < ADAPTER_CACHE_MS) return hit;
  const adapter = await repo.getAdapter(db, unitCode);
  const key = adapter.kind === 'push' || adapter.kind === 'pull' ? await repo.signingKey(db, unitCode) : undefined;
  const fresh = { at: Date.now(), adapter, key };
  cache.set(unitCode, fresh);
  return fresh;
}
