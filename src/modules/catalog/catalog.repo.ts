// The only code that touches the catalog tables.
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';
import type { TDataElement, TMatter, TTheme } from '../../contract/catalog.ts';

export type DbOrTx = Db | Tx;

export interface PublishedTheme {
  code: string;
  version: number;
  doc: TTheme;
  matterVersions: Record<string, number>;
  publishedAt: Date;
}

export async function catalogGeneration(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('catalog_state').select('generation').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.generation;
}

export async function bumpGeneration(tx: Tx): Promise<void> {
  await tx.updateTable('catalog_state').set({ generation: sql`generation + 1` }).where('id', '=', 1).execute();
}

export async function countMatters(db: DbOrTx): Promise<number> {
  const r = await db.selectFrom('matters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listPublishedThemes(db: DbOrTx): Promise<PublishedTheme[]> {
  const rows = await db
    .selectFrom('themes as t')
    .innerJoin('theme_versions as v', (j) => j.onRef('v.code', '=', 't.code').onRef('v.version', '=', 't.published_version'))
    .select(['v.code', 'v.version', 'v.doc', 'v.matter_versions', 'v.published_at'])
    .orderBy('t.seq')
    .execute();
  return rows.map((r) => ({ code: r.code, version: r.version, doc: r.doc as TTheme, matterVersions: r.matter_versions, publishedAt: r.published_at }));
}

export async function getThemeVersion(db: DbOrTx, code: string, version?: number): Promise<PublishedTheme | undefined> {
  let q = db.selectFrom('theme_versions as v').select(['v.code', 'v.version', 'v.doc', 'v.matter_versions', 'v.published_at']).where('v.code', '=', code);
  q = version === undefined
    ? q.where('v.version', '=', (eb) => eb.selectFrom('themes').select('published_version').where('code', '=', code))
    : q.where('v.version', '=', version);
  const r = await q.executeTakeFirst();
  return r && { code: r.code, version: r.version, doc: r.doc as TTheme, matterVersions: r.matter_versions, publishedAt: r.published_at };
}

/** Published matter documents at the given versions. */
export async function getMatterVersions(db: DbOrTx, pins: Record<string, number>): Promise<Map<string, TMatter>> {
  const entries = Object.entries(pins);
  if (entries.length === 0) return new Map();
  const rows = await db
    .selectFrom('matter_versions')
    .select(['code', 'doc'])
    .where((eb) => eb.or(entries.map(([c, v]) => eb.and([eb('code', '=', c), eb('version', '=', v)]))))
    .execute();
  return new Map(rows.map((r) => [r.code, r.doc as TMatter]));
}

/** Every matter version pinned by a published theme, keyed "code@version" (one query). */
export async function getPinnedMatterVersions(db: DbOrTx): Promise<Map<string, TMatter>> {
  const rows = await sql<{ code: string; version: number; doc: TMatter }>`
    select v.code, v.version, v.doc
    from matter_versions v
    where (v.code, v.version) in (
      select pin.key, pin.value::int
      from themes t
      join theme_versions tv on tv.code = t.code and tv.version = t.published_version
      cross join lateral jsonb_each_text(tv.matter_versions) pin
    )`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.code}@${r.version}`, r.doc]));
}

export async function listUnitNames(db: DbOrTx): Promise<Map<string, { name: string; nameEn: string }>> {
  const rows = await db.selectFrom('units').select(['code', 'name', 'name_en']).execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, nameEn: r.name_en }]));
}

export async function listElements(db: DbOrTx): Promise<TDataElement[]> {
  const rows = await db.selectFrom('data_elements').select('doc').orderBy('code').execute();
  return rows.map((r) => r.doc as TDataElement);
}

export async function searchThemeCodes(db: DbOrTx, grams: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('theme_search')
    .select('code')
    .where(sql<boolean>`grams @> ${sql.val(grams)}::text[]`)
    .execute();
  return rows.map((r) => r.code);
}

export async function upsertThemeSearch(tx: Tx, code: string, grams: string[]): Promise<void> {
  await tx
    .insertInto('theme_search')
    .values({ code, grams })
    .onConflict((oc) => oc.column('code').doUpdateSet({ grams }))
    .execute();
}

// ----- drafts and versions (admin) -----

export interface MatterRow {
  code: string;
  name: string;
  unitCode: string;
  draft: TMatter;
  draftUpdatedAt: Date;
  publishedVersion: number | null;
}

export async function listMatterRows(db: DbOrTx): Promise<MatterRow[]> {
  const rows = await db.selectFrom('matters').selectAll().orderBy('code').execute();
  return rows.map(toMatterRow);
}

export interface DraftState {
  code: string;
  name: string;
  publishedVersion: number | null;
  draftUpdatedAt: Date;
  /** the draft differs from the version in force (jsonb equality, so key order does not matter) */
  unpublishedChanges: boolean;
}

/** Every matter with its draft state, in one query. */
export async function listMatterStates(db: DbOrTx): Promise<Array<DraftState & { unitCode: string }>> {
  const rows = await db
    .selectFrom('matters as m')
    .leftJoin('matter_versions as v', (j) => j.onRef('v.code', '=', 'm.code').onRef('v.version', '=', 'm.published_version'))
    .select(['m.code', 'm.name', 'm.unit_code', 'm.published_version', 'm.draft_updated_at', sql<boolean>`v.doc is distinct from m.draft`.as('changed')])
    .orderBy('m.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, unitCode: r.unit_code, publishedVersion: r.published_version, draftUpdatedAt: r.draft_updated_at, unpublishedChanges: r.changed }));
}

/** Every theme with its draft state, in one query. */
export async function listThemeStates(db: DbOrTx): Promise<Array<DraftState & { seq: number; lifecycle: string }>> {
  const rows = await db
    .selectFrom('themes as t')
    .leftJoin('theme_versions as v', (j) => j.onRef('v.code', '=', 't.code').onRef('v.version', '=', 't.published_version'))
    .select(['t.code', 't.name', 't.seq', 't.lifecycle', 't.published_version', 't.draft_updated_at', sql<boolean>`v.doc is distinct from t.draft`.as('changed')])
    .orderBy('t.seq')
    .execute();
  return rows.map((r) => ({
    code: r.code, name: r.name, seq: r.seq, lifecycle: r.lifecycle, publishedVersion: r.published_version, draftUpdatedAt: r.draft_updated_at, unpublishedChanges: r.changed,
  }));
}

export async function getMatterRow(db: DbOrTx, code: string, forUpdate = false): Promise<MatterRow | undefined> {
  let q = db.selectFrom('matters').selectAll().where('code', '=', code);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toMatterRow(r);
}

function toMatterRow(r: { code: string; name: string; unit_code: string; draft: unknown; draft_updated_at: Date; published_version: number | null }): MatterRow {
  return { code: r.code, name: r.name, unitCode: r.unit_code, draft: r.draft as TMatter, draftUpdatedAt: r.draft_updated_at, publishedVersion: r.published_version };
}

export async function saveMatterDraft(tx: Tx, doc: TMatter, actorId: number | null): Promise<void> {
  await tx
    .insertInto('matters')
    .values({ code: doc.code, name: doc.name, unit_code: doc.unit, draft: JSON.stringify(doc), draft_updated_by: actorId })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({ name: doc.name, unit_code: doc.unit, draft: JSON.stringify(doc), draft_updated_at: sql`now()`, draft_updated_by: actorId }),
    )
    .execute();
}

export async function insertMatterVersion(tx: Tx, doc: TMatter, version: number, actorId: number | null): Promise<void> {
  await tx.insertInto('matter_versions').values({ code: doc.code, version, doc: JSON.stringify(doc), published_by: actorId }).execute();
  await tx.updateTable('matters').set({ published_version: version }).where('code', '=', doc.code).execute();
}

export async function getPublishedMatter(db: DbOrTx, code: string): Promise<{ version: number; doc: TMatter } | undefined> {
  const r = await db
    .selectFrom('matter_versions as v')
    .innerJoin('matters as m', (j) => j.onRef('m.code', '=', 'v.code').onRef('m.published_version', '=', 'v.version'))
    .select(['v.version', 'v.doc'])
    .where('v.code', '=', code)
    .executeTakeFirst();
  return r && { version: r.version, doc: r.doc as TMatter };
}

export async function listVersions(db: DbOrTx, kind: 'matter' | 'theme', code: string): Promise<Array<{ version: number; publishedAt: Date; publishedBy: number | null }>> {
  const table = kind === 'matter' ? 'matter_versions' : 'theme_versions';
  const rows = await db.selectFrom(table).select(['version', 'published_at', 'published_by']).where('code', '=', code).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by }));
}

/** Every published matter version currently in force, for pinning a theme version. */
export async function currentMatterVersions(db: DbOrTx, codes: string[]): Promise<Record<string, number>> {
  if (codes.length === 0) return {};
  const rows = await db.selectFrom('matters').select(['code', 'published_version']).where('code', 'in', codes).execute();
  const out: Record<string, number> = {};
  for (const r of rows) if (r.published_version !== null) out[r.code] = r.published_version;
  return out;
}

export interface ThemeRow {
  code: string;
  seq: number;
  name: string;
  lifecycle: string;
  draft: TTheme;
  draftUpdatedAt: Date;
  publishedVersion: number | null;
}

export async function getThemeRow(db: DbOrTx, code: string, forUpdate = false): Promise<ThemeRow | undefined> {
  let q = db.selectFrom('themes').selectAll().where('code', '=', code);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toThemeRow(r);
}

function toThemeRow(r: { code: string; seq: number; name: string; lifecycle: string; draft: unknown; draft_updated_at: Date; published_version: number | null }): ThemeRow {
  return { code: r.code, seq: r.seq, name: r.name, lifecycle: r.lifecycle, draft: r.draft as TTheme, draftUpdatedAt: r.draft_updated_at, publishedVersion: r.published_version };
}

export async function saveThemeDraft(tx: Tx, doc: TTheme, actorId: number | null): Promise<void> {
  const values = { name: doc.name, seq: doc.seq, lifecycle: doc.lifecycle, draft: JSON.stringify(doc), draft_updated_by: actorId };
  await tx
    .insertInto('themes')
    .values({ code: doc.code, ...values })
    .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, draft_updated_at: sql`now()` }))
    .execute();
}

export async function insertThemeVersion(tx: Tx, doc: TTheme, version: number, pins: Record<string, number>, actorId: number | null): Promise<void> {
  await tx.insertInto('theme_versions').values({ code: doc.code, version, doc: JSON.stringify(doc), matter_versions: JSON.stringify(pins), published_by: actorId }).execute();
  await tx.updateTable('themes').set({ published_version: version }).where('code', '=', doc.code).execute();
}

/** Themes whose published version includes the matter (to republish them with its new version). */
export async function themesUsingMatter(db: DbOrTx, matterCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('themes as t')
    .innerJoin('theme_versions as v', (j) => j.onRef('v.code', '=', 't.code').onRef('v.version', '=', 't.published_version'))
    .select('t.code')
    .where(sql<boolean>`v.matter_versions ? ${matterCode}`)
    .execute();
  return rows.map((r) => r.code);
}

export async function upsertElements(tx: Tx, elements: TDataElement[]): Promise<void> {
  if (elements.length === 0) return;
  await tx
    .insertInto('data_elements')
    .values(elements.map((el) => ({ code: el.code, doc: JSON.stringify(el) })))
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc'), updated_at: sql`now()` })))
    .execute();
}

/** An empty catalog gets every matter and theme as version 1 in a few statements. */
export async function bulkPublishFirstVersions(tx: Tx, matters: TMatter[], themes: TTheme[], gramsOf: (t: TTheme) => string[]): Promise<void> {
  if (matters.length > 0) {
    await tx.insertInto('matters').values(matters.map((m) => ({ code: m.code, name: m.name, unit_code: m.unit, draft: JSON.stringify(m), published_version: 1 }))).execute();
    await tx.insertInto('matter_versions').values(matters.map((m) => ({ code: m.code, version: 1, doc: JSON.stringify(m) }))).execute();
  }
  if (themes.length > 0) {
    await tx.insertInto('themes').values(themes.map((t) => ({ code: t.code, seq: t.seq, name: t.name, lifecycle: t.lifecycle, draft: JSON.stringify(t), published_version: 1 }))).execute();
    await tx
      .insertInto('theme_versions')
      .values(themes.map((t) => ({ code: t.code, version: 1, doc: JSON.stringify(t), matter_versions: JSON.stringify(Object.fromEntries(t.matters.map((m) => [m.matter, 1]))) })))
      .execute();
    await tx.insertInto('theme_search').values(themes.map((t) => ({ code: t.code, grams: gramsOf(t) }))).execute();
  }
  await bumpGeneration(tx);
}
