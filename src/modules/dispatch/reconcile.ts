// Reconciliation (对账): asks push and pull units' systems for their view of the sub-cases that
// changed recently (GET {endpoint}/subcases/:id, signed) and records where it differs from Yijian's
// (status, the unit's event sequence, unknown at the unit, unreachable). Findings stay open until a
// later run sees the sub-case agree again. The periodic job runs through the scheduler under a lease,
// never holding a transaction during the HTTP calls.
import type { AppContext } from '../../platform/context.ts';
import type { JobTask } from '../../platform/scheduler.ts';
import { adapterFor } from './adapters.ts';
import * as repo from './dispatch.repo.ts';
import { signRequest } from './signing.ts';

export interface ReconcileOptions {
  /** sub-cases changed in the last this many hours */
  sinceHours?: number;
  /** skip sub-cases changed in the last this many ms (events in flight) */
  settleMs?: number;
  limit?: number;
  timeoutMs?: number;
  concurrency?: number;
}

export interface ReconcileReport {
  checked: number;
  findings: number;
}

interface UnitView {
  status?: unknown;
  lastSequence?: unknown;
  caseNo?: unknown;
}

export async function reconcileOnce(ctx: AppContext, opts: ReconcileOptions = {}): Promise<ReconcileReport> {
  const db = ctx.database.db;
  const now = ctx.now();
  const since = new Date(now.getTime() - (opts.sinceHours ?? 24) * 3_600_000);
  const settled = now.getTime() - (opts.settleMs ?? 30_000);
  const all = await repo.subcasesToReconcile(db, since, opts.limit ?? 1000);
  const pendingTasks = new Set((await db.selectFrom('dispatch_tasks').select('subcase_id').where('state', '=', 'pending')
    .where('subcase_id', 'in', all.length ? all.map((c) => c.id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((r) => r.subcase_id));
  // not yet delivered, or changed a moment ago: the unit cannot agree yet
  const updatedAt = new Map((await db.selectFrom('subcases').select(['id', 'updated_at']).where('id', 'in', all.length ? all.map((c) => c.id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((r) => [r.id, new Date(r.updated_at).getTime()]));
  const candidates = all.filter((c) => !pendingTasks.has(c.id) && (updatedAt.get(c.id) ?? 0) <= settled);
  let findings = 0;
  let i = 0;
  const worker = async () => {
    while (i < candidates.length) {
      const c = candidates[i++]!;
      if (await checkOne(ctx, c, opts.timeoutMs ?? 5000)) findings++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, candidates.length) }, worker));
  return { checked: candidates.length, findings };
}

async function checkOne(ctx: AppContext, c: repo.ReconcileCandidate & { endpoint_url: string }, timeoutMs: number): Promise<boolean> {
  const db = ctx.database.db;
  const at = ctx.now();
  const base = { unitCode: c.unit_code, subcaseId: c.id, yijianStatus: c.status, yijianSequence: c.last_sequence, at };
  const { key } = await adapterFor(db, c.unit_code);
  let view: UnitView | undefined;
  let problem: { kind: 'missing-at-unit' | 'unreachable'; detail: Record<string, unknown> } | undefined;
  if (!key) problem = { kind: 'unreachable', detail: { error: 'no signing key' } };
  else {
    const url = new URL(`${c.endpoint_url.replace(/\/+$/, '')}/subcases/${encodeURIComponent(c.id)}`);
    try {
      const headers = signRequest({ unitCode: c.unit_code, keyId: key.keyId, secret: key.secret, method: 'GET', pathWithQuery: url.pathname + url.search, now: at });
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      if (res.status === 404) problem = { kind: 'missing-at-unit', detail: {} };
      else if (!res.ok) problem = { kind: 'unreachable', detail: { httpStatus: res.status } };
      else view = (await res.json()) as UnitView;
    } catch (err) {
      problem = { kind: 'unreachable', detail: { error: err instanceof Error ? err.message.slice(0, 200) : String(err) } };
    }
  }
  if (problem) return repo.recordFinding(db, { ...base, kind: problem.kind, unitStatus: null, unitSequence: null, detail: problem.detail });
  const unitStatus = typeof view?.status === 'string' ? view.status : null;
  const unitSequence = typeof view?.lastSequence === 'number' ? view.lastSequence : null;
  const detail = typeof view?.caseNo === 'string' ? { caseNo: view.caseNo } : {};
  if (unitStatus !== c.status) return repo.recordFinding(db, { ...base, kind: 'status-differs', unitStatus, unitSequence, detail });
  if (unitSequence !== null && unitSequence !== c.last_sequence) return repo.recordFinding(db, { ...base, kind: 'sequence-differs', unitStatus, unitSequence, detail });
  await repo.resolveFindings(db, c.id, at);
  return false;
}

export async function listFindings(ctx: AppContext, limit: number) {
  const rows = await repo.listOpenFindings(ctx.database.db, limit);
  return rows.map((r) => ({
    id: r.id, unitCode: r.unit_code, subcaseId: r.subcase_id, kind: r.kind, yijianStatus: r.yijian_status, unitStatus: r.unit_status,
    yijianSequence: r.yijian_sequence, unitSequence: r.unit_sequence, detail: r.detail, foundAt: new Date(r.found_at).toISOString(),
  }));
}

// ---------- the periodic job ----------

/** Reconciliation as a scheduled job: it calls units' systems, so it runs under a lease, outside any transaction. */
export function reconcileTask(ctx: AppContext, everyMs = 5 * 60_000, opts: ReconcileOptions = {}): JobTask {
  return {
    name: 'dispatch.reconcile', everyMs, leaseMs: 10 * 60_000,
    job: async () => {
      const report = await reconcileOnce(ctx, opts);
      if (report.findings > 0) ctx.log.warn(report, 'reconciliation found drift');
      else if (report.checked > 0) ctx.log.info(report, 'reconciliation done');
      return report.findings;
    },
  };
}
