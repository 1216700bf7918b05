// Routing for the application path and the admin pages: the routing world cached per process and
// re-read when the rules change (checked at most once a second, so several web processes agree
// within a second of an admin's edit), plus the admin use cases (set and remove rules, audited).
import type { Actor } from '../../platform/actor.ts';
import { cacheExpired, cacheNow } from '../../platform/cache-clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { publishedCatalog, type TMatter } from '../catalog/index.ts';
import type { Database } from '../../platform/db.ts';
import * as repo from './routing.repo.ts';
import { checkRouting, checkRule, routeMatter, type Route, type RoutingMatter, type RoutingWorld, type RuleProblemCode } from './routing.ts';

const TTL_MS = 1000;

interface Cached {
  world: RoutingWorld;
  generation: string;
  checkedAt: number;
}

const caches = new WeakMap<Db, { state?: Cached; pending?: Promise<Cached> }>();

export async function routingWorld(db: Db, now = cacheNow(db)): Promise<RoutingWorld> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = {}));
  const cache = c;
  if (cache.state && !cacheExpired(cache.state.checkedAt, now, TTL_MS)) return cache.state.world;
  cache.pending ??= (async () => {
    const generation = await repo.routingGeneration(db);
    if (cache.state && cache.state.generation === generation) return { ...cache.state, checkedAt: now };
    return { world: await repo.loadRoutingWorld(db), generation, checkedAt: now };
  })().finally(() => (cache.pending = undefined));
  cache.state = await cache.pending;
  return cache.state.world;
}

// One source of truth: a matter is routed from its own implementing unit (实施主体) and level plus the
// admins' rules, the same for the submit, the routing API, the admin table and the check; a theme never
// names another unit (quality rule THEME_UNIT_OVERRIDE).
export const routingMatterOf = (m: Pick<TMatter, 'code' | 'unit' | 'level'>): RoutingMatter => ({ code: m.code, unit: m.unit, level: m.level });

/** The handling unit of each matter for an applicant of `division` (the applicant's street or district). */
export async function routeMatters(db: Db, matters: readonly RoutingMatter[], division: string | null): Promise<Map<string, Extract<Route, { ok: true }>>> {
  const world = await routingWorld(db);
  const out = new Map<string, Extract<Route, { ok: true }>>();
  for (const m of matters) {
    const r = routeMatter(world, m, division);
    if (!r.ok)
      throw new AppError('conflict', 'ROUTING_AMBIGUOUS', {
        zh: `事项“${m.code}”在该地区有多个承办单位（${r.candidates.join('、')}），请联系管理员设置分发规则`,
        en: `Matter "${m.code}" has several possible units in this area (${r.candidates.join(', ')}); an admin must set a routing rule`,
      });
    out.set(m.code, r);
  }
  return out;
}

/** Every published matter once, as the routing sees it (derived once per catalog generation). */
export function publishedRoutingMatters(database: Database): Promise<ReadonlyMap<string, RoutingMatter & { name: string }>> {
  const catalog = publishedCatalog(database);
  return catalog.derived('routing-matters', async () => {
    const out = new Map<string, RoutingMatter & { name: string }>();
    for (const b of await catalog.all()) for (const m of b.matters.values()) if (!out.has(m.code)) out.set(m.code, { ...routingMatterOf(m), name: m.name });
    return out;
  });
}

const PROBLEM_TEXT: Record<RuleProblemCode, { zh: string; en: string }> = {
  ROUTING_UNIT_UNKNOWN: { zh: '承办单位不存在', en: 'The unit does not exist' },
  ROUTING_DIVISION_UNKNOWN: { zh: '行政区划不存在', en: 'The division does not exist' },
  ROUTING_UNIT_OUT_OF_AREA: { zh: '该单位不服务于这个行政区划', en: 'The unit does not serve this division' },
  ROUTING_UNIT_NOT_COMPETENT: { zh: '该单位不是该事项的实施主体或其下属机构，也不是政务服务中心', en: "The unit is neither the matter's implementing unit (or below it) nor a government service centre" },
};

export async function setRoutingRule(database: Database, actor: Actor, body: { matterCode: string; divisionCode: string; unitCode: string; note?: string | undefined }, at: Date): Promise<number> {
  const matters = await publishedRoutingMatters(database);
  const matter = matters.get(body.matterCode);
  if (!matter) throw new AppError('unprocessable', 'ROUTING_MATTER_UNKNOWN', { zh: `事项“${body.matterCode}”不存在或未发布`, en: `Matter "${body.matterCode}" does not exist or is not published` });
  const world = await repo.loadRoutingWorld(database.db);
  const problem = checkRule(world, matter, body.divisionCode, body.unitCode);
  if (problem) throw new AppError('unprocessable', problem, PROBLEM_TEXT[problem]);
  return database.db.transaction().execute(async (tx) => {
    const { id, previousUnit } = await repo.upsertRule(tx, { matterCode: body.matterCode, divisionCode: body.divisionCode, unitCode: body.unitCode, note: body.note ?? null, updatedBy: actor.id, at });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'routing.rule.set', targetType: 'routing_rule', targetId: String(id),
      detail: { matterCode: body.matterCode, divisionCode: body.divisionCode, unitCode: body.unitCode, previousUnit },
    });
    return id;
  });
}

export async function removeRoutingRule(database: Database, actor: Actor, id: number): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    const gone = await repo.deleteRule(tx, id);
    if (!gone) throw new AppError('not_found', 'ROUTING_RULE_NOT_FOUND', { zh: '分发规则不存在', en: 'Routing rule not found' });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'routing.rule.remove', targetType: 'routing_rule', targetId: String(id),
      detail: { matterCode: gone.matterCode, divisionCode: gone.divisionCode, unitCode: gone.unitCode },
    });
  });
}

export async function routingCheck(database: Database) {
  const matters = [...(await publishedRoutingMatters(database)).values()];
  const world = await repo.loadRoutingWorld(database.db);
  const themeUnits = (await publishedCatalog(database).all()).flatMap((b) =>
    b.theme.matters.flatMap((tm) => (tm.unit ? [{ themeCode: b.theme.code, matterCode: tm.matter, unitCode: tm.unit }] : [])),
  );
  return { matters: matters.length, ...checkRouting(world, matters, themeUnits) };
}

/** The routing table of one matter: every district and street with the unit it resolves to and why. */
export async function routingTable(database: Database, matterCode: string) {
  const matter = (await publishedRoutingMatters(database)).get(matterCode);
  if (!matter) throw new AppError('not_found', 'ROUTING_MATTER_UNKNOWN', { zh: `事项“${matterCode}”不存在或未发布`, en: `Matter "${matterCode}" does not exist or is not published` });
  const world = await repo.loadRoutingWorld(database.db);
  const places = [...world.divisions.values()].filter((d) => d.level === 'district' || d.level === 'street').sort((a, b) => a.code.localeCompare(b.code));
  return {
    matter: { code: matter.code, name: matter.name, unit: matter.unit, level: matter.level },
    rows: places.map((d) => {
      const r = routeMatter(world, matter, d.code);
      return r.ok
        ? { division: { code: d.code, name: d.name, level: d.level }, unit: { code: r.unitCode, name: world.units.get(r.unitCode)?.name ?? r.unitCode }, source: r.source, ruleId: r.ruleId, candidates: [] as string[] }
        : { division: { code: d.code, name: d.name, level: d.level }, unit: null, source: 'ambiguous' as const, ruleId: null, candidates: r.candidates };
    }),
    rules: await repo.listRules(database.db, matterCode),
  };
}

/** Where applicants of one kind belong: the divisions of their real-name profiles. */
export interface ApplicantPlace {
  /** the themes' lifecycle they apply in: person, enterprise, project */
  lifecycles: readonly string[];
  divisionCode: string;
}

export interface ReachedUnit {
  unitCode: string;
  /** every (theme, matter, division) that routes there */
  via: Array<{ themeCode: string; matterCode: string; divisionCode: string }>;
}

/**
 * Every unit that some published theme's sub-case can be routed to, for applicants of these places,
 * under ANY answers to the guidance questions: each matter a theme switches on (always, or by any
 * option), routed as the submit routes it (the theme's unit for the matter, then the routing rules).
 */
export async function reachableUnits(database: Database, places: readonly ApplicantPlace[]): Promise<ReachedUnit[]> {
  const world = await routingWorld(database.db);
  const out = new Map<string, ReachedUnit>();
  for (const bundle of await publishedCatalog(database).all()) {
    const { theme } = bundle;
    const switchable = new Set([...theme.matters.filter((m) => m.always).map((m) => m.matter), ...theme.questions.flatMap((q) => q.options.flatMap((o) => o.matters))]);
    for (const place of places.filter((p) => p.lifecycles.includes(theme.lifecycle))) {
      for (const tm of theme.matters.filter((m) => switchable.has(m.matter))) {
        const matter = bundle.matters.get(tm.matter);
        if (!matter) continue;
        const route = routeMatter(world, routingMatterOf(matter), place.divisionCode);
        const unitCode = route.ok ? route.unitCode : `AMBIGUOUS(${route.candidates.join(',')})`;
        let reached = out.get(unitCode);
        if (!reached) out.set(unitCode, (reached = { unitCode, via: [] }));
        reached.via.push({ themeCode: theme.code, matterCode: matter.code, divisionCode: place.divisionCode });
      }
    }
  }
  return [...out.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}
