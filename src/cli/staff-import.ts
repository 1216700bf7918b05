// npm run staff:import -- FILE [--dry-run] [--passwords OUT.csv]
// Imports staff accounts from a CSV (UTF-8) or XLSX file (columns: README, "Staff import"). A dry run
// lists every problem by row and stores nothing; an import refuses a file with any problem, then
// creates each account (audited, as the system) and writes the initial passwords to a file only the
// owner can read (default: FILE.passwords.csv), never to the terminal.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openContext } from '../bootstrap.ts';
import { migrate } from '../platform/migrate.ts';
import { checkStaffImport, importStaffRows, readStaffFile } from '../modules/identity/index.ts';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const pwIndex = args.indexOf('--passwords');
const passwordsOut = pwIndex >= 0 ? args[pwIndex + 1] : undefined;
const file = args.find((a, i) => !a.startsWith('--') && (pwIndex < 0 || i !== pwIndex + 1));
if (!file || (pwIndex >= 0 && !passwordsOut)) {
  console.error('用法 usage: npm run staff:import -- FILE.csv|FILE.xlsx [--dry-run] [--passwords OUT.csv]');
  process.exit(2);
}

let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch {
  console.error(`无法读取文件 cannot read ${file}`);
  process.exit(2);
}

const config = loadConfig();
const ctx = await openContext(config);
let exitCode = 0;
try {
  await migrate(ctx.database.db, path.join(config.rootDir, 'migrations'));
  const policy = { minLength: config.passwordMinLength };
  const read = await readStaffFile(bytes);
  console.log(`读取 read ${read.rows.length} 行 rows from ${path.basename(file)}`);
  const problems = read.problems.length > 0 ? read.problems : await checkStaffImport(ctx.database.db, read.rows, 'system', policy);
  for (const p of problems) console.log(`✗ ${p.zh} | ${p.en}`);
  if (problems.length > 0) {
    console.log(`${problems.length} 处问题，未导入任何人员 | ${problems.length} problems; nothing was imported`);
    exitCode = 1;
  } else if (dryRun) {
    console.log(`试导入通过：${read.rows.length} 人可以导入，未保存任何数据 | dry run passed: ${read.rows.length} people can be imported; nothing was stored`);
  } else {
    const created = await importStaffRows(ctx.database.db, read.rows, 'system', ctx.now(), policy, (done, total) => {
      if (done === total || done % 10 === 0) console.log(`… ${done}/${total}`);
    });
    const out = passwordsOut ?? `${file}.passwords.csv`;
    const lines = ['username,initial_password', ...created.map((c) => `${c.username},${c.initialPassword ?? ''}`)];
    writeFileSync(out, `${lines.join('\n')}\n`, { mode: 0o600 });
    console.log(`已导入 ${created.length} 人；初始密码见 ${out}（首次登录须修改） | imported ${created.length}; initial passwords in ${out} (changed at first sign-in)`);
  }
} finally {
  await ctx.database.close();
}
process.exit(exitCode);
