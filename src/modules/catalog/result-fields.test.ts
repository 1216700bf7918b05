// The result field dictionary: its file parses, names every result field the shipped matters declare,
// holds no field no matter declares, and a bad file says what is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRootDir } from '../../config.ts';
import { readCatalogDir } from './catalog-files.ts';
import { parseResultFields, resultFieldDictionary, resultFieldName } from './result-fields.ts';

const { catalog, problems } = readCatalogDir(path.join(findRootDir(), 'catalog'));

describe('result field dictionary', () => {
  it('the shipped catalog passes catalog:check with it', () => {
    expect(problems.map((p) => `${p.file} [${p.path}] ${p.code}: ${p.en}`)).toEqual([]);
  });

  it('names every result field of every matter, and only those', () => {
    const used = new Set(catalog.matters.flatMap((m) => m.result.fields));
    const missing = [...used].filter((f) => !catalog.resultFields.has(f));
    const unused = [...catalog.resultFields.keys()].filter((f) => !used.has(f));
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
  });

  it('is what the running server reads (the same file, read once)', () => {
    expect(resultFieldDictionary()).toEqual(catalog.resultFields);
    expect(resultFieldDictionary()).toBe(resultFieldDictionary());
    expect(resultFieldName('certificateNo')).toEqual({ zh: '证书编号', en: 'Certificate number' });
    expect(resultFieldDictionary().get('creditCode')?.type).toBe('code');
    expect(resultFieldDictionary().get('birthDate')?.type).toBe('date');
    // a field passed on from elsewhere that the dictionary lacks shows its code
    expect(resultFieldName('documentNo')).toEqual({ zh: 'documentNo', en: 'documentNo' });
  });

  it('rejects an unknown type, a missing English name and a code not spelt like result.fields', () => {
    expect(() => parseResultFields({ certificateNo: { name: '证书编号', nameEn: 'Certificate number', type: 'string' } })).toThrow();
    expect(() => parseResultFields({ certificateNo: { name: '证书编号', type: 'certificateNo' } })).toThrow();
    expect(() => parseResultFields({ 'certificate-no': { name: '证书编号', nameEn: 'Certificate number', type: 'certificateNo' } })).toThrow();
  });

  describe('in catalog:check', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yj-result-fields-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('reports a bad entry with the file and the field', () => {
      writeFileSync(path.join(dir, 'result-fields.yaml'), 'certificateNo: { name: 证书编号, nameEn: Certificate number, type: serial }\n');
      const r = readCatalogDir(dir);
      expect(r.problems).toEqual([expect.objectContaining({ file: 'result-fields.yaml', path: 'certificateNo.type', code: 'SCHEMA' })]);
    });
    it('reports a code defined twice', () => {
      writeFileSync(path.join(dir, 'result-fields.yaml'), 'filingNo: { name: 备案编号, nameEn: Filing number, type: certificateNo }\nfilingNo: { name: 备案号, nameEn: Filing no., type: certificateNo }\n');
      expect(readCatalogDir(dir).problems.map((p) => p.code)).toEqual(['YAML_SYNTAX']);
    });
  });
});
