// Catalog admins edit drafts and publish them. Every save runs the quality rules and the reference
// checks and is rejected with what to fix; every change is audited in the same transaction.
import type { Db, Tx } from '../../platform/db.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { ZMatter, ZTheme, type TDataElement, type TMatter, type TTheme } from '../../contract/catalog.ts';
import * as repo from './catalog.repo.ts';
import { checkMatter, checkMatterRefs, checkTheme, type CatalogIndex, type Problem } from './quality-rules.ts';
import { publishMatterDraft, publishThemeDraft, type PublishResult } from './publish.ts';
import { resultFieldDictionary } from './result-fields.ts';

function rejected(problems: Problem[]): AppError {
  return new AppError('unprocessable', 'QUALITY_CHECK_FAILED', {
    zh: `未通过质量检查（${problems.length} 处）：${problems.map((p) => p.zh).join('；')}`,
    en: `Quality check failed (${problems.length}): ${problems.map((p) => p.en).join('; ')}`,
  }, problems);
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): AppError {
  const details = issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { path, code: 'INVALID_FIELD', zh: `字段 ${path || '(根)'}：${i.message}`, en: `field ${path || '(root)'}: ${i.message}` };
  });
  return new AppError('bad_request', 'VALIDATION_FAILED', { zh: '提交的数据不符合要求', en: 'The submitted data is not valid' }, details);
}

async function index(tx: Tx, replace?: TMatter): Promise<CatalogIndex> {
  const [units, elements, matters] = await Promise.all([
    tx.selectFrom('units').select('code').execute(),
    tx.selectFrom('data_elements').select(['code', 'doc']).execute(),
    repo.listMatterRows(tx),
  ]);
  const map = new Map(matters.map((m) => [m.code, m.draft]));
  if (replace) map.set(replace.code, replace);
  return {
    units: new Set(units.map((u) => u.code)), elements: new Set(elements.map((e) => e.code)), matters: map,
    elementDocs: new Map(elements.map((e) => [e.code, e.doc as TDataElement])),
    resultFields: resultFieldDictionary(),
  };
}

export async function saveMatter(db: Db, actor: Actor, code: string, body: unknown): Promise<TMatter> {
  const parsed = ZMatter.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const doc = parsed.data;
  if (doc.code !== code) throw new AppError('bad_request', 'CODE_MISMATCH', { zh: '事项编码与地址不一致', en: 'The matter code does not match the URL' });
  return db.transaction().execute(async (tx) => {
    const problems = [...checkMatter(doc), ...checkMatterRefs(doc, await index(tx, doc))];
    if (problems.length > 0) throw rejected(problems);
    const before = await repo.getMatterRow(tx, code, true);
    await repo.saveMatterDraft(tx, doc, actor.id);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: before ? 'catalog.matter.save' : 'catalog.matter.create',
      targetType: 'matter', targetId: code, detail: { changed: before ? changedKeys(before.draft, doc) : ['*'] },
    });
    return doc;
  });
}

export async function saveTheme(db: Db, actor: Actor, code: string, body: unknown): Promise<TTheme> {
  const parsed = ZTheme.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const doc = parsed.data;
  if (doc.code !== code) throw new AppError('bad_request', 'CODE_MISMATCH', { zh: '主题编码与地址不一致', en: 'The theme code does not match the URL' });
  return db.transaction().execute(async (tx) => {
    const problems = checkTheme(doc, await index(tx));
    const clash = await tx.selectFrom('themes').select('code').where('seq', '=', doc.seq).where('code', '<>', code).executeTakeFirst();
    if (clash) problems.push({ path: 'seq', code: 'DUPLICATE_SEQ', zh: `序号 ${doc.seq} 已被主题“${clash.code}”使用`, en: `Number ${doc.seq} is already used by theme "${clash.code}"` });
    if (problems.length > 0) throw rejected(problems);
    const before = await repo.getThemeRow(tx, code, true);
    await repo.saveThemeDraft(tx, doc, actor.id);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: before ? 'catalog.theme.save' : 'catalog.theme.create',
      targetType: 'theme', targetId: code, detail: { changed: before ? changedKeys(before.draft, doc) : ['*'] },
    });
    return doc;
  });
}

export async function publishMatter(db: Db, actor: Actor, code: string): Promise<PublishResult> {
  return db.transaction().execute(async (tx) => {
    const row = await repo.getMatterRow(tx, code, true);
    if (!row) throw new AppError('not_found', 'MATTER_NOT_FOUND', { zh: `事项“${code}”不存在`, en: `Matter "${code}" not found` });
    // the themes that will be republished with this version must still hold together
    const idx = await index(tx, row.draft);
    const problems = [...checkMatter(row.draft), ...checkMatterRefs(row.draft, idx)];
    for (const t of await repo.themesUsingMatter(tx, code)) {
      const theme = await repo.getThemeVersion(tx, t);
      if (theme) problems.push(...checkTheme(theme.doc, idx).map((p) => ({ ...p, path: `theme ${t}: ${p.path}` })));
    }
    if (problems.length > 0) throw rejected(problems);
    const result = await publishMatterDraft(tx, code, actor.id);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'catalog.matter.publish', targetType: 'matter', targetId: code,
      detail: { version: result.version, republishedThemes: result.republishedThemes },
    });
    return result;
  });
}

export async function publishTheme(db: Db, actor: Actor, code: string): Promise<PublishResult> {
  return db.transaction().execute(async (tx) => {
    const row = await repo.getThemeRow(tx, code, true);
    if (!row) throw new AppError('not_found', 'THEME_NOT_FOUND', { zh: `主题“${code}”不存在`, en: `Theme "${code}" not found` });
    const problems = checkTheme(row.draft, await index(tx));
    if (problems.length > 0) throw rejected(problems);
    const result = await publishThemeDraft(tx, code, actor.id);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'catalog.theme.publish', targetType: 'theme', targetId: code,
      detail: { version: result.version },
    });
    return result;
  });
}

function changedKeys(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
}
