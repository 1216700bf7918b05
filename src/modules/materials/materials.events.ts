// The materials module's domain events.
import { z } from 'zod';
import type { Tx } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';

/** 容缺: a deferred material's deadline is near (emitted by the reminder sweep at its remind_at). */
export const ZMaterialDeferredDue = z.object({
  type: z.literal('material.deferred-due'),
  applicationId: z.string(), materialCode: z.string(),
  materialName: z.object({ zh: z.string(), en: z.string() }),
  /** YYYY-MM-DD, China time */
  deadline: z.string(),
});

export const MATERIALS_EVENTS = [ZMaterialDeferredDue] as const;
export const ZMaterialsEvent = z.discriminatedUnion('type', MATERIALS_EVENTS);
export type TMaterialsEvent = z.infer<typeof ZMaterialsEvent>;

export const emitMaterialsEvents = (tx: Tx, events: TMaterialsEvent | TMaterialsEvent[], at: Date): Promise<void> => emit(tx, events, at);
