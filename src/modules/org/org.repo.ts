// Reads divisions and units (the catalog loader writes them from catalog/divisions and catalog/units).
import type { Db } from '../../platform/db.ts';
import type { TDivisionView, TUnitQuery, TUnitView } from '../../contract/org.ts';

export async function listDivisions(db: Db, q: { parent?: string | undefined; level?: TDivisionView['level'] | undefined }): Promise<TDivisionView[]> {
  let query = db.selectFrom('divisions').select(['code', 'name', 'name_en', 'parent_code', 'level']);
  if (q.parent) query = query.where('parent_code', '=', q.parent);
  if (q.level) query = query.where('level', '=', q.level);
  const rows = await query.orderBy('code').execute();
  return rows.map((d) => ({ code: d.code, name: d.name, nameEn: d.name_en, parentCode: d.parent_code, level: d.level }));
}

export async function findDivision(db: Db, code: string): Promise<TDivisionView | undefined> {
  const d = await db.selectFrom('divisions').select(['code', 'name', 'name_en', 'parent_code', 'level']).where('code', '=', code).executeTakeFirst();
  return d && { code: d.code, name: d.name, nameEn: d.name_en, parentCode: d.parent_code, level: d.level };
}

/** The division and its ancestors, nearest first (street → district → city → province). */
export async function divisionChain(db: Db, code: string): Promise<string[]> {
  const chain: string[] = [];
  let next: string | null = code;
  while (next && !chain.includes(next)) {
    const row: { parent_code: string | null } | undefined = await db.selectFrom('divisions').select('parent_code').where('code', '=', next).executeTakeFirst();
    if (!row) break;
    chain.push(next);
    next = row.parent_code;
  }
  return chain;
}

/** The division and every division below it. */
export async function divisionSubtree(db: Db, root: string): Promise<string[]> {
  const rows = await db
    .withRecursive('tree(code)', (qc) =>
      qc
        .selectFrom('divisions')
        .select('code')
        .where('code', '=', root)
        .unionAll(qc.selectFrom('divisions').innerJoin('tree', 'tree.code', 'divisions.parent_code').select('divisions.code')),
    )
    .selectFrom('tree')
    .select('code')
    .execute();
  return rows.map((r) => r.code);
}

function unitsQuery(db: Db) {
  return db
    .selectFrom('units')
    .innerJoin('divisions', 'divisions.code', 'units.division_code')
    .select([
      'units.code', 'units.name', 'units.name_en', 'units.level', 'units.kind', 'units.division_code', 'divisions.name as division_name',
      'units.parent_code', 'units.credit_code', 'units.address', 'units.phone',
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitsQuery>['executeTakeFirstOrThrow']>>;

function toUnitView(u: UnitRow): TUnitView {
  return {
    code: u.code, name: u.name, nameEn: u.name_en, level: u.level, kind: u.kind, divisionCode: u.division_code, divisionName: u.division_name,
    parentCode: u.parent_code, creditCode: u.credit_code, address: u.address, phone: u.phone,
  };
}

export async function listUnits(db: Db, q: TUnitQuery): Promise<TUnitView[]> {
  let query = unitsQuery(db);
  if (q.level) query = query.where('units.level', '=', q.level);
  if (q.kind) query = query.where('units.kind', '=', q.kind);
  if (q.division) {
    const codes = await divisionSubtree(db, q.division);
    if (codes.length === 0) return [];
    query = query.where('units.division_code', 'in', codes);
  }
  const rows = await query.orderBy('units.level').orderBy('units.code').execute();
  return rows.map(toUnitView);
}

export async function findUnit(db: Db, code: string): Promise<TUnitView | undefined> {
  const u = await unitsQuery(db).where('units.code', '=', code).executeTakeFirst();
  return u && toUnitView(u);
}

/**
 * The unit of a kind that serves an address: first one in the person's own division, else in the
 * divisions above it. E.g. street 430102001 + police-station → the Wenyilu police station;
 * + social-security-branch → the Furong HRSS branch. When a division has several, the first by code.
 */
export async function nearestUnit(db: Db, divisionCode: string, kind: string): Promise<TUnitView | undefined> {
  for (const code of await divisionChain(db, divisionCode)) {
    const u = await unitsQuery(db).where('units.division_code', '=', code).where('units.kind', '=', kind).orderBy('units.code').executeTakeFirst();
    if (u) return toUnitView(u);
  }
  return undefined;
}
