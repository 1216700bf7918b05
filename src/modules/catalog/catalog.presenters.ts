// How themes look from outside: the public list and the theme page.
import { z } from 'zod';
import type { ThemeBundle } from './published-catalog.ts';

export const ZThemeSummary = z.object({
  code: z.string(),
  seq: z.number(),
  name: z.string(),
  nameEn: z.string(),
  lifecycle: z.enum(['person', 'enterprise', 'project']),
  /** name of the (first) lead unit, as in the annex */
  leadUnit: z.string(),
  leadUnits: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  targetDate: z.string(),
  summary: z.string(),
  summaryEn: z.string(),
  version: z.number(),
  matters: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), unitCode: z.string(), unitEn: z.string() })),
});
export type TThemeSummary = z.infer<typeof ZThemeSummary>;

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
      const unitCode = tm.unit ?? m?.unit ?? '';
      const u = unit(unitCode);
      return { code: tm.matter, name: m?.name ?? tm.matter, nameEn: m?.nameEn ?? tm.matter, unit: u.name, unitCode, unitEn: u.nameEn };
    }),
  };
}
