// The behaviour of a simulated department system: what it does with a sub-case it received (after a
// processing delay: accept then approve with values for the result fields, or reject, or ask for a
// supplement and approve once it is answered: realistic result values, and for a certificate or an
// approval the document itself as a generated PDF, sent first), and how it tells Yijian — signed events with its own
// per-sub-case sequence and event ids, retried with backoff until Yijian answers 2xx or 409. In pull
// mode it also fetches its tasks itself (long-poll) and acknowledges them.
import { createHash } from 'node:crypto';
import { sampleResultValue } from '../../src/platform/result-values.ts';
import type { TFaults, TTask } from './schemas.ts';
import { ZTask } from './schemas.ts';
import { signedHeaders, type UnitKey } from './signing.ts';
import { statusAfter, type DepartmentStore, type EventType, type PlannedEvent, type SubcaseRecord } from './store.ts';

export interface DepartmentOptions {
  key: UnitKey;
  mode: 'push' | 'pull';
  /** Yijian's base URL; without it the simulator only receives */
  yijianUrl?: string | undefined;
  delayMs: number;
  ratios: { approve: number; reject: number; supplement: number };
  /** receive and store only, never answer with events (dispatch benchmarks) */
  hold: boolean;
  /** callbacks in flight at once */
  concurrency: number;
  /** pull mode: long-poll wait (s) and batch size */
  pollWaitS: number;
  pollLimit: number;
  pollers: number;
  random?: () => number;
  log?: (line: Record<string, unknown>) => void;
  /** the unit's name, printed on the documents it issues */
  unitName?: string | undefined;
  /** attach a generated PDF to certificate and approval results (default true) */
  documents?: boolean;
}

export interface CallbackCounts {
  attempts: number;
  failedAttempts: number;
  sent: number;
  conflicts: number;
  refused: number;
  duplicatesSent: number;
  parked: number;
  outOfOrderSubcases: number;
  pulls: number;
  acks: number;
  ackFailures: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A realistic value for a result field the matter declares (src/platform/result-values.ts), from the sub-case's data. */
export function resultValue(field: { code: string; type?: string | undefined }, rec: Pick<SubcaseRecord, 'id' | 'matterCode' | 'unitCode'> & { data?: Record<string, unknown> }, now: Date): string | number | boolean {
  return sampleResultValue(field, { subcaseId: rec.id, matterCode: rec.matterCode, unitCode: rec.unitCode, data: rec.data, now });
}

/** Results that are a document handed to the applicant: 证照 and 批文. */
const DOCUMENT_RESULTS = new Set(['certificate', 'approval']);

/** A 电子缴款凭证 number for a fee this department collected: 20 digits, the same for the same sub-case. */
export function receiptNoFor(subcaseId: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(`receipt:${subcaseId}`).digest('hex').slice(0, 16)}`).toString().padStart(20, '0').slice(-16);
  return `4301${digits}`;
}

export class Department {
  readonly counts: CallbackCounts = { attempts: 0, failedAttempts: 0, sent: 0, conflicts: 0, refused: 0, duplicatesSent: 0, parked: 0, outOfOrderSubcases: 0, pulls: 0, acks: 0, ackFailures: 0 };
  faults: Required<Omit<TFaults, 'reset' | 'downMs'>> & { downUntil: number } = { downMode: '503', slowMs: 0, errorRatio: 0, duplicateCallbacks: 0, outOfOrder: 0, downUntil: 0 };
  /** sub-cases whose event chain is running (one chain per sub-case keeps its events in order) */
  readonly #chains = new Map<string, Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];
  #stopped = false;
  readonly #random: () => number;
  #pollAbort = new AbortController();

  constructor(readonly store: DepartmentStore, readonly opts: DepartmentOptions) {
    this.#random = opts.random ?? Math.random;
  }

  get down(): boolean {
    return Date.now() < this.faults.downUntil;
  }

  setFaults(f: TFaults): void {
    if (f.reset) this.faults = { downMode: '503', slowMs: 0, errorRatio: 0, duplicateCallbacks: 0, outOfOrder: 0, downUntil: 0 };
    const { downMs, reset: _reset, ...rest } = f;
    this.faults = { ...this.faults, ...rest };
    if (downMs !== undefined) this.faults.downUntil = Date.now() + downMs;
  }

  /** Unfinished work after a restart: sub-cases never decided on, events Yijian never answered. */
  resume(): void {
    for (const rec of this.store.all()) {
      if (rec.status === '13') continue;
      if (rec.events.length === 0) this.#schedule(rec.id, 'decide');
      else if (rec.events.some((e) => e.state === 'pending')) this.#chain(rec.id, () => this.#sendPending(rec.id));
    }
  }

  caseNoFor(subcaseId: string): string {
    return this.store.get(subcaseId)?.caseNo ?? `${this.opts.key.unitCode.toUpperCase().slice(0, 12)}-${createHash('sha256').update(subcaseId).digest('hex').slice(0, 10)}`;
  }

  /** A task from Yijian (push body or pulled task). Returns whether it was new. */
  receive(task: TTask, idempotencyKey: string): boolean {
    const fresh = this.store.receive(task, idempotencyKey, this.caseNoFor(task.subcase.id), new Date());
    if (!fresh) return false;
    this.opts.log?.({ event: 'received', subcaseId: task.subcase.id, what: task.event, sequence: task.sequence });
    if (task.event === 'subcase.released') this.#schedule(task.subcase.id, 'decide');
    if (task.event === 'subcase.supplement-answered') this.#schedule(task.subcase.id, 'after-supplement');
    return true;
  }

  #schedule(subcaseId: string, what: 'decide' | 'after-supplement'): void {
    if (this.opts.hold || !this.opts.yijianUrl) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#chain(subcaseId, async () => {
        if (this.faults.slowMs > 0) await sleep(this.faults.slowMs);
        const rec = this.store.get(subcaseId);
        if (!rec || rec.status === '13') return;
        if (what === 'decide' && rec.events.length > 0) return; // decided before a restart
        if (what === 'after-supplement' && rec.status !== '06') return;
        const plan = what === 'decide' ? this.#decide(rec) : this.#approve(rec, rec.lastSequence);
        const approval = plan.find((e) => e.type === 'approve');
        if (approval?.result) await this.#attachDocument(rec, approval.result);
        this.store.plan(rec.id, plan, new Date());
        await this.store.durable(); // the decision is on disk before Yijian hears of it
        await this.#sendPending(rec.id);
      });
    }, this.opts.delayMs);
    this.#timers.add(timer);
  }

  #decide(rec: SubcaseRecord): PlannedEvent[] {
    const { approve, reject, supplement } = this.opts.ratios;
    const total = approve + reject + supplement || 1;
    const r = this.#random() * total;
    if (r < approve) return this.#approve(rec, rec.lastSequence);
    const accept = this.#event(rec, rec.lastSequence + 1, 'accept', { note: '已受理' });
    if (r < approve + reject) return [accept, this.#event(rec, rec.lastSequence + 2, 'reject', { reason: '经审查，申请不符合办理条件' })];
    return [this.#event(rec, rec.lastSequence + 1, 'request-supplement', { note: '请补正：所附材料扫描件不清晰，请重新上传清晰、完整的扫描件' })];
  }

  #approve(rec: SubcaseRecord, after: number): PlannedEvent[] {
    const now = new Date();
    const fields = Object.fromEntries(rec.resultFields.map((f) => [f.code, resultValue(f, rec, now)]));
    const documentName = rec.result?.name || rec.matterName || '办理结果';
    // a fee not paid through Yijian is collected here (a 非税收入 receipt) and reported with the approval
    const payment = rec.fee && !rec.fee.paid && rec.fee.amountFen > 0 ? { receiptNo: receiptNoFor(rec.id), amountFen: rec.fee.amountFen } : undefined;
    return [
      this.#event(rec, after + 1, 'accept', { note: '已受理' }),
      this.#event(rec, after + 2, 'approve', { result: { fields, documentName }, note: '已办结', ...(payment ? { payment } : {}) }),
    ];
  }

  /**
   * A certificate or an approval is delivered as a document: generated as a PDF and sent to Yijian
   * (POST /api/adapter/v1/documents) before the approval that names it. A document that cannot be
   * made or sent after a few tries leaves the approval without one (logged), rather than never approving.
   */
  async #attachDocument(rec: SubcaseRecord, result: NonNullable<PlannedEvent['result']>): Promise<void> {
    if (this.opts.documents === false || !this.opts.yijianUrl || !DOCUMENT_RESULTS.has(rec.result?.type ?? '')) return;
    let bytes: Uint8Array;
    try {
      // loaded on first use: the PDF libraries would slow every simulator's start
      const { renderDocumentPdf } = await import('../../src/platform/pdf.ts');
      bytes = await renderDocumentPdf({
        title: result.documentName ?? '办理结果',
        number: String(result.fields.certificateNo ?? result.fields.licenceNo ?? result.fields.approvalNo ?? result.fields.permitNo ?? result.fields.acceptanceNo ?? rec.caseNo),
        fields: [
          ...holderFields(rec.data),
          ...rec.resultFields.map((f) => ({ label: typeof f.name === 'string' ? f.name : f.name?.zh ?? f.code, value: String(result.fields[f.code] ?? '') })),
          { label: '办件编号', value: rec.caseNo },
        ],
        ...(this.opts.unitName ? { issuer: { name: this.opts.unitName } } : {}),
        watermark: '一件事一次办 演示数据', issuedAt: new Date(),
        footer: `${rec.applicationNumber ?? rec.applicationId} · ${rec.matterName ?? rec.matterCode}`,
      });
    } catch (err) {
      this.opts.log?.({ event: 'document-error', subcaseId: rec.id, error: String(err) });
      return;
    }
    const url = new URL(`/api/adapter/v1/documents?name=${encodeURIComponent(`${result.documentName ?? '办理结果'}.pdf`)}`, this.opts.yijianUrl);
    for (let attempt = 1; attempt <= 5 && !this.#stopped; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST', body: bytes, signal: AbortSignal.timeout(15_000),
          headers: { 'content-type': 'application/pdf', ...signedHeaders(this.opts.key, 'POST', url.pathname + url.search, bytes) },
        });
        const text = await res.text();
        if (res.status === 201) {
          result.documentUploadId = (JSON.parse(text) as { uploadId: string }).uploadId;
          return;
        }
        this.opts.log?.({ event: 'document-refused', subcaseId: rec.id, status: res.status, body: text.slice(0, 300) });
        if (res.status >= 400 && res.status < 500 && res.status !== 429) return;
      } catch (err) {
        this.opts.log?.({ event: 'document-error', subcaseId: rec.id, error: String(err) });
      }
      await sleep(500 * attempt);
    }
  }

  #event(rec: SubcaseRecord, sequence: number, type: EventType, extra: Partial<PlannedEvent>): PlannedEvent {
    return { eventId: `${this.opts.key.unitCode}:${rec.id}:${sequence}`, sequence, type, caseNo: rec.caseNo, occurredAt: new Date().toISOString(), ...extra };
  }

  #chain(subcaseId: string, work: () => Promise<void>): void {
    const prev = this.#chains.get(subcaseId) ?? Promise.resolve();
    const next = prev.then(work).catch((err: unknown) => this.opts.log?.({ event: 'error', subcaseId, error: String(err) }));
    this.#chains.set(subcaseId, next);
    void next.then(() => {
      if (this.#chains.get(subcaseId) === next) this.#chains.delete(subcaseId);
    });
  }

  async #sendPending(subcaseId: string): Promise<void> {
    const rec = this.store.get(subcaseId);
    if (!rec) return;
    const pending = rec.events.filter((e) => e.state === 'pending').sort((a, b) => a.sequence - b.sequence);
    if (pending.length >= 2 && this.#random() < this.faults.outOfOrder) {
      // the later event first: Yijian must park it until the earlier one arrives
      this.counts.outOfOrderSubcases++;
      [pending[0], pending[1]] = [pending[1]!, pending[0]!];
    }
    for (const e of pending) {
      if (this.#stopped) return;
      if (rec.status === '13' && e.state === 'pending') continue;
      await this.#deliver(rec, e);
      if (this.#random() < this.faults.duplicateCallbacks) {
        this.counts.duplicatesSent++;
        await this.#post(rec.id, e).catch(() => undefined);
      }
    }
  }

  /** Sends one event until Yijian answers 2xx or a final 4xx. */
  async #deliver(rec: SubcaseRecord, e: PlannedEvent): Promise<void> {
    for (let attempt = 1; !this.#stopped; attempt++) {
      let status = 0;
      let body = '';
      try {
        ({ status, body } = await this.#post(rec.id, e));
      } catch (err) {
        this.opts.log?.({ event: 'callback-error', subcaseId: rec.id, sequence: e.sequence, error: String(err) });
      }
      if (status >= 200 && status < 300) {
        this.counts.sent++;
        if (status === 202) this.counts.parked++;
        this.store.answer(rec.id, e.eventId, 'sent', status, new Date());
        return;
      }
      if (status === 409) {
        this.counts.conflicts++;
        this.store.answer(rec.id, e.eventId, 'conflict', status, new Date());
        this.opts.log?.({ event: 'callback-conflict', subcaseId: rec.id, sequence: e.sequence, type: e.type, body: body.slice(0, 300) });
        return;
      }
      if ([400, 403, 404, 422].includes(status)) {
        this.counts.refused++;
        this.store.answer(rec.id, e.eventId, 'refused', status, new Date());
        this.opts.log?.({ event: 'callback-refused', subcaseId: rec.id, sequence: e.sequence, type: e.type, status, body: body.slice(0, 300) });
        return;
      }
      this.counts.failedAttempts++;
      const full = Math.min(5_000, 200 * 2 ** Math.min(attempt - 1, 10));
      await sleep(full / 2 + (this.#random() * full) / 2);
    }
  }

  async #post(subcaseId: string, e: PlannedEvent): Promise<{ status: number; body: string }> {
    const url = new URL(`/api/adapter/v1/subcases/${encodeURIComponent(subcaseId)}/events`, this.opts.yijianUrl);
    const { state: _s, httpStatus: _h, ...event } = e as PlannedEvent & { state?: unknown; httpStatus?: unknown };
    const body = JSON.stringify(event);
    this.counts.attempts++;
    return this.#limited(async () => {
      const res = await fetch(url, {
        method: 'POST', body, signal: AbortSignal.timeout(15_000),
        headers: { 'content-type': 'application/json', ...signedHeaders(this.opts.key, 'POST', url.pathname + url.search, body) },
      });
      return { status: res.status, body: await res.text() };
    });
  }

  async #limited<T>(work: () => Promise<T>): Promise<T> {
    while (this.#inFlight >= this.opts.concurrency) await new Promise<void>((r) => this.#waiting.push(r));
    this.#inFlight++;
    try {
      return await work();
    } finally {
      this.#inFlight--;
      this.#waiting.shift()?.();
    }
  }

  /** Pull mode: long-poll Yijian's task API, take each task in, acknowledge it. */
  startPulling(): void {
    for (let i = 0; i < this.opts.pollers; i++) void this.#pollLoop();
  }

  async #pollLoop(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      if (this.down) {
        await sleep(Math.min(500, this.faults.downUntil - Date.now()));
        continue;
      }
      try {
        const tasks = await this.#pull();
        failures = 0;
        if (tasks.length === 0 && this.opts.pollWaitS === 0) await sleep(200);
        for (const task of tasks) {
          if (this.faults.slowMs > 0) await sleep(this.faults.slowMs);
          this.receive(task, task.taskId);
          if (this.#random() < this.faults.errorRatio) continue; // "crashed" before the ack: offered again after the lease
          await this.store.durable(); // stored before it is acknowledged
          await this.#ack(task.taskId, this.caseNoFor(task.subcase.id));
        }
      } catch (err) {
        if (this.#stopped) return;
        failures++;
        this.opts.log?.({ event: 'pull-error', error: String(err) });
        const full = Math.min(10_000, 200 * 2 ** Math.min(failures - 1, 8));
        await sleep(full / 2 + (this.#random() * full) / 2);
      }
    }
  }

  async #pull(): Promise<TTask[]> {
    const url = new URL(`/api/adapter/v1/tasks?wait=${this.opts.pollWaitS}&limit=${this.opts.pollLimit}`, this.opts.yijianUrl);
    this.counts.pulls++;
    const res = await fetch(url, {
      signal: AbortSignal.any([this.#pollAbort.signal, AbortSignal.timeout((this.opts.pollWaitS + 15) * 1000)]),
      headers: signedHeaders(this.opts.key, 'GET', url.pathname + url.search, ''),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`tasks: ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { tasks?: unknown[] };
    const tasks: TTask[] = [];
    for (const raw of body.tasks ?? []) {
      const parsed = ZTask.safeParse(raw);
      if (parsed.success) tasks.push(parsed.data);
      else this.opts.log?.({ event: 'bad-task', issues: parsed.error.issues.slice(0, 3) });
    }
    return tasks;
  }

  async #ack(taskId: string, caseNo: string): Promise<void> {
    for (let attempt = 1; !this.#stopped && attempt <= 5; attempt++) {
      const url = new URL(`/api/adapter/v1/tasks/${encodeURIComponent(taskId)}/ack`, this.opts.yijianUrl);
      const body = JSON.stringify({ caseNo });
      try {
        const res = await fetch(url, {
          method: 'POST', body, signal: AbortSignal.timeout(15_000),
          headers: { 'content-type': 'application/json', ...signedHeaders(this.opts.key, 'POST', url.pathname + url.search, body) },
        });
        await res.text();
        if (res.ok || res.status === 404 || res.status === 409) {
          this.counts.acks++;
          return;
        }
      } catch {
        /* retried below */
      }
      this.counts.ackFailures++;
      await sleep(200 * attempt);
    }
  }

  /** Pending work, for the stats: callbacks not yet answered, decisions not yet taken. */
  pending(): { events: number; undecided: number } {
    let events = 0;
    let undecided = 0;
    for (const rec of this.store.all()) {
      events += rec.events.filter((e) => e.state === 'pending').length;
      if (rec.events.length === 0 && rec.status !== '13') undecided++;
    }
    return { events, undecided };
  }

  stop(): void {
    this.#stopped = true;
    this.#pollAbort.abort();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}

/** Who the document is for, from the sub-case's data: the holder's name and number. */
function holderFields(data: Record<string, unknown>): Array<{ label: string; value: string }> {
  const text = (k: string) => (typeof data[k] === 'string' && (data[k] as string).trim() !== '' ? (data[k] as string) : undefined);
  const out: Array<{ label: string; value: string }> = [];
  const enterprise = text('enterprise.name');
  if (enterprise) out.push({ label: '单位名称', value: enterprise });
  const person = text('applicant.name');
  if (person && !enterprise) out.push({ label: '申请人', value: person });
  const project = text('project.name');
  if (project) out.push({ label: '项目名称', value: project });
  return out;
}

export { statusAfter };
