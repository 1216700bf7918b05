// The demo city's adapters (only with SEED_DEMO): the units of the demo officer accounts keep the
// back office; a few other units get each kind, so the demo shows push, pull and 二次录入.
// DEMO ONLY: the keys are derived from a fixed, published seed — never use them for a real unit.
// The department simulators started by `npm start` use the same secrets (see /tmp/notes/demo-adapters.md).
import { createHmac } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { recordAudit } from '../audit/index.ts';
import { invalidateAdapterCache } from './adapters.ts';
import * as repo from './dispatch.repo.ts';
import type { TAdapterKind } from '../../contract/dispatch.ts';

const DEMO_SEED = 'yijian-demo-adapter-seed · NOT FOR PRODUCTION';
export const DEMO_KEY_ID = 'demo-1';

export const DEMO_ADAPTERS: ReadonlyArray<{ unitCode: string; kind: Exclude<TAdapterKind, 'back-office'>; settings?: Record<string, unknown> }> = [
  { unitCode: 'city-housing-fund', kind: 'push' },
  // a busy system that takes its sub-cases in batches (POST /subcases/batch)
  { unitCode: 'city-market-regulation', kind: 'push', settings: { batchSize: 20 } },
  { unitCode: 'city-natural-resources', kind: 'pull' },
  { unitCode: 'city-housing-construction', kind: 'manual' },
  { unitCode: 'city-civil-affairs', kind: 'manual' },
];

/** The demo secret of a unit: hex HMAC-SHA256(DEMO_SEED, unitCode). */
export function demoAdapterSecret(unitCode: string): string {
  return createHmac('sha256', DEMO_SEED).update(unitCode).digest('hex');
}

/**
 * Creates the demo adapters that are missing (an admin's later change is kept) and their demo key;
 * with `endpoints` (unit → base URL of its simulator, which changes on every start) it points the
 * push and pull units at them.
 */
export async function seedDemoAdapters(db: Db, endpoints: Readonly<Record<string, string>> = {}, at = new Date()): Promise<{ created: string[] }> {
  const created: string[] = [];
  const present = new Set((await db.selectFrom('units').select('code').where('code', 'in', DEMO_ADAPTERS.map((a) => a.unitCode)).execute()).map((u) => u.code));
  for (const a of DEMO_ADAPTERS) {
    if (!present.has(a.unitCode)) continue; // a trimmed catalog (tests)
    const endpoint = endpoints[a.unitCode] ?? null;
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('unit_adapters').select(['kind', 'endpoint_url']).where('unit_code', '=', a.unitCode).forUpdate().executeTakeFirst();
      if (!row) {
        await repo.upsertAdapter(tx, { unitCode: a.unitCode, kind: a.kind, endpointUrl: endpoint, settings: a.settings ?? {}, by: null, at });
        if (a.kind !== 'manual') await repo.insertKey(tx, a.unitCode, DEMO_KEY_ID, demoAdapterSecret(a.unitCode), at);
        await recordAudit(tx, { actorId: null, actorRole: 'system', action: 'dispatch.adapter.set', targetType: 'unit', targetId: a.unitCode, detail: { source: 'demo-seed', kind: a.kind, endpointUrl: endpoint } });
        created.push(a.unitCode);
      } else if (endpoint && row.kind === a.kind && row.endpoint_url !== endpoint) {
        await tx.updateTable('unit_adapters').set({ endpoint_url: endpoint, updated_at: at }).where('unit_code', '=', a.unitCode).execute();
      }
    });
  }
  invalidateAdapterCache();
  return { created };
}

/** Units whose active key is a demo key (its id, or a secret derived from the published seed): refused in production. */
export async function unitsWithDemoKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('unit_keys').select(['unit_code', 'key_id', 'secret']).where('retired_at', 'is', null).execute();
  return [...new Set(rows.filter((r) => r.key_id === DEMO_KEY_ID || r.secret === demoAdapterSecret(r.unit_code)).map((r) => r.unit_code))].sort();
}
