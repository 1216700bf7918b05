// The result an approval records (办结结果), checked before anything is stored: the fields later
// sub-cases of the application wait for are there, and every value is one the matter's result
// declares and is valid for the result field dictionary (type, ID and credit-code check characters,
// dates, code tables). Used by the back office and, before an event is kept, by the adapter API.
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { checkResultValues, publishedCatalog, resultFieldDictionary, resultFieldName, type ResultValue } from '../catalog/index.ts';
import * as repo from './cases.repo.ts';

/** The fields a sub-case's result may carry (its matter's, pinned version) and those its dependents need. */
export async function resultFieldsOf(ctx: AppContext, sub: repo.SubcaseRow): Promise<{ declared: string[]; needed: string[] }> {
  const catalog = publishedCatalog(ctx.database);
  const [bundles, siblings] = await Promise.all([catalog.all(), repo.listSubcases(ctx.database.db, sub.application_id)]);
  // the matter version the sub-case was made with, else the one published now
  const pinned = bundles.find((b) => b.matterVersions[sub.matter_code] === sub.matter_version) ?? bundles.find((b) => b.matters.has(sub.matter_code));
  const needed = [...new Set(siblings.flatMap((s) => s.inputs.filter((i) => i.matter === sub.matter_code).map((i) => i.field)))];
  return { declared: [...new Set([...(pinned?.matters.get(sub.matter_code)?.result.fields ?? []), ...needed])], needed };
}

/** The result's values, normalised; 422 RESULT_FIELDS_MISSING or RESULT_FIELD_INVALID naming each field in Chinese and English. */
export async function checkResultFields(ctx: AppContext, sub: repo.SubcaseRow, fields: Readonly<Record<string, ResultValue>>): Promise<Record<string, ResultValue>> {
  const { declared, needed } = await resultFieldsOf(ctx, sub);
  const missing = needed.filter((f) => fields[f] === undefined || (typeof fields[f] === 'string' && fields[f].trim() === ''));
  if (missing.length > 0) {
    const names = missing.map(resultFieldName);
    throw new AppError('unprocessable', 'RESULT_FIELDS_MISSING', {
      zh: `办结结果缺少后续事项所需的信息：${names.map((n) => n.zh).join('、')}`,
      en: `The result lacks what later matters need: ${names.map((n) => n.en).join(', ')}`,
    }, missing.map((f, i) => ({ path: `fields.${f}`, code: 'REQUIRED', zh: `请填写${names[i]!.zh}`, en: `${names[i]!.en} is required` })));
  }
  const checked = checkResultValues(resultFieldDictionary(), new Set(declared), fields, ctx.now());
  if (checked.ok) return checked.values;
  throw new AppError('unprocessable', 'RESULT_FIELD_INVALID', {
    zh: `办结结果有误：${checked.problems.map((p) => `${p.name.zh}${p.zh}`).join('；')}`,
    en: `The result is not valid: ${checked.problems.map((p) => `${p.name.en} ${p.en}`).join('; ')}`,
  }, checked.problems.map((p) => ({ path: `fields.${p.field}`, code: p.code, zh: `${p.name.zh}${p.zh}`, en: `${p.name.en} ${p.en}` })));
}
