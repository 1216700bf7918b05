// Prints the plain closing line CI reads: "N passed, N failed[, N skipped]".
// Failed counts failed tests, each failed hook or suite (a beforeAll/afterAll that threw or timed out, a
// file that failed to import or collect; at least one per failed file) and each unhandled error.
// Under CI=true nothing may be skipped: skipped and todo tests are listed and counted as failed.
// With YIJIAN_TEST_SUMMARY set, the counts are also written there as JSON for scripts/test.mjs.
import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestCase, TestModule, TestSuite } from 'vitest/node';

export interface CountSummary {
  passed: number;
  failed: number;
  skipped: number;
  ci: boolean;
}

function where(entity: TestModule | TestSuite | TestCase): string {
  if (entity.type === 'module') return entity.relativeModuleId;
  return `${entity.module.relativeModuleId} > ${entity.fullName}`;
}

function firstLine(e: SerializedError): string {
  return (e.message ?? String(e)).split('\n')[0] ?? '';
}

export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const ci = process.env.CI === 'true';
    let passed = 0;
    let failed = 0;
    const skippedTests: string[] = [];
    const failedOutsideTests: string[] = [];
    // in file order, so the lines above the closing line do not depend on which worker finished first
    const sorted = [...modules].sort((a, b) => a.relativeModuleId.localeCompare(b.relativeModuleId));
    for (const m of sorted) {
      let moduleFailures = 0;
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state === 'passed') passed++;
        else if (r.state === 'failed') moduleFailures++;
        else skippedTests.push(`${where(t)}${t.options.mode === 'todo' ? ' (todo)' : r.state === 'pending' ? ' (never ran)' : ''}`);
      }
      // errors on a file or suite come from its hooks or from importing/collecting it
      for (const s of [m, ...m.children.allSuites()]) {
        for (const e of s.errors()) {
          moduleFailures++;
          failedOutsideTests.push(`${where(s)}: ${firstLine(e)}`);
        }
      }
      // a failed file always costs at least one failure, whatever the reason
      if (m.state() === 'failed' && moduleFailures === 0) {
        moduleFailures = 1;
        failedOutsideTests.push(`${where(m)}: failed`);
      }
      failed += moduleFailures;
    }
    // an unhandled error fails the run (vitest exits 1), so it counts as a failure here too
    failed += unhandledErrors.length;
    const out: string[] = [''];
    for (const f of failedOutsideTests) out.push(`failed outside a test (hook, import or collection): ${f}`);
    for (const s of skippedTests) out.push(`skipped: ${s}`);
    const skipped = skippedTests.length;
    if (ci && skipped) {
      out.push(`CI=true: the ${skipped} skipped or todo test(s) above count as failed`);
      failed += skipped;
    }
    out.push(`${passed} passed, ${failed} failed${skipped && !ci ? `, ${skipped} skipped` : ''}`);
    process.stdout.write(`${out.join('\n')}\n`);
    if (failed > 0) process.exitCode = 1;
    const summaryPath = process.env.YIJIAN_TEST_SUMMARY;
    if (summaryPath) {
      const summary: CountSummary = { passed, failed, skipped, ci };
      writeFileSync(summaryPath, JSON.stringify(summary));
    }
  }
}
