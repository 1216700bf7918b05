// The closing line CI reads, checked on small fixtures (tests/reporter-fixtures, outside the unit globs)
// through scripts/test.mjs, so its exit code is checked too.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findRootDir } from '../src/config.ts';

interface Run {
  code: number | null;
  lines: string[];
}

function runFixtures(ci: boolean, filters: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  // the outer vitest's own variables must not leak into the inner run
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST') && k !== 'CI' && k !== 'NODE_ENV') env[k] = v;
  if (ci) env.CI = 'true';
  env.NO_COLOR = '1';
  const child = spawn(process.execPath, ['scripts/test.mjs', '--config', 'tests/reporter-fixtures/vitest.config.ts', ...filters], { cwd: findRootDir(), env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', () => undefined);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: out.trimEnd().split('\n') }));
  });
}

// each run starts a vitest of its own: quick on an idle machine, slower on a loaded one
describe('the closing line', { timeout: 120_000 }, () => {
  it('counts failed hooks and files that fail at import as failed, even when their tests show as skipped', async () => {
    const r = await runFixtures(false, []);
    expect(r.lines.at(-1)).toBe('3 passed, 5 failed, 6 skipped');
    const outside = r.lines.filter((l) => l.startsWith('failed outside a test'));
    expect(outside).toEqual([
      'failed outside a test (hook, import or collection): after-all-throws.fixture.ts: teardown failed',
      'failed outside a test (hook, import or collection): before-all-throws.fixture.ts > a suite whose beforeAll throws: setup failed',
      'failed outside a test (hook, import or collection): before-all-times-out.fixture.ts > a suite whose beforeAll never finishes: Hook timed out in 200ms.',
      'failed outside a test (hook, import or collection): import-throws.fixture.ts: this module fails at import',
    ]);
    expect(r.code).toBe(1);
  });

  it('counts skipped and todo tests as skipped without CI, and the run passes', async () => {
    const r = await runFixtures(false, ['skips', 'passes']);
    expect(r.lines.filter((l) => l.startsWith('skipped: '))).toEqual([
      'skipped: skips.fixture.ts > is skipped',
      'skipped: skips.fixture.ts > is todo (todo)',
      'skipped: skips.fixture.ts > skips itself',
    ]);
    expect(r.lines.at(-1)).toBe('2 passed, 0 failed, 3 skipped');
    expect(r.code).toBe(0);
  });

  it('counts skipped and todo tests as failed under CI=true, says which, and the run fails', async () => {
    const r = await runFixtures(true, ['skips', 'passes']);
    expect(r.lines.slice(-5)).toEqual([
      'skipped: skips.fixture.ts > is skipped',
      'skipped: skips.fixture.ts > is todo (todo)',
      'skipped: skips.fixture.ts > skips itself',
      'CI=true: the 3 skipped or todo test(s) above count as failed',
      '2 passed, 3 failed',
    ]);
    expect(r.code).toBe(1);
  });

  it('passes under CI=true when everything ran and passed', async () => {
    const r = await runFixtures(true, ['passes']);
    expect(r.lines.at(-1)).toBe('1 passed, 0 failed');
    expect(r.code).toBe(0);
  });
});
