// The only code that touches routing_rules; reads units and divisions for the routing world.
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { RoutingDivision, RoutingRule, RoutingUnit, RoutingWorld } from './routing.ts';

export async function loadRoutingWorld(db: Db): Promise<RoutingWorld> {
  const [units, divisions, rules] = await Promise.all([
    db.selectFrom('units').select(['code', 'name', 'level', 'kind', 'division_code', 'parent_code']).execute(),
    db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code']).execute(),
    db.selectFrom('routing_rules').select(['id', 'matter_code', 'division_code', 'unit_code']).execute(),
  ]);
  const byMatter = new Map<string, Map<string, RoutingRule>>();
  for (const r of rules) {
    let m = byMatter.get(r.matter_code);
    if (!m) byMatter.set(r.matter_code, (m = new Map()));
    m.set(r.division_code, { id: Number(r.id), matterCode: r.matter_code, divisionCode: r.division_code, unitCode: r.unit_code });
  }
  return {
    units: new Map(units.map((u): [string, RoutingUnit] => [u.code, { code: u.code, name: u.name, level: u.level, kind: u.kind, divisionCode: u.division_code, parentCode: u.parent_code }])),
    divisions: new Map(divisions.map((d): [string, RoutingDivision] => [d.code, { code: d.code, name: d.name, level: d.level, parentCode: d.parent_code }])),
    rules: byMatter,
  };
}

/** Changes whenever a rule is added, changed or removed (or units are loaded): the cache key of the world. */
export async function routingGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{ g: string }>`
    select (select count(*) from routing_rules)::text || ':' || coalesce((select max(id) from routing_rules), 0)::text || ':' ||
           coalesce((select extract(epoch from max(updated_at)) from routing_rules), 0)::text || ':' || (select count(*) from units)::text as g`.execute(db);
  return rows[0]!.g;
}

export interface RuleRow {
  id: number;
  matterCode: string;
  divisionCode: string;
  unitCode: string;
  note: string | null;
  updatedBy: number | null;
  updatedAt: Date;
}

export async function listRules(db: Db, matterCode?: string): Promise<RuleRow[]> {
  let q = db.selectFrom('routing_rules').select(['id', 'matter_code', 'division_code', 'unit_code', 'note', 'updated_by', 'updated_at']);
  if (matterCode) q = q.where('matter_code', '=', matterCode);
  const rows = await q.orderBy('matter_code').orderBy('division_code').execute();
  return rows.map((r) => ({ id: Number(r.id), matterCode: r.matter_code, divisionCode: r.division_code, unitCode: r.unit_code, note: r.note, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at) }));
}

export async function upsertRule(db: Db, rule: { matterCode: string; divisionCode: string; unitCode: string; note: string | null; updatedBy: number; at: Date }): Promise<{ id: number; previousUnit: string | null }> {
  const before = await db.selectFrom('routing_rules').select(['unit_code']).where('matter_code', '=', rule.matterCode).where('division_code', '=', rule.divisionCode).executeTakeFirst();
  const row = await db
    .insertInto('routing_rules')
    .values({ matter_code: rule.matterCode, division_code: rule.divisionCode, unit_code: rule.unitCode, note: rule.note, updated_by: rule.updatedBy, updated_at: rule.at })
    .onConflict((oc) => oc.columns(['matter_code', 'division_code']).doUpdateSet({ unit_code: rule.unitCode, note: rule.note, updated_by: rule.updatedBy, updated_at: rule.at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), previousUnit: before?.unit_code ?? null };
}

export async function deleteRule(db: Db, id: number): Promise<RuleRow | undefined> {
  const r = await db.deleteFrom('routing_rules').where('id', '=', id).returning(['id', 'matter_code', 'division_code', 'unit_code', 'note', 'updated_by', 'updated_at']).executeTakeFirst();
  return r && { id: Number(r.id), matterCode: r.matter_code, divisionCode: r.division_code, unitCode: r.unit_code, note: r.note, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at) };
}
