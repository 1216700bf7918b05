// The demo city's adapters (only with SEED_DEMO): the units of the demo officer accounts keep the
// back office; the others that the themes route the demo applicants to get a simulated system (push
// or pull, sim/departments/demo.json) or 二次录入 with a clerk — tests/demo-city.test.ts checks that
// every such unit is handled one way or another.
// DEMO ONLY: the keys are derived from the installation's random demo seed (platform/demo-secrets.ts,
// DATA_DIR/demo-secrets.json); the department simulators started by `npm start` derive the same.
import { createHmac } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { recordAudit } from '../audit/index.ts';
import { invalidateAdapterCache } from './adapters.ts';
import * as repo from './dispatch.repo.ts';
import type { TAdapterKind } from '../../contract/dispatch.ts';

export const DEMO_KEY_ID = 'demo-1';

export const DEMO_ADAPTERS: ReadonlyArray<{ unitCode: string; kind: Exclude<TAdapterKind, 'back-office'>; settings?: Record<string, unknown> }> = [
  // push: the unit's system takes each sub-case at its own endpoint (sim/departments/demo.json runs it)
  { unitCode: 'city-housing-fund', kind: 'push' },
  // a busy system that takes its sub-cases in batches (POST /subcases/batch)
  { unitCode: 'city-market-regulation', kind: 'push', settings: { batchSize: 20 } },
  // 医保信息平台: the city's and the demo applicants' district healthcare security bureaus
  { unitCode: 'city-medical-insurance', kind: 'push' },
  { unitCode: 'tianxin-medical-insurance', kind: 'push' },
  { unitCode: 'yuelu-medical-insurance', kind: 'push' },
  { unitCode: 'city-fire-rescue', kind: 'push' },
  { unitCode: 'city-water-group', kind: 'push' },
  { unitCode: 'xinao-gas', kind: 'push' },
  // pull: the unit's system fetches its tasks (behind its own network boundary)
  { unitCode: 'city-natural-resources', kind: 'pull' },
  { unitCode: 'city-police', kind: 'pull' },
  { unitCode: 'city-education', kind: 'pull' },
  { unitCode: 'city-public-resources', kind: 'pull' },
  { unitCode: 'state-grid-changsha', kind: 'pull' },
  // manual: no interface; their officers (officer-housing, officer-civil) work the 二次录入 queue
  { unitCode: 'city-housing-construction', kind: 'manual' },
  { unitCode: 'city-civil-affairs', kind: 'manual' },
];

/** The demo secret of a unit: hex HMAC-SHA256(the installation's demo seed, unitCode). */
export function demoAdapterSecret(unitCode: string, seed: string): string {
  return createHmac('sha256', seed).update(unitCode).digest('hex');
}

/**
 * Creates the demo adapters that are missing (an admin's later change is kept) and their demo key;
 * with `endpoints` (unit → base URL of its simulator, which changes on every start) it points the
 * push and pull units at them.
 */
export async function seedDemoAdapters(db: Db, seed: string, endpoints: Readonly<Record<string, string>> = {}, at = new Date()): Promise<{ created: string[] }> {
  const created: string[] = [];
  const present = new Set((await db.selectFrom('units').select('code').where('code', 'in', DEMO_ADAPTERS.map((a) => a.unitCode)).execute()).map((u) => u.code));
  for (const a of DEMO_ADAPTERS) {
    if (!present.has(a.unitCode)) continue; // a trimmed catalog (tests)
    const endpoint = endpoints[a.unitCode] ?? null;
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('unit_adapters').select(['kind', 'endpoint_url']).where('unit_code', '=', a.unitCode).forUpdate().executeTakeFirst();
      if (!row) {
        await repo.upsertAdapter(tx, { unitCode: a.unitCode, kind: a.kind, endpointUrl: endpoint, settings: a.settings ?? {}, by: null, at });
        if (a.kind !== 'manual') await repo.insertKey(tx, a.unitCode, DEMO_KEY_ID, demoAdapterSecret(a.unitCode, seed), at);
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

/** Units whose active key is a demo key (by its id): refused in production. */
export async function unitsWithDemoKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('unit_keys').select(['unit_code']).where('retired_at', 'is', null).where('key_id', '=', DEMO_KEY_ID).execute();
  return [...new Set(rows.map((r) => r.unit_code))].sort();
}
