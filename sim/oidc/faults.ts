// Faults a test (or a person trying the demo) can inject into the unified-identity simulator, so
// that Yijian's refusals can be shown against a real process: a token signed by another key, an ID
// token for another nonce, audience or already expired, a token endpoint that fails, or one that is slow.
import { z } from 'zod';

export const ZOidcFaults = z.object({
  mode: z.enum(['none', 'bad-signature', 'wrong-nonce', 'wrong-audience', 'expired', 'token-error', 'slow']),
  /** only the next N token requests; unset: until changed */
  count: z.number().int().positive().optional(),
  slowMs: z.number().int().min(0).max(120_000).default(5_000),
}).strict();
export type TOidcFaults = z.infer<typeof ZOidcFaults>;

export class OidcFaults {
  #faults: TOidcFaults = { mode: 'none', slowMs: 5_000 };
  #remaining: number | undefined;

  set(f: TOidcFaults): void {
    this.#faults = f;
    this.#remaining = f.count;
  }

  get current(): TOidcFaults & { remaining?: number } {
    return this.#remaining === undefined ? this.#faults : { ...this.#faults, remaining: this.#remaining };
  }

  /** The fault for this token request, if any; consumes one of `count`. */
  next(): TOidcFaults | undefined {
    if (this.#faults.mode === 'none') return undefined;
    if (this.#remaining !== undefined) {
      if (this.#remaining <= 0) return undefined;
      this.#remaining--;
    }
    return this.#faults;
  }
}
