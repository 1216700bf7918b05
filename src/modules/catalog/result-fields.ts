// The dictionary of result fields (办理结果字段): catalog/result-fields.yaml names each code a matter's
// `result.fields` lists and says what kind of value it is. Read once, lazily, from the repository (like
// the working-day calendar), so it works from src under tsx and from the bundle in dist/server alike.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { findRootDir } from '../../config.ts';

export const ZResultFieldType = z.enum([
  'text', // words: a name, an address, a conclusion
  'certificateNo', // a number the issuing unit gives a certificate, decision, filing, receipt or account
  'code', // a form fixed by a national standard: credit code, ID number, a code table's value
  'date', // YYYY-MM-DD
  'money', // yuan
]);
export type TResultFieldType = z.infer<typeof ZResultFieldType>;

export const ZResultField = z.object({
  name: z.string().trim().min(1),
  nameEn: z.string().trim().min(1),
  type: ZResultFieldType,
  /** a code with a check character: 公民身份号码 (GB 11643) or 统一社会信用代码 (GB 32100) */
  format: z.enum(['residentId', 'creditCode']).optional(),
  /** the values of a national code table (e.g. 性别 GB/T 2261.1: 0, 1, 2, 9) */
  values: z.array(z.string().min(1)).min(1).optional(),
  /** a regular expression the whole value matches (e.g. 不动产单元号, 28 characters) */
  pattern: z.string().min(1).refine((re) => {
    try {
      new RegExp(re, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a regular expression').optional(),
  /** a value of the pattern's form, for integrators and simulators */
  example: z.string().min(1).optional(),
}).strict().refine((f) => !f.pattern || (f.example !== undefined && new RegExp(`^(?:${f.pattern})$`, 'u').test(f.example)), {
  message: 'a field with a pattern needs an example that matches it', path: ['example'],
});
export type TResultField = z.infer<typeof ZResultField>;

/** The file: code → definition; codes are spelt as in `result.fields` (camelCase). */
export const ZResultFieldDictionary = z.record(
  z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'result field code: camelCase letters and digits'),
  ZResultField,
);

export type ResultFieldDictionary = ReadonlyMap<string, TResultField>;

/** Checks the parsed file (throws a ZodError) and gives the dictionary by code. */
export function parseResultFields(raw: unknown): ResultFieldDictionary {
  return new Map(Object.entries(ZResultFieldDictionary.parse(raw ?? {})));
}

let loaded: ResultFieldDictionary | undefined;

/** The repository's dictionary, read on first use; a missing or invalid file fails loudly. */
export function resultFieldDictionary(): ResultFieldDictionary {
  if (!loaded) {
    const file = path.join(findRootDir(), 'catalog', 'result-fields.yaml');
    try {
      loaded = parseResultFields(parse(readFileSync(file, 'utf8')));
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}; run npm run catalog:check`, { cause: e });
    }
  }
  return loaded;
}

/** The field's name in both languages; a code the dictionary lacks is shown as itself. */
export function resultFieldName(code: string): { zh: string; en: string } {
  const f = resultFieldDictionary().get(code);
  return f ? { zh: f.name, en: f.nameEn } : { zh: code, en: code };
}

/** The names of those codes the dictionary has (a code it lacks is left out: the UI shows it as itself). */
export function resultFieldLabels(codes: Iterable<string>): Record<string, { zh: string; en: string }> {
  const dictionary = resultFieldDictionary();
  const labels: Record<string, { zh: string; en: string }> = {};
  for (const code of codes) {
    const f = dictionary.get(code);
    if (f) labels[code] = { zh: f.name, en: f.nameEn };
  }
  return labels;
}
