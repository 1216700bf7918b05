// The client against the registry simulators running as a real process: no HTTP mocks, so timeouts,
// retries and dropped connections are the real thing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../../sim/registries/demo-seed.ts';
import { startRegistrySimulator, type RunningSimulator } from '../../../sim/registries/start-simulator.ts';
import { createDatahubClient, DatahubError, type DatahubLookupEvent } from './index.ts';

const PURPOSE = '新生儿出生“一件事”：预填一次表单';

describe('datahub client against the registry simulators', () => {
  let sim: RunningSimulator;
  const people = demoPeople();
  const events: DatahubLookupEvent[] = [];
  const client = (over: { timeoutMs?: number; retries?: number } = {}) =>
    createDatahubClient({ baseUrl: sim.url, requesterUnit: 'city-health', timeoutMs: 2_000, backoffMs: 20, onLookup: (e) => void events.push(e), ...over });
  const setFaults = (faults: object) => fetch(`${sim.url}/faults`, { method: 'POST', body: JSON.stringify(faults) });

  beforeAll(async () => {
    sim = await startRegistrySimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  afterEach(async () => {
    events.length = 0;
    await setFaults({ mode: 'none' });
  });

  it("reads 张三's household and his child's birth record, and reports each lookup with its cause", async () => {
    const household = await client().lookup('household', people.zhangSan.idNumber, PURPOSE);
    expect(household).toMatchObject({ name: '张三', address: people.zhangSan.address, gender: '1' });

    const birth = await client().lookup('birth', { idNumber: people.zhangSan.idNumber }, PURPOSE);
    expect(birth).toMatchObject({ fatherName: '张三', motherName: people.liuTing.name, motherIdNumber: people.liuTing.idNumber, birthPlace: '湖南省长沙市开福区' });
    expect(String(birth?.certificateNo)).toMatch(/^[A-Z]\d{9}$/);
    const age = Date.now() - Date.parse(String(birth?.birthDate));
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(90 * 86_400_000);

    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ resource: 'household', keyKind: 'idNumber', key: people.zhangSan.idNumber, purpose: PURPOSE, requesterUnit: 'city-health', outcome: 'found', attempts: 1, status: 200 });
  });

  it('reads the enterprise by its credit code', async () => {
    expect(await client().lookup('company', '91430102MA4L1W3A7F', '企业开办：预填法定代表人')).toMatchObject({ legalRepName: people.qianWei.name, type: 'limited-company' });
  });

  it('returns undefined for a person the registry does not know', async () => {
    expect(await client().lookup('marriage', people.grandmaWang.idNumber, PURPOSE)).toBeUndefined();
    expect(events[0]).toMatchObject({ outcome: 'not_found', status: 404 });
  });

  it('refuses a lookup without a cause before calling, and a key the resource does not index', async () => {
    await expect(client().lookup('household', people.zhangSan.idNumber, '  ')).rejects.toMatchObject({ code: 'DATAHUB_PURPOSE_REQUIRED' });
    await expect(client().lookup('company', people.zhangSan.idNumber, PURPOSE)).rejects.toMatchObject({ code: 'DATAHUB_BAD_KEY' });
    expect(events).toHaveLength(0);
  });

  it('retries through two 500s and recovers', async () => {
    await setFaults({ mode: 'error500', count: 2 });
    expect(await client().lookup('household', people.liSi.idNumber, PURPOSE)).toMatchObject({ childIdNumber: people.liZixuan.idNumber });
    expect(events[0]).toMatchObject({ outcome: 'found', attempts: 3 });
  });

  it('gives up with DATAHUB_UNAVAILABLE when the registry keeps failing, and reports it', async () => {
    await setFaults({ mode: 'error500' });
    const err = await client({ retries: 1 }).lookup('household', people.liSi.idNumber, PURPOSE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatahubError);
    expect(err).toMatchObject({ code: 'DATAHUB_UNAVAILABLE', status: 500 });
    expect(events[0]).toMatchObject({ outcome: 'unavailable', attempts: 2 });
  });

  it('times out a slow answer and retries; survives a dropped connection', async () => {
    await setFaults({ mode: 'slow', slowMs: 2_000, count: 1 });
    expect(await client({ timeoutMs: 300 }).lookup('social-insurance', people.zhangSan.idNumber, PURPOSE)).toMatchObject({ pensionType: 'enterprise' });
    expect(events[0]).toMatchObject({ outcome: 'found', attempts: 2 });
    await setFaults({ mode: 'down', count: 1 });
    expect(await client().lookup('real-estate', people.zhangSan.idNumber, PURPOSE)).toMatchObject({ usage: 'residential' });
  });

  it('does not hand out a record whose lookup could not be reported', async () => {
    const failing = createDatahubClient({ baseUrl: sim.url, requesterUnit: 'city-health', onLookup: () => { throw new Error('audit down'); } });
    await expect(failing.lookup('household', people.zhangSan.idNumber, PURPOSE)).rejects.toThrow('audit down');
  });
});
