// Publishing: a matter or theme draft becomes a new immutable version. A theme version pins the
// matter versions in force, so publishing a matter republishes the themes that use it; an
// application keeps the theme version it was made under.
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { TMatter, TTheme } from '../../contract/catalog.ts';
import * as repo from './catalog.repo.ts';
import { textGrams } from './search-grams.ts';

export interface PublishResult {
  code: string;
  version: number;
  republishedThemes: Array<{ code: string; version: number }>;
}

export async function publishMatterDraft(tx: Tx, code: string, actorId: number | null): Promise<PublishResult> {
  const row = await repo.getMatterRow(tx, code, true);
  if (!row) throw new AppError('not_found', 'MATTER_NOT_FOUND', { zh: `事项“${code}”不存在`, en: `Matter "${code}" not found` });
  const version = (row.publishedVersion ?? 0) + 1;
  await repo.insertMatterVersion(tx, row.draft, version, actorId);
  const republishedThemes: PublishResult['republishedThemes'] = [];
  for (const themeCode of await repo.themesUsingMatter(tx, code)) {
    const published = await repo.getThemeVersion(tx, themeCode);
    if (!published) continue;
    const v = await publishThemeDoc(tx, published.doc, actorId);
    republishedThemes.push({ code: themeCode, version: v });
  }
  await repo.bumpGeneration(tx);
  return { code, version, republishedThemes };
}

export async function publishThemeDraft(tx: Tx, code: string, actorId: number | null): Promise<PublishResult> {
  const row = await repo.getThemeRow(tx, code, true);
  if (!row) throw new AppError('not_found', 'THEME_NOT_FOUND', { zh: `主题“${code}”不存在`, en: `Theme "${code}" not found` });
  const version = await publishThemeDoc(tx, row.draft, actorId);
  await repo.bumpGeneration(tx);
  return { code, version, republishedThemes: [] };
}

async function publishThemeDoc(tx: Tx, doc: TTheme, actorId: number | null): Promise<number> {
  const codes = doc.matters.map((m) => m.matter);
  const pins = await repo.currentMatterVersions(tx, codes);
  const unpublished = codes.filter((c) => pins[c] === undefined);
  if (unpublished.length > 0)
    throw new AppError('conflict', 'MATTER_NOT_PUBLISHED', {
      zh: `请先发布以下事项：${unpublished.join('、')}`,
      en: `Publish these matters first: ${unpublished.join(', ')}`,
    });
  const current = await repo.getThemeRow(tx, doc.code, true);
  const version = (current?.publishedVersion ?? 0) + 1;
  await repo.insertThemeVersion(tx, doc, version, pins, actorId);
  const matterNames = (await repo.getMatterVersions(tx, pins)).values();
  await repo.upsertThemeSearch(tx, doc.code, themeGrams(doc, [...matterNames]));
  return version;
}

export function themeGrams(t: TTheme, matters: TMatter[]): string[] {
  const text = [t.name, t.nameEn, t.summary, ...t.keywords, ...matters.map((m) => m.name)].join(' ');
  return textGrams(text);
}
