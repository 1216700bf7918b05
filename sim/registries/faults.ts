// Injected faults, so that callers can prove their timeouts and retries against a real process.
// `count` limits a fault to the next N requests, which makes "fails twice, then recovers" deterministic.
import { z } from 'zod';

export const ZFaultMode = z.enum(['none', 'down', 'slow', 'error500']);

export const ZFaults = z
  .object({
    mode: ZFaultMode,
    ratio: z.number().min(0).max(1).default(1),
    count: z.number().int().positive().optional(),
    /** extra delay of 'slow' */
    slowMs: z.number().int().min(0).max(120_000).default(5_000),
  })
  .strict();
export type TFaults = z.infer<typeof ZFaults>;

export const NO_FAULTS: TFaults = { mode: 'none', ratio: 1, slowMs: 5_000 };

/** SIM_FAULT_MODE, SIM_FAULT_RATIO, SIM_FAULT_COUNT, SIM_FAULT_SLOW_MS: faults from the first request on. */
export function faultsFromEnv(env: NodeJS.ProcessEnv): TFaults {
  if (!env.SIM_FAULT_MODE) return NO_FAULTS;
  return ZFaults.parse({
    mode: env.SIM_FAULT_MODE,
    ...(env.SIM_FAULT_RATIO ? { ratio: Number(env.SIM_FAULT_RATIO) } : {}),
    ...(env.SIM_FAULT_COUNT ? { count: Number(env.SIM_FAULT_COUNT) } : {}),
    ...(env.SIM_FAULT_SLOW_MS ? { slowMs: Number(env.SIM_FAULT_SLOW_MS) } : {}),
  });
}

export class FaultInjector {
  private faults: TFaults = NO_FAULTS;
  private remaining: number | undefined;

  constructor(initial: TFaults = NO_FAULTS, private readonly random: () => number = Math.random) {
    this.set(initial);
  }

  set(faults: TFaults): void {
    this.faults = faults;
    this.remaining = faults.count;
  }

  get current(): TFaults & { remaining?: number } {
    return this.remaining === undefined ? this.faults : { ...this.faults, remaining: this.remaining };
  }

  /** The fault to apply to this request, if any; consumes one of `count`. */
  next(): { mode: Exclude<TFaults['mode'], 'none'>; slowMs: number } | undefined {
    const { mode, ratio, slowMs } = this.faults;
    if (mode === 'none' || this.random() >= ratio) return undefined;
    if (this.remaining !== undefined) {
      if (this.remaining <= 0) return undefined;
      this.remaining--;
    }
    return { mode, slowMs };
  }
}
