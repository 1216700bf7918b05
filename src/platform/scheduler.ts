// One scheduler for timed work. A task names its interval; its row in `scheduled_tasks` is its lock
// and its record (last run, last success, last count, last error), shared by every worker on one
// database, so a task runs once per interval however many workers there are, and a restart does not
// run it early. "Now" is the context's clock, so tests and the demo can move time; the timer that
// wakes the scheduler is real.
//   sweep  set-based work in ONE transaction that holds the task's row (select … for update skip
//          locked): a second worker skips it while it runs. A sweep changes rows only
//          `where <state> = <expected> and <due> <= now` (trigger.dev's rule), so running it twice,
//          or after a crash, changes nothing more.
//   job    work that calls other systems (HTTP) and so holds no transaction: it takes a lease
//          (locked_until) with one conditional update, runs, and gives the lease back; a worker that
//          dies holding it leaves the job to the next one once the lease ends.
import { sql } from 'kysely';
import type { Database, Tx } from './db.ts';
import type { Logger } from './logger.ts';

interface TaskBase {
  /** unique: '<module>.<what it does>' */
  name: string;
  /** how often it runs (at most; a run that is due is started by the next tick) */
  everyMs: number;
}
export interface SweepTask extends TaskBase {
  /** returns how many rows it changed */
  sweep(tx: Tx, now: Date): Promise<number>;
}
export interface JobTask extends TaskBase {
  /** how long the lease holds the job against other workers */
  leaseMs: number;
  job(now: Date): Promise<number>;
}
export type ScheduledTask = SweepTask | JobTask;

export interface TaskRun {
  name: string;
  /** rows changed; undefined when it did not run (not due, or another worker has it) */
  count?: number;
  error?: string;
}

export interface SchedulerOptions {
  now: () => Date;
  log?: Logger;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

export class Scheduler {
  readonly #tasks: ScheduledTask[];
  #ensured = false;

  constructor(private readonly database: Database, tasks: readonly ScheduledTask[], private readonly opts: SchedulerOptions) {
    const names = new Set<string>();
    for (const t of tasks) {
      if (names.has(t.name)) throw new Error(`scheduled task ${t.name} is declared twice`);
      names.add(t.name);
    }
    this.#tasks = [...tasks];
  }

  get tasks(): readonly ScheduledTask[] {
    return this.#tasks;
  }

  async #ensureRows(): Promise<void> {
    if (this.#ensured) return;
    await this.database.db.insertInto('scheduled_tasks').values(this.#tasks.map((t) => ({ name: t.name })))
      .onConflict((oc) => oc.column('name').doNothing()).execute();
    this.#ensured = true;
  }

  /** Runs every task that is due now (by the context's clock), one after another. */
  async runDue(): Promise<TaskRun[]> {
    const runs: TaskRun[] = [];
    for (const task of this.#tasks) runs.push(await this.run(task.name));
    return runs;
  }

  /** Runs one task if it is due and no other worker has it; `force` ignores the interval (not the lock). */
  async run(name: string, opts: { force?: boolean } = {}): Promise<TaskRun> {
    const task = this.#tasks.find((t) => t.name === name);
    if (!task) throw new Error(`no scheduled task ${name}`);
    await this.#ensureRows();
    const now = this.opts.now();
    const dueBefore = opts.force ? now : new Date(now.getTime() - task.everyMs * 0.9);
    try {
      const count = 'sweep' in task ? await this.#runSweep(task, now, dueBefore) : await this.#runJob(task, now, dueBefore);
      if (count !== undefined && count > 0) this.opts.log?.info({ task: name, count }, 'scheduled task done');
      return { name, ...(count === undefined ? {} : { count }) };
    } catch (err) {
      this.opts.log?.error({ err, task: name }, 'scheduled task failed');
      // a failed run waits for its next interval like a successful one
      await this.database.db.updateTable('scheduled_tasks').set({ locked_until: null, last_run_at: now, last_error: message(err) }).where('name', '=', name).execute();
      return { name, error: message(err) };
    }
  }

  async #runSweep(task: SweepTask, now: Date, dueBefore: Date): Promise<number | undefined> {
    return this.database.db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ name: string }>`
        select name from scheduled_tasks
        where name = ${task.name} and (last_run_at is null or last_run_at <= ${dueBefore})
        for update skip locked`.execute(tx);
      if (rows.length === 0) return undefined;
      const count = await task.sweep(tx, now);
      await tx.updateTable('scheduled_tasks').set({ last_run_at: now, last_ok_at: now, last_count: count, last_error: null }).where('name', '=', task.name).execute();
      return count;
    });
  }

  async #runJob(task: JobTask, now: Date, dueBefore: Date): Promise<number | undefined> {
    const db = this.database.db;
    const taken = await db.updateTable('scheduled_tasks')
      .set({ locked_until: new Date(now.getTime() + task.leaseMs), last_run_at: now })
      .where('name', '=', task.name)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<=', dueBefore)]))
      .returning('name').executeTakeFirst();
    if (!taken) return undefined;
    const count = await task.job(now);
    await db.updateTable('scheduled_tasks').set({ locked_until: null, last_ok_at: this.opts.now(), last_count: count, last_error: null }).where('name', '=', task.name).execute();
    return count;
  }

  /** Ticks every `tickMs` of real time (the first tick at once) until stopped; runs never overlap. */
  start(tickMs = 1000): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      if (stopped) return;
      running = running.then(() => (stopped ? undefined : this.runDue())).catch((err: unknown) => this.opts.log?.error({ err }, 'scheduler tick failed'));
    };
    const timer = setInterval(tick, tickMs);
    tick();
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }
}
