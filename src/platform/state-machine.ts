// A small kit for state machines written as data: declared states and events, transition rows
// {from[], event, to, guard?}, and one refusal the caller supplies (each machine keeps its own error).
// Pure: no I/O. The rows are checked against the declared sets when the machine is defined.
import { AppError } from './errors.ts';

export interface TransitionRow<S extends string, E extends string, F> {
  readonly from: readonly S[];
  readonly event: E;
  readonly to: S;
  /** the row applies only when this holds for the facts the caller passes */
  readonly guard?: (facts: F) => boolean;
}

export interface Machine<S extends string, E extends string, F = Record<string, never>> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly initial: S;
  readonly transitions: ReadonlyArray<TransitionRow<S, E, F>>;
  /** the error thrown for an event the state does not allow */
  readonly refuse: (state: S, event: E) => Error;
}

type Names<K extends string> = Readonly<Record<K, { zh: string; en: string }>>;

/**
 * The usual refusal: a 409 INVALID_TRANSITION that names the thing, its state and the event in words
 * (Chinese and English), never by their codes.
 */
export function namedRefusal<S extends string, E extends string>(what: { zh: string; en: string }, states: Names<S>, events: Names<E>): (state: S, event: E) => AppError {
  return (state, event) => new AppError('conflict', 'INVALID_TRANSITION', {
    zh: `${what.zh}当前状态为“${states[state].zh}”，不能执行“${events[event].zh}”`,
    en: `Cannot ${events[event].en} ${what.en} that is ${states[state].en}`,
  });
}

/**
 * A machine whose rows use only the declared states and events (a typo in a row fails at start, not
 * at the first request that reaches it). Throws a plain Error for a malformed table.
 */
export function defineMachine<S extends string, E extends string, F = Record<string, never>>(spec: Machine<S, E, F>): Machine<S, E, F> {
  const states = new Set<string>(spec.states);
  const events = new Set<string>(spec.events);
  const bad = (what: string): never => {
    throw new Error(`state machine ${spec.name}: ${what}`);
  };
  if (states.size !== spec.states.length) bad('a state is declared twice');
  if (events.size !== spec.events.length) bad('an event is declared twice');
  if (!states.has(spec.initial)) bad(`initial state "${spec.initial}" is not declared`);
  spec.transitions.forEach((t, i) => {
    if (!events.has(t.event)) bad(`row ${i}: event "${t.event}" is not declared`);
    if (!states.has(t.to)) bad(`row ${i}: state "${t.to}" is not declared`);
    if (t.from.length === 0) bad(`row ${i}: no state to leave`);
    for (const f of t.from) if (!states.has(f)) bad(`row ${i}: state "${f}" is not declared`);
  });
  return spec;
}

/** The state after `event`; the first row that matches and whose guard holds wins, else machine.refuse(). */
export function transition<S extends string, E extends string, F>(machine: Machine<S, E, F>, state: S, event: E, facts: F): S {
  const row = machine.transitions.find((t) => t.event === event && t.from.includes(state) && (t.guard?.(facts) ?? true));
  if (!row) throw machine.refuse(state, event);
  return row.to;
}

/** Whether `event` is allowed in `state`. */
export function can<S extends string, E extends string, F>(machine: Machine<S, E, F>, state: S, event: E, facts: F): boolean {
  return machine.transitions.some((t) => t.event === event && t.from.includes(state) && (t.guard?.(facts) ?? true));
}

/** The events allowed in `state` (each once), in the order of the rows. */
export function allowedEvents<S extends string, E extends string, F>(machine: Machine<S, E, F>, state: S, facts: F): E[] {
  const events = machine.transitions.filter((t) => t.from.includes(state) && (t.guard?.(facts) ?? true)).map((t) => t.event);
  return [...new Set(events)];
}

/** Declared events no row uses: recorded only (e.g. in a history), never a change of state. */
export function unusedEvents<S extends string, E extends string, F>(machine: Machine<S, E, F>): E[] {
  const used = new Set<E>(machine.transitions.map((t) => t.event));
  return machine.events.filter((e) => !used.has(e));
}
