// 同一事项不重复申请: the same life event is not applied for twice by mistake. A theme names, as
// catalog data (`uniqueBy`), the keys of data elements that identify its life event (the newborn: the
// child's birth certificate number, or its mother, name and date of birth). The application keeps a
// hash of each key its values fill — never the values themselves — and a second one with the same key
// is refused while the first is open or completed; withdrawn, not accepted, voided or wholly refused
// applications do not block.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { TTheme } from '../catalog/index.ts';
import * as repo from './cases.repo.ts';

const normal = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);
const filled = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/** The hash of every uniqueness key of the theme whose elements the values all fill. */
export function lifeEventKeys(theme: Pick<TTheme, 'code' | 'uniqueBy'>, values: Readonly<Record<string, unknown>>): string[] {
  return (theme.uniqueBy ?? [])
    .filter((key) => key.every((el) => filled(values[el])))
    .map((key) => createHash('sha256').update(JSON.stringify([theme.code, key, key.map((el) => normal(values[el]))])).digest('hex'));
}

/** 409 DUPLICATE_APPLICATION when another open or completed application of the theme has one of the keys. */
export async function assertLifeEventFree(db: repo.DbOrTx, theme: Pick<TTheme, 'code' | 'name' | 'nameEn'>, keys: readonly string[], applicantId: number): Promise<void> {
  if (keys.length === 0) return;
  const other = await repo.findBlockingLifeEvent(db, theme.code, keys);
  if (!other) return;
  // the number only to its own applicant: another person's application is not theirs to see
  const own = Number(other.applicant_id) === applicantId;
  throw new AppError('conflict', 'DUPLICATE_APPLICATION', {
    zh: own
      ? `您已为同一事项申请过“${theme.name}”（申请编号 ${other.number}），正在办理或已办结，无需重复申请`
      : `同一事项的“${theme.name}”已有他人申请，正在办理或已办结，无需重复申请；如有疑问请咨询 12345`,
    en: own
      ? `You already applied for "${theme.nameEn}" for the same event (application ${other.number}); it is open or completed, so there is no need to apply again`
      : `Someone already applied for "${theme.nameEn}" for the same event; it is open or completed, so there is no need to apply again (ask 12345 if in doubt)`,
  });
}
