// The lint rules can fail: small deliberate violations in a temporary tree, checked by the same
// dependency-cruiser configs, table check and ESLint config that `npm run lint` uses. No database.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without type declarations
import { checkTables } from '../scripts/check-tables.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const depcruiseBin = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }),
  'web/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', allowImportingTsExtensions: true, noEmit: true, baseUrl: '.', paths: { '@server/*': ['../src/*'] } } }),
  'src/modules/alpha/index.ts': "export { secret } from './internal.ts';\n",
  'src/modules/alpha/internal.ts': 'export const secret = 1;\n',
  'src/modules/beta/index.ts': "export { viaIndex } from './good.ts';\n",
  'src/modules/beta/good.ts': "import { secret } from '../alpha/index.ts';\nexport const viaIndex = secret;\n",
  'src/modules/beta/bypass.ts': "import { secret } from '../alpha/internal.ts';\nexport const bypass = secret;\n",
  'src/platform/floor.ts': "import { secret } from '../modules/alpha/index.ts';\nexport const floor = secret;\n",
  'src/modules/gamma/one.ts': "import { two } from './two.ts';\nexport const one = (): number => two() + 1;\n",
  'src/modules/gamma/two.ts': "import { one } from './one.ts';\nexport const two = (): number => one() - 1;\n",
  'src/modules/beta/writes.ts': [
    "export async function f(db: any, sql: any) {",
    "  await db.insertInto('users').values({}).execute();",
    "  await db.selectFrom('applications').select('id').where('id', '=', 'x').forUpdate().executeTakeFirst();",
    "  await sql`update subcases set status = ${'x'} where id = ${'y'}`.execute(db);",
    "  await db.selectFrom('routing_rules').selectAll().execute();",
    "  await db.insertInto('outbox').values({}).execute();",
    "}",
  ].join('\n'),
  'src/contract/shared.ts': 'export type Shared = { a: string };\n',
  'web/src/page.ts': "import type { Shared } from '@server/contract/shared.ts';\nimport type { secret } from '@server/modules/alpha/index.ts';\nexport type Page = [Shared, typeof secret];\n",
};

let dir: string;

interface Violation { rule: { name: string }; from: string; to: string; cycle?: unknown[] }

function depcruise(config: string, ...targets: string[]): Violation[] {
  const r = spawnSync(process.execPath, [depcruiseBin, ...targets, '--config', path.join(repo, config), '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  expect(r.stdout, r.stderr).not.toBe('');
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'yijian-lint-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint rules report deliberate violations', () => {
  it('dependency-cruiser: a bypassed index.ts, platform importing a module, a cycle', () => {
    const found = depcruise('.dependency-cruiser.cjs', 'src').map((v) => `${v.rule.name} ${v.from} → ${v.to}`);
    // exactly these: importing through index.ts and within a module (beta/good.ts, alpha/index.ts) stays quiet
    expect(found.sort()).toEqual([
      'module-through-index src/modules/beta/bypass.ts → src/modules/alpha/internal.ts',
      'no-cycles src/modules/gamma/one.ts → src/modules/gamma/two.ts',
      'platform-below-modules src/platform/floor.ts → src/modules/alpha/index.ts',
    ]);
  }, 60_000);

  it('dependency-cruiser (lint:web): the web imports only src/contract/**', () => {
    const found = depcruise('.dependency-cruiser-web.cjs', 'web/src').map((v) => `${v.rule.name} ${v.from} → ${v.to}`);
    expect(found).toEqual(['web-only-contract web/src/page.ts → src/modules/alpha/index.ts']);
  }, 60_000);

  it('the table check: writes and locks of another module\'s tables, reads not on the allow list', () => {
    const problems = (checkTables(dir) as string[]).map((p) => p.replace(/ \(.*\)$/, '')).sort();
    expect(problems).toEqual([
      'src/modules/beta/writes.ts:2: module beta writes table users owned by identity',
      'src/modules/beta/writes.ts:3: module beta locks rows of table applications owned by cases',
      'src/modules/beta/writes.ts:4: module beta writes table subcases owned by cases',
      'src/modules/beta/writes.ts:5: module beta reads table routing_rules owned by routing',
      'src/modules/beta/writes.ts:6: module beta writes table outbox owned by platform',
    ]); // a module emits events (platform/events.ts) instead of writing the outbox
  });

  it('ESLint: an explicit any is an error', async () => {
    const eslint = new ESLint({ cwd: repo });
    const [result] = await eslint.lintText(FILES['src/modules/beta/writes.ts']!, { filePath: path.join(repo, 'src/modules/beta/writes.ts') });
    const anys = result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-explicit-any');
    expect(anys.map((m) => [m.line, m.severity])).toEqual([[1, 2], [1, 2]]);
  }, 60_000);
});
