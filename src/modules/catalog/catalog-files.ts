// Reads the catalog kept as YAML data files in the repository (catalog/) and checks it whole:
// schemas, quality rules, references (result fields: result-fields.yaml), acyclic dependencies.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  ZDataElement, ZDivision, ZMatter, ZTheme, ZUnit,
  type TDataElement, type TDivision, type TMatter, type TTheme, type TUnit,
} from '../../contract/catalog.ts';
import { checkElement, checkMatter, checkMatterRefs, checkTheme, type CatalogIndex, type Problem } from './quality-rules.ts';
import { ZResultFieldDictionary, type ResultFieldDictionary } from './result-fields.ts';

export interface CatalogFiles {
  divisions: TDivision[];
  units: TUnit[];
  elements: TDataElement[];
  matters: TMatter[];
  themes: TTheme[];
  /** result-fields.yaml, by code */
  resultFields: ResultFieldDictionary;
}

export interface FileProblem extends Problem {
  file: string;
}

export interface CatalogReadResult {
  catalog: CatalogFiles;
  problems: FileProblem[];
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

export function readCatalogDir(dir: string): CatalogReadResult {
  const problems: FileProblem[] = [];
  const rel = (f: string) => path.relative(dir, f);

  function load<T>(schema: z.ZodType<T>, file: string, many: boolean): T[] {
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ file: rel(file), path: '', code: 'YAML_SYNTAX', zh: `YAML 语法错误：${(e as Error).message}`, en: `YAML syntax error: ${(e as Error).message}` });
      return [];
    }
    const items = many ? (Array.isArray(raw) ? raw : [raw]) : [raw];
    const out: T[] = [];
    items.forEach((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) out.push(r.data);
      else
        for (const issue of r.error.issues) {
          const at = [many ? String(i) : '', ...issue.path.map(String)].filter(Boolean).join('.');
          problems.push({ file: rel(file), path: at, code: 'SCHEMA', zh: `字段 ${at || '(根)'}：${issue.message}`, en: `field ${at || '(root)'}: ${issue.message}` });
        }
    });
    return out;
  }

  const catalog: CatalogFiles = {
    divisions: yamlFiles(path.join(dir, 'divisions')).flatMap((f) => load(ZDivision, f, true)),
    units: yamlFiles(path.join(dir, 'units')).flatMap((f) => load(ZUnit, f, true)),
    elements: yamlFiles(path.join(dir, 'elements')).flatMap((f) => load(ZDataElement, f, true)),
    matters: [],
    themes: [],
    resultFields: new Map(),
  };
  const resultFieldsFile = path.join(dir, 'result-fields.yaml');
  if (existsSync(resultFieldsFile))
    catalog.resultFields = new Map(load(ZResultFieldDictionary, resultFieldsFile, false).flatMap((d) => Object.entries(d)));
  const matterFile = new Map<string, string>();
  for (const f of yamlFiles(path.join(dir, 'matters'))) {
    for (const m of load(ZMatter, f, false)) {
      if (matterFile.has(m.code)) problems.push({ file: rel(f), path: 'code', code: 'DUPLICATE_MATTER', zh: `事项编码“${m.code}”与 ${matterFile.get(m.code)} 重复`, en: `Matter code "${m.code}" is also used in ${matterFile.get(m.code)}` });
      matterFile.set(m.code, rel(f));
      catalog.matters.push(m);
    }
  }
  const themeFile = new Map<string, string>();
  for (const f of yamlFiles(path.join(dir, 'themes'))) {
    for (const t of load(ZTheme, f, false)) {
      themeFile.set(t.code, rel(f));
      catalog.themes.push(t);
    }
  }
  problems.push(...checkCatalog(catalog, (kind, code) => (kind === 'matter' ? matterFile.get(code) : themeFile.get(code)) ?? kind));
  return { catalog, problems };
}

/** Whole-catalog checks; `fileOf` names where a matter or theme came from. */
export function checkCatalog(c: CatalogFiles, fileOf: (kind: 'matter' | 'theme' | 'other', code: string) => string = (k) => k): FileProblem[] {
  const problems: FileProblem[] = [];
  const dup = (kind: string, codes: string[]) => {
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) problems.push({ file: kind, path: code, code: 'DUPLICATE_CODE', zh: `${kind} 编码“${code}”重复`, en: `${kind} code "${code}" is defined twice` });
      seen.add(code);
    }
  };
  dup('divisions', c.divisions.map((d) => d.code));
  dup('units', c.units.map((u) => u.code));
  dup('elements', c.elements.map((e) => e.code));
  dup('themes', c.themes.map((t) => t.code));
  dup('theme seq', c.themes.map((t) => String(t.seq)));
  const divisions = new Set(c.divisions.map((d) => d.code));
  for (const d of c.divisions)
    if (d.parent && !divisions.has(d.parent)) problems.push({ file: 'divisions', path: d.code, code: 'UNKNOWN_DIVISION', zh: `上级区划“${d.parent}”不存在`, en: `Parent division "${d.parent}" does not exist` });
  const unitCodes = new Set(c.units.map((u) => u.code));
  for (const u of c.units) {
    if (!divisions.has(u.division)) problems.push({ file: 'units', path: u.code, code: 'UNKNOWN_DIVISION', zh: `单位“${u.name}”的区划“${u.division}”不存在`, en: `Division "${u.division}" of unit "${u.nameEn}" does not exist` });
    if (u.parent && !unitCodes.has(u.parent)) problems.push({ file: 'units', path: u.code, code: 'UNKNOWN_UNIT', zh: `上级单位“${u.parent}”不存在`, en: `Parent unit "${u.parent}" does not exist` });
  }
  const idx: CatalogIndex = {
    units: unitCodes,
    elements: new Set(c.elements.map((e) => e.code)),
    matters: new Map(c.matters.map((m) => [m.code, m])),
    elementDocs: new Map(c.elements.map((e) => [e.code, e])),
    resultFields: c.resultFields,
  };
  for (const e of c.elements) for (const pr of checkElement(e)) problems.push({ ...pr, file: 'elements', path: `${e.code}.${pr.path}` });
  for (const e of c.elements)
    for (const src of e.prefill)
      if (src.source === 'matterResult' && !idx.matters.has(src.matter))
        problems.push({ file: 'elements', path: e.code, code: 'UNKNOWN_MATTER', zh: `数据元“${e.code}”的预填来源事项“${src.matter}”不存在`, en: `Prefill matter "${src.matter}" of element "${e.code}" does not exist` });
  for (const m of c.matters)
    for (const pr of [...checkMatter(m), ...checkMatterRefs(m, idx)]) problems.push({ ...pr, file: fileOf('matter', m.code) });
  for (const t of c.themes) for (const pr of checkTheme(t, idx)) problems.push({ ...pr, file: fileOf('theme', t.code) });
  return problems;
}
