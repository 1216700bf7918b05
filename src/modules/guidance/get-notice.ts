// Notices are pure functions of (theme version, answers): computed once per process and cached
// until the next publish.
import type { PublishedCatalogReader } from './guidance.types.ts';
import { buildNotice, reformFigures } from './merge-notice.ts';
import { everything, resolveGuidance, type TAnswers } from './resolve-guidance.ts';
import type { TNotice, TReform } from '../../contract/guidance.ts';

function canonical(answers: TAnswers): string {
  return Object.keys(answers)
    .sort()
    .map((q) => `${q}=${[...new Set(answers[q])].sort().join(',')}`)
    .join('&');
}

export async function noticeFor(catalog: PublishedCatalogReader, themeCode: string, answers: TAnswers): Promise<TNotice> {
  return (await cachedNotice(catalog, themeCode, answers)).notice;
}

/** The notice already serialized: the hot path sends the cached JSON text as it is. */
export async function noticeJson(catalog: PublishedCatalogReader, themeCode: string, answers: TAnswers): Promise<string> {
  return (await cachedNotice(catalog, themeCode, answers)).json;
}

async function cachedNotice(catalog: PublishedCatalogReader, themeCode: string, answers: TAnswers): Promise<{ notice: TNotice; json: string }> {
  const bundle = await catalog.theme(themeCode);
  const resolution = resolveGuidance(bundle.theme, answers); // validates before anything is cached
  return catalog.derived(`notice:${themeCode}:${canonical(resolution.answers)}`, () => {
    const notice = buildNotice(bundle, resolution);
    return { notice, json: JSON.stringify(notice) };
  });
}

export async function themeFigures(catalog: PublishedCatalogReader): Promise<Array<{ code: string; name: string; nameEn: string; figures: TReform }>> {
  return catalog.derived('figures', async () =>
    (await catalog.all()).map((b) => ({ code: b.theme.code, name: b.theme.name, nameEn: b.theme.nameEn, figures: reformFigures(b, everything(b.theme)) })),
  );
}
