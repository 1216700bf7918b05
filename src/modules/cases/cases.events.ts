// The cases module's domain events: what happened to an application or a sub-case. Payloads carry
// ids and the few facts a subscriber needs without reading back (the unit, the matter); subscribers
// read the rest through the module's index.
import { z } from 'zod';
import type { Tx } from '../../platform/db.ts';
import { emit, emitQuery } from '../../platform/events.ts';
import { WARNING_LEVELS } from '../../contract/deadline.ts';

const ZSubcaseRef = {
  subcaseId: z.string(),
  applicationId: z.string(),
  matterCode: z.string(),
  unitCode: z.string(),
};

export const ZApplicationSubmitted = z.object({ type: z.literal('application.submitted'), applicationId: z.string() });

/** A sub-case reached its unit (at submit, or once its prerequisites were final). */
export const ZSubcaseReleased = z.object({
  type: z.literal('subcase.released'), ...ZSubcaseRef,
  /** prerequisites refused under a 'continue' policy, whose results it goes without */
  withoutResultsOf: z.array(z.string()).optional(),
});

export const ZSubcaseSupplementRequested = z.object({
  type: z.literal('subcase.supplement-requested'),
  applicationId: z.string(), applicantId: z.number(), subcaseId: z.string(), matterCode: z.string(), matterName: z.string(), note: z.string(),
});

export const ZSubcaseSupplementAnswered = z.object({ type: z.literal('subcase.supplement-answered'), ...ZSubcaseRef });

/** The unit decided against a sub-case (不予受理 or 不予许可): what was paid for it is refunded. */
export const ZSubcaseRefused = z.object({ type: z.literal('subcase.refused'), ...ZSubcaseRef, decision: z.enum(['notAccepted', 'rejected']) });

/** A sub-case its unit had received was withdrawn with its application. */
export const ZSubcaseWithdrawn = z.object({ type: z.literal('subcase.withdrawn'), ...ZSubcaseRef });

export const ZApplicationWithdrawn = z.object({
  type: z.literal('application.withdrawn'), applicationId: z.string(), number: z.string(), applicantId: z.number(),
  reason: z.string().optional(),
  /** the sub-cases that were still open and are now withdrawn */
  subcases: z.array(z.object({ subcaseId: z.string(), matterCode: z.string(), unitCode: z.string() })).optional(),
});

/**
 * The case clock's sweep moved a sub-case's warning level (none → notice → yellow → red; down again
 * only where a new clock moved its due times later). Written by the sweep's transaction, once per change.
 */
export const ZSubcaseDeadlineLevelChanged = z.object({
  type: z.literal('subcase.deadline-level-changed'), ...ZSubcaseRef,
  from: z.enum(WARNING_LEVELS),
  to: z.enum(WARNING_LEVELS),
  /** the due time the new level is about: the promised one for notice and yellow, the legal one for red; null for none */
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  /** the sweep's now: when the level changed */
  at: z.iso.datetime({ offset: true }),
});

const ZDelivery = z.object({ way: z.enum(['online', 'express', 'counter']), address: z.string().nullable(), counter: z.string().nullable() });

/** 一次送达: every sub-case is final; one event with every result together. */
export const ZApplicationCompleted = z.object({
  type: z.literal('application.completed'),
  applicationId: z.string(), number: z.string(), applicantId: z.number(), status: z.string(),
  delivery: ZDelivery,
  results: z.array(z.object({ subcaseId: z.string(), matterCode: z.string(), status: z.string(), result: z.record(z.string(), z.unknown()).nullable() })),
});

export const CASES_EVENTS = [
  ZApplicationSubmitted, ZSubcaseReleased, ZSubcaseSupplementRequested, ZSubcaseSupplementAnswered, ZSubcaseRefused, ZSubcaseWithdrawn,
  ZApplicationWithdrawn, ZApplicationCompleted, ZSubcaseDeadlineLevelChanged,
] as const;

export const ZCasesEvent = z.discriminatedUnion('type', CASES_EVENTS);
export type TCasesEvent = z.infer<typeof ZCasesEvent>;
export type TCasesEventOf<T extends TCasesEvent['type']> = Extract<TCasesEvent, { type: T }>;

/** Emits the module's events in the caller's transaction (typed: only the cases module's events). */
export const emitCasesEvents = (tx: Tx, events: TCasesEvent | TCasesEvent[], at: Date): Promise<void> => emit(tx, events, at);
/** The same as a part of a one-statement write; undefined when no subscriber wants them. */
export const casesEventsQuery = (events: TCasesEvent[], at: Date) => emitQuery(events, at);
