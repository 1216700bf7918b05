// The registry simulators as callers see them: a real process over HTTP, and the bulk generator's data.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidResidentId, isChangshaDivision } from '../../src/platform/identifiers.ts';
import { demoPeople } from './demo-seed.ts';
import { generateRegistries } from './generate.ts';
import { REGISTRY_RESOURCES, type RegistryRow } from './registry-data.ts';
import { startRegistrySimulator, type RunningSimulator } from './start-simulator.ts';
import { registryFile } from './store.ts';

const CALLER = { 'x-requester': 'city-police', 'x-purpose': encodeURIComponent('新生儿出生登记：核验父母户籍') };

describe('registry simulator over HTTP', () => {
  let sim: RunningSimulator;
  const people = demoPeople();
  const get = (p: string, headers: Record<string, string> = CALLER) => fetch(`${sim.url}${p}`, { headers });

  beforeAll(async () => {
    sim = await startRegistrySimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('seeds an empty data directory with the demo records, one file per registry', async () => {
    const health = (await (await fetch(`${sim.url}/health`)).json()) as { status: string; records: Record<string, number> };
    expect(health.status).toBe('ok');
    for (const r of REGISTRY_RESOURCES) expect(health.records[r], r).toBeGreaterThan(0);
  });

  it("answers 张三's household and marriage records, the spouse seen from his side", async () => {
    const household = (await (await get(`/registries/household/records?idNumber=${people.zhangSan.idNumber}`)).json()) as { record: Record<string, unknown> };
    expect(household.record).toMatchObject({ name: '张三', gender: '1', headIdNumber: people.zhangSan.idNumber, divisionCode: '430102001' });
    const marriage = (await (await get(`/registries/marriage/records?idNumber=${people.zhangSan.idNumber}`)).json()) as { record: Record<string, unknown> };
    expect(marriage.record).toMatchObject({ spouseName: people.liuTing.name, spouseIdNumber: people.liuTing.idNumber });
  });

  it('finds the enterprise by credit code and a title by certificate number', async () => {
    const company = await get('/registries/company/records?creditCode=91430102MA4L1W3A7F');
    expect(company.status).toBe(200);
    expect(((await company.json()) as { record: { legalRepName: string } }).record.legalRepName).toBe(people.qianWei.name);
    const title = await get(`/registries/real-estate/records?certificateNo=${encodeURIComponent('湘（2019）长沙市不动产权第0123456号')}`);
    expect(((await title.json()) as { record: { ownerName: string } }).record.ownerName).toBe('张三、刘婷');
  });

  it('refuses a lookup without a requester or a cause, and bad keys, with 4xx JSON errors', async () => {
    const q = `/registries/household/records?idNumber=${people.zhangSan.idNumber}`;
    const noPurpose = await get(q, { 'x-requester': 'city-police' });
    expect(noPurpose.status).toBe(400);
    expect(((await noPurpose.json()) as { error: { code: string } }).error.code).toBe('PURPOSE_REQUIRED');
    expect((await get(q, { 'x-purpose': 'x' })).status).toBe(400);
    const badId = await get('/registries/household/records?idNumber=430102199003071310');
    expect(((await badId.json()) as { error: { code: string } }).error.code).toBe('INVALID_ID_NUMBER');
    expect((await get('/registries/company/records?idNumber=430102199003071314')).status).toBe(400);
    expect((await get('/registries/pets/records?idNumber=x')).status).toBe(404);
    const none = await get(`/registries/residence-permit/records?idNumber=${people.zhangSan.idNumber}`);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('RECORD_NOT_FOUND');
    const badFaults = await fetch(`${sim.url}/faults`, { method: 'POST', body: JSON.stringify({ mode: 'explode' }) });
    expect(badFaults.status).toBe(400);
  });

  it("drops the connection in 'down' mode for the next N requests only", async () => {
    await fetch(`${sim.url}/faults`, { method: 'POST', body: JSON.stringify({ mode: 'down', count: 1 }) });
    await expect(get(`/registries/household/records?idNumber=${people.zhangSan.idNumber}`)).rejects.toThrow();
    expect((await get(`/registries/household/records?idNumber=${people.zhangSan.idNumber}`)).status).toBe(200);
  });
});

describe('bulk generator', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yj-registries-gen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rows = (resource: string) =>
    readFileSync(registryFile(dir, resource as RegistryRow['resource']), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Pick<RegistryRow, 'keys' | 'record'>);

  it('makes consistent records: valid ID numbers and credit codes, Changsha divisions, parents who are married', async () => {
    const today = new Date('2026-06-01T00:00:00Z');
    const progress: number[] = [];
    const result = await generateRegistries({ count: 3_000, dataDir: dir, seed: 7, today, onProgress: (p) => progress.push(p) });
    expect(result.people).toBeGreaterThanOrEqual(3_000);
    expect(progress.at(-1)).toBe(result.people);

    const households = rows('household');
    const ids = households.map((h) => h.record.idNumber as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const h of households) {
      expect(isValidResidentId(h.record.idNumber as string, today), h.record.idNumber as string).toBe(true);
      expect(isChangshaDivision(h.record.divisionCode as string)).toBe(true);
    }
    for (const c of rows('company')) {
      expect(isValidCreditCode(c.record.creditCode as string)).toBe(true);
      expect(isValidResidentId(c.record.legalRepIdNumber as string, today)).toBe(true);
    }
    const spouses = new Map(rows('marriage').map((m) => [m.record.idNumber as string, m.record.spouseIdNumber as string]));
    const births = rows('birth');
    expect(births.length).toBeGreaterThan(100);
    for (const b of births) {
      expect(b.record.certificateNo).toMatch(/^[A-Z]\d{9}$/);
      expect(spouses.get(b.record.fatherIdNumber as string)).toBe(b.record.motherIdNumber);
    }
    for (const p of rows('residence-permit')) expect(isValidResidentId(p.record.idNumber as string, today)).toBe(true);
    for (const r of rows('real-estate')) expect(r.record.unitNo).toMatch(/^\d{12}[A-Z]{2}\d{5}[A-Z]\d{8}$/);
  });

  it('is deterministic for a seed', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'yj-registries-gen-'));
    try {
      const today = new Date('2026-06-01T00:00:00Z');
      await generateRegistries({ count: 3_000, dataDir: other, seed: 7, today });
      expect(readFileSync(registryFile(other, 'birth'), 'utf8')).toBe(readFileSync(registryFile(dir, 'birth'), 'utf8'));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
