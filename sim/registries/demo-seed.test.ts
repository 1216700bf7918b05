// The simulators' demo people must be Yijian's demo accounts: same names, ID numbers and companies,
// or prefill in a walk-through silently finds nothing. Checked against the accounts Yijian really seeds.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootDir } from '../../src/config.ts';
import { loadCatalogFiles } from '../../src/modules/catalog/index.ts';
import { DEMO_COMPANY, findUserByUsername, seedDemoAccounts } from '../../src/modules/identity/index.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/databases.ts';
import { demoPeople, demoRows } from './demo-seed.ts';

describe('demo seed of the registry simulators', () => {
  let database: TestDatabase;
  const orgDir = mkdtempSync(path.join(tmpdir(), 'yj-org-catalog-'));

  beforeAll(async () => {
    // divisions and units are all the demo accounts need; the full catalog would only slow this down
    for (const sub of ['divisions', 'units']) symlinkSync(path.join(findRootDir(), 'catalog', sub), path.join(orgDir, sub));
    database = await createTestDatabase('pglite');
    await loadCatalogFiles(database.db, orgDir);
    await seedDemoAccounts(database.db);
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(orgDir, { recursive: true, force: true });
  });

  it("uses the demo accounts' names and ID numbers", async () => {
    const people = demoPeople();
    const pairs = [['citizen', people.zhangSan], ['citizen2', people.liSi], ['elder', people.grandmaWang], ['enterprise', people.zhaoLiu]] as const;
    for (const [username, person] of pairs) {
      const user = await findUserByUsername(database.db, username);
      expect({ name: user?.display_name, idNumber: user?.id_number }, username).toEqual({ name: person.name, idNumber: person.idNumber });
    }
    const enterprise = await findUserByUsername(database.db, 'enterprise');
    const company = demoRows().find((r) => r.resource === 'company' && r.record.creditCode === enterprise?.enterprise_credit_code);
    expect(company?.record.name).toBe(DEMO_COMPANY.name);
  });
});
