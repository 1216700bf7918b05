// Loads the catalog data files into the database: on first start and with `npm run catalog:load`.
// New matters and themes are published as version 1; a changed file publishes a new version.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { makeCreditCode } from '../../platform/identifiers.ts';
import { recordAudit } from '../audit/index.ts';
import type { TMatter, TTheme, TUnit } from '../../contract/catalog.ts';
import { readCatalogDir } from './catalog-files.ts';
import * as repo from './catalog.repo.ts';
import { publishMatterDraft, publishThemeDraft, themeGrams } from './publish.ts';

export interface LoadReport {
  divisions: number;
  units: number;
  elements: number;
  mattersPublished: number;
  themesPublished: number;
}

const LEVEL_ORDER = ['province', 'city', 'district', 'street', 'community'];
const CATALOG_LOAD_LOCK = 72_0002;

/** A stable synthetic credit code per unit code (real codes come from the registry when a city deploys). */
export function unitCreditCode(unitCode: string): string {
  const digest = createHash('sha256').update(unitCode).digest();
  return makeCreditCode('11430100', digest); // 1 = organ of state, 1 = government body, 430100 = Changsha
}

export async function loadCatalogFiles(db: Db, dir: string, onProgress: (msg: string) => void = () => undefined): Promise<LoadReport> {
  const { catalog, problems } = readCatalogDir(dir);
  if (problems.length > 0)
    throw new AppError('unprocessable', 'CATALOG_INVALID', {
      zh: `目录数据有 ${problems.length} 处问题，请运行 npm run catalog:check`,
      en: `The catalog files have ${problems.length} problem(s); run npm run catalog:check`,
    }, problems.slice(0, 50));
  const matterByCode = new Map(catalog.matters.map((m) => [m.code, m]));
  const report: LoadReport = { divisions: 0, units: 0, elements: 0, mattersPublished: 0, themesPublished: 0 };
  await db.transaction().execute(async (tx) => {
    // several processes may start at once on one PostgreSQL: one loads, the others then see it loaded
    await sql`select pg_advisory_xact_lock(${CATALOG_LOAD_LOCK})`.execute(tx);
    const divisions = [...catalog.divisions].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
    await tx
      .insertInto('divisions')
      .values(divisions.map((d) => ({ code: d.code, name: d.name, name_en: d.nameEn, parent_code: d.parent ?? null, level: d.level })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_en: eb.ref('excluded.name_en'), parent_code: eb.ref('excluded.parent_code'), level: eb.ref('excluded.level') })))
      .execute();
    report.divisions = divisions.length;
    onProgress(`divisions: ${divisions.length}`);
    await upsertUnits(tx, catalog.units);
    report.units = catalog.units.length;
    onProgress(`units: ${catalog.units.length}`);
    await repo.upsertElements(tx, catalog.elements);
    report.elements = catalog.elements.length;
    onProgress(`data elements: ${catalog.elements.length}`);

    if ((await repo.countMatters(tx)) === 0) {
      // first start: everything is version 1, written in a few bulk statements
      await repo.bulkPublishFirstVersions(tx, catalog.matters, catalog.themes, (t) => themeGrams(t, t.matters.map((m) => matterByCode.get(m.matter)!)));
      report.mattersPublished = catalog.matters.length;
      report.themesPublished = catalog.themes.length;
    } else {
      let i = 0;
      for (const m of catalog.matters) {
        if (await changed(tx, 'matter', m)) {
          await repo.saveMatterDraft(tx, m, null);
          await publishMatterDraft(tx, m.code, null);
          report.mattersPublished++;
        }
        if (++i % 20 === 0) onProgress(`matters: ${i}/${catalog.matters.length}`);
      }
      for (const t of catalog.themes) {
        if (await changed(tx, 'theme', t)) {
          await repo.saveThemeDraft(tx, t, null);
          await publishThemeDraft(tx, t.code, null);
          report.themesPublished++;
        }
      }
    }
    onProgress(`matters: ${catalog.matters.length} (${report.mattersPublished} published), themes: ${catalog.themes.length} (${report.themesPublished} published)`);
    await recordAudit(tx, {
      actorId: null,
      actorRole: 'system',
      action: 'catalog.load',
      targetType: 'catalog',
      targetId: null,
      detail: { ...report },
    });
  });
  return report;
}

async function upsertUnits(tx: Tx, units: TUnit[]): Promise<void> {
  if (units.length === 0) return;
  await tx
    .insertInto('units')
    .values(units.map((u) => ({
      code: u.code, credit_code: unitCreditCode(u.code), name: u.name, name_en: u.nameEn, level: u.level, kind: u.kind,
      division_code: u.division, parent_code: null, address: u.address ?? null, phone: u.phone ?? null,
    })))
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
      name: eb.ref('excluded.name'), name_en: eb.ref('excluded.name_en'), level: eb.ref('excluded.level'), kind: eb.ref('excluded.kind'),
      division_code: eb.ref('excluded.division_code'), address: eb.ref('excluded.address'), phone: eb.ref('excluded.phone'),
    })))
    .execute();
  // parents after every unit exists, so the file order does not matter
  const withParent = units.filter((u) => u.parent);
  if (withParent.length > 0)
    await sql`update units set parent_code = p.parent from (values ${sql.join(withParent.map((u) => sql`(${u.code}, ${u.parent!})`))}) as p(code, parent) where units.code = p.code`.execute(tx);
}

/** Does the file differ from the version in force (or is it new)? */
async function changed(tx: Tx, kind: 'matter' | 'theme', doc: TMatter | TTheme): Promise<boolean> {
  const current = kind === 'matter' ? (await repo.getPublishedMatter(tx, doc.code))?.doc : (await repo.getThemeVersion(tx, doc.code))?.doc;
  return !current || stableJson(current) !== stableJson(doc);
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  );
}
