// The department system's storage: lines written in one turn go to the file together, and durable()
// resolves only once they are there (what the system acknowledges must survive its crash).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DepartmentStore } from './store.ts';
import type { TTask } from './schemas.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'yijian-dept-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const task = (id: string): TTask => ({
  taskId: `${id}:1`, event: 'subcase.released', sequence: 1,
  subcase: { id, applicationId: `app-${id}`, matterCode: 'birth-medical-certificate', unitCode: 'city-health', resultFields: [] },
});

describe('department store', () => {
  it('makes what it received durable before durable() resolves, in one append per turn', async () => {
    const store = DepartmentStore.load(dir);
    await store.durable(); // nothing pending: at once
    const file = path.join(dir, 'subcases.jsonl');
    store.receive(task('s1'), 's1:1', 'CASE-1', new Date());
    store.receive(task('s2'), 's2:1', 'CASE-2', new Date());
    const lines = () => { try { return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).length; } catch { return 0; } };
    expect(lines()).toBe(0); // not yet written
    await store.durable();
    expect(lines()).toBe(2);
    expect(store.receive(task('s1'), 's1:1', 'CASE-1', new Date())).toBe(false); // a repeat is recorded as a duplicate
    await store.durable();
    expect(lines()).toBe(3);
    // a restart reads it back
    const again = DepartmentStore.load(dir);
    expect(again.size).toBe(2);
    expect(again.counts).toMatchObject({ deliveries: 2, duplicatesReceived: 1 });
  });
});
