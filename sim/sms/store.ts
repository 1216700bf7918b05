// The SMS simulator's storage: one JSON line per accepted message in DIR/messages.jsonl, read back on
// start so that idempotency keys survive a restart, as a real provider's would.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SmsMessage {
  id: string;
  to: string;
  text: string;
  idempotencyKey: string;
  acceptedAt: string;
}

export class SmsStore {
  readonly #byKey = new Map<string, SmsMessage>();
  readonly #all: SmsMessage[] = [];

  private constructor(private readonly file: string) {}

  static load(dataDir: string): SmsStore {
    mkdirSync(dataDir, { recursive: true });
    const store = new SmsStore(path.join(dataDir, 'messages.jsonl'));
    if (existsSync(store.file)) {
      for (const line of readFileSync(store.file, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        store.#remember(JSON.parse(line) as SmsMessage);
      }
    }
    return store;
  }

  #remember(m: SmsMessage): void {
    this.#byKey.set(m.idempotencyKey, m);
    this.#all.push(m);
  }

  byKey(key: string): SmsMessage | undefined {
    return this.#byKey.get(key);
  }

  add(m: SmsMessage): void {
    appendFileSync(this.file, `${JSON.stringify(m)}\n`);
    this.#remember(m);
  }

  list(to?: string): SmsMessage[] {
    return to ? this.#all.filter((m) => m.to === to) : [...this.#all];
  }

  get size(): number {
    return this.#all.length;
  }
}
