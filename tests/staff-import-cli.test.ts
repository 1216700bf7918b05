// npm run staff:import as a real process, on both databases: a dry run of a CSV with a problem in
// nearly every row lists each by row number and stores nothing; an XLSX made here imports.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootDir } from '../src/config.ts';
import { openDatabase, type Db } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadCatalogFiles } from '../src/modules/catalog/index.ts';
import { seedDemoAccounts } from '../src/modules/identity/index.ts';
import { createTestDatabase, DB_KINDS, MIGRATIONS_DIR, postgresAvailable } from './helpers/databases.ts';

const PG = await postgresAvailable();
const root = findRootDir();
const run = promisify(execFile);

function orgCatalog(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'yj-staff-org-'));
  symlinkSync(path.join(root, 'catalog', 'divisions'), path.join(dir, 'divisions'));
  symlinkSync(path.join(root, 'catalog', 'units'), path.join(dir, 'units'));
  return dir;
}

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/staff-import.ts'), ...args], {
      cwd: root, env: { PATH: process.env.PATH ?? '', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...env }, timeout: 120_000,
    });
    return { code: 0, out: r.stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`staff:import (${kind})`, () => {
    let env: Record<string, string>;
    let open: () => Promise<{ db: Db; close: () => Promise<void> }>;
    let cleanup: () => Promise<void> = async () => undefined;
    const work = mkdtempSync(path.join(tmpdir(), 'yj-staff-import-'));

    beforeAll(async () => {
      if (kind === 'pglite') {
        const dataDir = path.join(work, 'data');
        open = async () => openDatabase({ dataDir: path.join(dataDir, 'pglite') }); // where the CLI's DATA_DIR keeps it
        env = { DATA_DIR: dataDir };
        const d = await open();
        await migrate(d.db, MIGRATIONS_DIR);
        await loadCatalogFiles(d.db, orgCatalog());
        await seedDemoAccounts(d.db);
        await d.close();
      } else {
        const t = await createTestDatabase('postgres');
        await loadCatalogFiles(t.db, orgCatalog());
        await seedDemoAccounts(t.db);
        await t.close();
        open = async () => openDatabase({ databaseUrl: t.url! });
        env = { DATABASE_URL: t.url! };
        cleanup = () => t.drop();
      }
    }, 240_000);
    afterAll(async () => cleanup());

    const usernames = async () => {
      const d = await open();
      try {
        return (await d.db.selectFrom('users').select('username').execute()).map((u) => u.username);
      } finally {
        await d.close();
      }
    };

    it('dry-runs the fixture CSV: every problem by row number, nothing stored', async () => {
      const before = await usernames();
      const { code, out } = await cli(env, path.join(root, 'tests/fixtures/staff/staff-with-problems.csv'), '--dry-run');
      expect(code).toBe(1);
      expect(out).toContain('读取 read 8 行');
      const expected: Array<[number, string]> = [
        [3, '与第 2 行重复'], [4, '“officer-health”已被使用'], [5, '不是 11 位大陆手机号'], [6, '单位“no-such-unit”不存在'],
        [7, '不认识的角色“mayor”'], [8, '缺少用户名'], [9, '初始密码至少 10 位'],
      ];
      for (const [row, zh] of expected) expect(out).toMatch(new RegExp(`第 ${row} 行：[^\\n]*${zh}`));
      expect(out).not.toContain('第 2 行：');
      expect(out).toContain('7 处问题，未导入任何人员');
      expect(await usernames()).toEqual(before);
    }, 240_000);

    it('dry-runs and imports an XLSX file made here, with progress and a passwords file', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('人员');
      ws.addRow(['username', 'name', 'phone', 'unit', 'roles']);
      for (let i = 1; i <= 12; i++) ws.addRow([`tax-${i}`, `税务${i}`, `1390731${String(i).padStart(4, '0')}`, 'city-tax', i === 1 ? '单位管理员、审批人员' : 'officer']);
      const file = path.join(work, `staff-${kind}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

      const dry = await cli(env, file, '--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('试导入通过：12 人可以导入，未保存任何数据');
      expect((await usernames()).filter((u) => u.startsWith('tax-'))).toEqual([]);

      const real = await cli(env, file);
      expect(real.code).toBe(0);
      expect(real.out).toContain('… 10/12');
      expect(real.out).toContain('已导入 12 人');
      const passwords = readFileSync(`${file}.passwords.csv`, 'utf8').trim().split('\n');
      expect(passwords).toHaveLength(13);
      expect(passwords[1]).toMatch(/^tax-1,[A-Za-z2-9]{12}$/);
      expect(statSync(`${file}.passwords.csv`).mode & 0o077).toBe(0);
      expect(real.out).not.toContain(passwords[1]!.split(',')[1]!);

      const d = await open();
      try {
        const rows = await d.db.selectFrom('users').select(['id', 'username', 'role', 'unit_code', 'must_change_password']).where('username', 'like', 'tax-%').orderBy('id').execute();
        expect(rows).toHaveLength(12);
        expect(rows[0]).toMatchObject({ username: 'tax-1', role: 'unit_admin', unit_code: 'city-tax', must_change_password: true });
        expect(await d.db.selectFrom('staff_roles').select(['role', 'unit_code']).where('user_id', '=', rows[0]!.id).execute()).toEqual([{ role: 'officer', unit_code: 'city-tax' }]);
        const audit = await d.db.selectFrom('audit_log').select(['actor_role']).where('action', '=', 'staff.account.create').execute();
        expect(audit).toHaveLength(12);
        expect(audit.every((a) => a.actor_role === 'system')).toBe(true);
      } finally {
        await d.close();
      }
      // the same file again: every row is now taken
      const again = await cli(env, file, '--dry-run');
      expect(again.code).toBe(1);
      expect(again.out).toContain('12 处问题');
    }, 480_000);
  });
}
