// The department system's own storage: one JSON line per fact in DIR/subcases.jsonl (a task received,
// a duplicate delivery, the events the unit decided to send, each event's answer from Yijian), read
// back on start so that a restarted simulator still knows its sub-cases and resumes unsent events.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TTask } from './schemas.ts';

export type EventType = 'accept' | 'not-accept' | 'request-supplement' | 'start-special' | 'end-special' | 'approve' | 'reject';

export interface PlannedEvent {
  eventId: string;
  sequence: number;
  type: EventType;
  note?: string;
  reason?: string;
  result?: { fields: Record<string, string | number | boolean>; documentName?: string; documentUploadId?: string };
  /** the fee this department collected itself (税务 collects 医保), reported with the approval */
  payment?: { receiptNo: string; amountFen: number };
  caseNo: string;
  occurredAt: string;
}

/** pending: not yet answered by Yijian; sent: 2xx; conflict: 409; refused: another 4xx; cancelled: withdrawn before sent */
export type EventState = 'pending' | 'sent' | 'conflict' | 'refused' | 'cancelled';

export interface Delivery {
  taskId: string;
  event: TTask['event'];
  sequence: number;
  idempotencyKey: string;
  at: string;
}

export interface SubcaseRecord {
  id: string;
  applicationId: string;
  matterCode: string;
  unitCode: string;
  promisedAt: string | null;
  resultFields: TTask['subcase']['resultFields'];
  /** what the matter delivers, and the sub-case's data as last sent (a supplement answer corrects it) */
  result: NonNullable<TTask['subcase']['result']> | undefined;
  /** the matter's fee as last sent: its amount, and whether the applicant had paid it through Yijian */
  fee: { amountFen: number; paid: boolean } | null;
  matterName: string | undefined;
  applicationNumber: string | undefined;
  data: Record<string, unknown>;
  caseNo: string;
  /** the national status code as this unit sees its case */
  status: string;
  /** the unit's own event counter (the last sequence it has used) */
  lastSequence: number;
  deliveries: Delivery[];
  events: Array<PlannedEvent & { state: EventState; httpStatus?: number }>;
  firstReceivedAt: string;
}

type Line =
  | { t: 'receive'; at: string; task: TTask; idempotencyKey: string; caseNo: string }
  | { t: 'duplicate'; at: string; subcaseId: string; idempotencyKey: string; sameKey: boolean }
  | { t: 'plan'; at: string; subcaseId: string; events: PlannedEvent[]; status: string }
  | { t: 'answer'; at: string; subcaseId: string; eventId: string; state: EventState; httpStatus?: number };

export interface StoreCounts {
  /** deliveries of a new (sub-case, event, sequence) */
  deliveries: number;
  /** the same (sub-case, event, sequence) delivered again */
  duplicatesReceived: number;
  /** …of which with another idempotency key than the first time (should never happen) */
  duplicatesOtherKey: number;
}

const STATUS_AFTER: Record<EventType, string> = {
  accept: '05', 'not-accept': '07', 'request-supplement': '06', 'start-special': '09', 'end-special': '08', approve: '10', reject: '10',
};
export const statusAfter = (type: EventType): string => STATUS_AFTER[type];

export class DepartmentStore {
  readonly #subcases = new Map<string, SubcaseRecord>();
  /** `${subcaseId}|${event}|${sequence}` → idempotency key of the first delivery */
  readonly #seen = new Map<string, string>();
  readonly counts: StoreCounts = { deliveries: 0, duplicatesReceived: 0, duplicatesOtherKey: 0 };

  private constructor(private readonly file: string) {}

  static load(dataDir: string): DepartmentStore {
    mkdirSync(dataDir, { recursive: true });
    const store = new DepartmentStore(path.join(dataDir, 'subcases.jsonl'));
    if (existsSync(store.file)) {
      for (const text of readFileSync(store.file, 'utf8').split('\n')) {
        if (text.trim() === '') continue;
        try {
          store.#apply(JSON.parse(text) as Line);
        } catch {
          // a line torn by a crash mid-write: the fact it held was never answered, so it is redelivered
        }
      }
    }
    return store;
  }

  #pending: string[] = [];
  #written: { promise: Promise<void>; resolve: () => void } | null = null;

  // Lines written in one turn of the event loop go to the file in one append (at thousands of
  // deliveries a second, one write per delivery is what limits the simulator): a group commit.
  // Whatever the system tells the outside (a 2xx for a delivery, an ack, a callback) waits for
  // durable(), so nothing it acknowledged is lost if it crashes.
  #write(line: Line): void {
    if (this.#pending.length === 0) setImmediate(() => this.flush());
    this.#pending.push(`${JSON.stringify(line)}\n`);
    this.#apply(line);
  }

  flush(): void {
    const written = this.#written;
    this.#written = null;
    if (this.#pending.length > 0) {
      const text = this.#pending.join('');
      this.#pending = [];
      appendFileSync(this.file, text);
    }
    written?.resolve();
  }

  /** Resolves once every line written so far is in the file. */
  durable(): Promise<void> {
    if (this.#pending.length === 0) return Promise.resolve();
    if (!this.#written) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.#written = { promise, resolve };
    }
    return this.#written.promise;
  }

  #apply(line: Line): void {
    switch (line.t) {
      case 'receive': {
        const task = line.task;
        const key = deliveryKey(task.subcase.id, task.event, task.sequence);
        this.#seen.set(key, line.idempotencyKey);
        this.counts.deliveries++;
        let rec = this.#subcases.get(task.subcase.id);
        if (!rec) {
          rec = {
            id: task.subcase.id, applicationId: task.subcase.applicationId, matterCode: task.subcase.matterCode,
            unitCode: task.subcase.unitCode, promisedAt: task.subcase.promisedAt ?? null, resultFields: task.subcase.resultFields,
            result: task.subcase.result, matterName: typeof task.subcase.matterName === 'object' ? task.subcase.matterName.zh : task.subcase.matterName, applicationNumber: task.subcase.applicationNumber, data: {},
            caseNo: line.caseNo, status: '02', lastSequence: 0, deliveries: [], events: [], firstReceivedAt: line.at, fee: null,
          };
          this.#subcases.set(rec.id, rec);
        }
        if (task.subcase.data) rec.data = task.subcase.data;
        if (task.subcase.fee !== undefined) rec.fee = task.subcase.fee;
        rec.deliveries.push({ taskId: task.taskId, event: task.event, sequence: task.sequence, idempotencyKey: line.idempotencyKey, at: line.at });
        if (task.event === 'subcase.withdrawn') {
          rec.status = '13';
          for (const e of rec.events) if (e.state === 'pending') e.state = 'cancelled';
        }
        break;
      }
      case 'duplicate':
        this.counts.duplicatesReceived++;
        if (!line.sameKey) this.counts.duplicatesOtherKey++;
        break;
      case 'plan': {
        const rec = this.#subcases.get(line.subcaseId);
        if (!rec) break;
        for (const e of line.events) rec.events.push({ ...e, state: 'pending' });
        rec.lastSequence = Math.max(rec.lastSequence, ...line.events.map((e) => e.sequence));
        rec.status = line.status;
        break;
      }
      case 'answer': {
        const e = this.#subcases.get(line.subcaseId)?.events.find((x) => x.eventId === line.eventId);
        if (e && e.state === 'pending') {
          e.state = line.state;
          if (line.httpStatus !== undefined) e.httpStatus = line.httpStatus;
        }
        break;
      }
    }
  }

  get(id: string): SubcaseRecord | undefined {
    return this.#subcases.get(id);
  }

  all(): IterableIterator<SubcaseRecord> {
    return this.#subcases.values();
  }

  get size(): number {
    return this.#subcases.size;
  }

  /** Records a delivery; returns whether it was new (false: the same sub-case event again). */
  receive(task: TTask, idempotencyKey: string, caseNo: string, at: Date): boolean {
    const key = deliveryKey(task.subcase.id, task.event, task.sequence);
    const first = this.#seen.get(key);
    if (first !== undefined) {
      this.#write({ t: 'duplicate', at: at.toISOString(), subcaseId: task.subcase.id, idempotencyKey, sameKey: first === idempotencyKey });
      return false;
    }
    this.#write({ t: 'receive', at: at.toISOString(), task, idempotencyKey, caseNo });
    return true;
  }

  plan(subcaseId: string, events: PlannedEvent[], at: Date): void {
    if (events.length === 0) return;
    this.#write({ t: 'plan', at: at.toISOString(), subcaseId, events, status: statusAfter(events[events.length - 1]!.type) });
  }

  answer(subcaseId: string, eventId: string, state: EventState, httpStatus: number | undefined, at: Date): void {
    this.#write({ t: 'answer', at: at.toISOString(), subcaseId, eventId, state, ...(httpStatus !== undefined ? { httpStatus } : {}) });
  }
}

export const deliveryKey = (subcaseId: string, event: string, sequence: number): string => `${subcaseId}|${event}|${sequence}`;
