// How themes look from outside: the public list and the theme page.
import type { TThemeSummary } from '../../contract/catalog-api.ts';
import type { ThemeBundle } from './published-catalog.ts';


export function presentThemeSummary(b: ThemeBundle): TThemeSummary {
  const t = b.theme;
  const unit = (code: string) => b.unitNames.get(code) ?? { name: code, nameEn: code };
  const leadUnits = t.leadUnits.map((c) => ({ code: c, ...unit(c) }));
  return {
    code: t.code,
    seq: t.seq,
    name: t.name,
    nameEn: t.nameEn,
    lifecycle: t.lifecycle,
    leadUnit: leadUnits.map((u) => u.name).join('、'),
    leadUnits,
    targetDate: t.targetDate,
    summary: t.summary,
    summaryEn: t.summaryEn,
    version: b.version,
    matters: t.matters.map((tm) => {
      const m = b.matters.get(tm.matter);
      const unitCode = m?.unit ?? '';
      const u = unit(unitCode);
      return { code: tm.matter, name: m?.name ?? tm.matter, nameEn: m?.nameEn ?? tm.matter, unit: u.name, unitCode, unitEn: u.nameEn };
    }),
  };
}
