// 办件智能分发: which unit handles a matter for an applicant, decided from the matter (its catalog unit
// and level), the applicant's division (street → district → city) and the admins' rules. Pure: the
// caller loads units, divisions and rules (routing.repo.ts).
//
// Resolution, most specific first, for the applicant's division chain (street, district, city, …):
//   1. a rule for (matter, division) names the unit;
//   2. derived: for a district- or street-level matter, the one unit in that division that belongs to the
//      matter's catalog unit (its descendant: the district branch, the street police station …);
//   3. the catalog unit itself (city-level matters, or no local unit).
// 跨域通办 follows: the application can be made anywhere; the unit is decided by where the applicant
// belongs, not where they applied.

export type Level = 'national' | 'province' | 'city' | 'district' | 'street' | 'community';

export interface RoutingUnit {
  code: string;
  name: string;
  level: Level;
  kind: string;
  divisionCode: string;
  parentCode: string | null;
}

export interface RoutingDivision {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

export interface RoutingRule {
  id: number;
  matterCode: string;
  divisionCode: string;
  unitCode: string;
}

export interface RoutingMatter {
  code: string;
  /** the unit the catalog (or the theme) names for the matter */
  unit: string;
  level: Level;
}

export interface RoutingWorld {
  units: ReadonlyMap<string, RoutingUnit>;
  divisions: ReadonlyMap<string, RoutingDivision>;
  /** matter → division → rule */
  rules: ReadonlyMap<string, ReadonlyMap<string, RoutingRule>>;
}

export type RouteSource = 'rule' | 'derived' | 'catalog';

export type Route =
  | { ok: true; unitCode: string; source: RouteSource; division: string | null; ruleId: number | null }
  | { ok: false; problem: 'AMBIGUOUS'; division: string; candidates: string[] };

const LOCAL_LEVELS: ReadonlySet<Level> = new Set(['district', 'street', 'community']);

/** The division and its ancestors, nearest first. */
export function divisionChain(world: Pick<RoutingWorld, 'divisions'>, code: string): string[] {
  const chain: string[] = [];
  for (let next: string | null = code; next && !chain.includes(next); next = world.divisions.get(next)?.parentCode ?? null) {
    if (!world.divisions.has(next)) break;
    chain.push(next);
  }
  return chain;
}

/** Whether `unit` is `ancestor` or below it in the unit tree. */
export function isUnitWithin(world: Pick<RoutingWorld, 'units'>, unit: string, ancestor: string): boolean {
  const seen = new Set<string>();
  for (let next: string | null = unit; next && !seen.has(next); next = world.units.get(next)?.parentCode ?? null) {
    if (next === ancestor) return true;
    seen.add(next);
  }
  return false;
}

function localUnitsOf(world: RoutingWorld, base: string, division: string): string[] {
  const out: string[] = [];
  for (const u of world.units.values()) if (u.code !== base && u.divisionCode === division && isUnitWithin(world, u.code, base)) out.push(u.code);
  return out.sort();
}

export function routeMatter(world: RoutingWorld, matter: RoutingMatter, applicantDivision: string | null): Route {
  const chain = applicantDivision ? divisionChain(world, applicantDivision) : [];
  const rules = world.rules.get(matter.code);
  for (const division of chain) {
    const rule = rules?.get(division);
    if (rule) return { ok: true, unitCode: rule.unitCode, source: 'rule', division, ruleId: rule.id };
    if (LOCAL_LEVELS.has(matter.level)) {
      const local = localUnitsOf(world, matter.unit, division);
      if (local.length === 1) return { ok: true, unitCode: local[0]!, source: 'derived', division, ruleId: null };
      if (local.length > 1) return { ok: false, problem: 'AMBIGUOUS', division, candidates: local };
    }
  }
  return { ok: true, unitCode: matter.unit, source: 'catalog', division: null, ruleId: null };
}

export type RuleProblemCode = 'ROUTING_UNIT_UNKNOWN' | 'ROUTING_DIVISION_UNKNOWN' | 'ROUTING_UNIT_OUT_OF_AREA' | 'ROUTING_UNIT_NOT_COMPETENT';

/**
 * A rule may name a unit that serves the division (located in it, above it or below it) and that
 * belongs to the matter's catalog unit or is a government service centre (综合窗, 就近办 delegation).
 */
export function checkRule(world: RoutingWorld, matter: RoutingMatter, divisionCode: string, unitCode: string): RuleProblemCode | undefined {
  const unit = world.units.get(unitCode);
  if (!unit) return 'ROUTING_UNIT_UNKNOWN';
  if (!world.divisions.has(divisionCode)) return 'ROUTING_DIVISION_UNKNOWN';
  const up = divisionChain(world, divisionCode);
  const below = divisionChain(world, unit.divisionCode).includes(divisionCode);
  if (!up.includes(unit.divisionCode) && !below) return 'ROUTING_UNIT_OUT_OF_AREA';
  const competent = isUnitWithin(world, unitCode, matter.unit) || unit.kind === 'service-centre' || unit.kind === 'government';
  if (!competent) return 'ROUTING_UNIT_NOT_COMPETENT';
  return undefined;
}

export interface RoutingProblem {
  matterCode: string;
  divisionCode: string;
  code: 'AMBIGUOUS' | 'THEME_UNIT_OVERRIDE' | RuleProblemCode;
  detail: string;
}

/** A unit a theme names for one of its matters (a published theme version's `matters[].unit`). */
export interface ThemeUnit {
  themeCode: string;
  matterCode: string;
  unitCode: string;
}

/**
 * Every matter × every district and street resolves to exactly one existing, competent unit, and no
 * theme names a unit of its own for a matter: the routing table is the only answer to "which unit",
 * so a theme's unit that differs from it would be a second, contradicting one.
 */
export function checkRouting(world: RoutingWorld, matters: readonly RoutingMatter[], themeUnits: readonly ThemeUnit[] = []): { checked: number; problems: RoutingProblem[] } {
  const places = [...world.divisions.values()].filter((d) => d.level === 'district' || d.level === 'street');
  const problems: RoutingProblem[] = [];
  let checked = 0;
  const byCode = new Map(matters.map((m) => [m.code, m]));
  for (const tu of themeUnits) {
    const m = byCode.get(tu.matterCode);
    if (m && m.unit !== tu.unitCode) problems.push({ matterCode: tu.matterCode, divisionCode: '', code: 'THEME_UNIT_OVERRIDE', detail: `${tu.themeCode}: ${tu.unitCode} ≠ ${m.unit}` });
  }
  for (const m of matters) {
    for (const [division, rule] of world.rules.get(m.code) ?? []) {
      const p = checkRule(world, m, division, rule.unitCode);
      if (p) problems.push({ matterCode: m.code, divisionCode: division, code: p, detail: rule.unitCode });
    }
    for (const place of places) {
      checked++;
      const r = routeMatter(world, m, place.code);
      if (!r.ok) problems.push({ matterCode: m.code, divisionCode: place.code, code: 'AMBIGUOUS', detail: r.candidates.join(', ') });
      else if (!world.units.has(r.unitCode)) problems.push({ matterCode: m.code, divisionCode: place.code, code: 'ROUTING_UNIT_UNKNOWN', detail: r.unitCode });
    }
  }
  return { checked, problems };
}
