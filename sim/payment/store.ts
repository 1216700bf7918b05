// The payment simulator's storage: every change of an order is one JSON line in DIR/orders.jsonl
// (the last line of an order wins), read back on start, so orders, refunds and undelivered
// callbacks survive a restart as a real provider's would.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SimRefund {
  refundNo: string;
  amountFen: number;
  reason: string;
  refundedAt: string;
}

export interface SimOrder {
  orderId: string;
  merchantId: string;
  orderNo: string;
  amountFen: number;
  subject: string;
  notifyUrl: string;
  returnUrl: string;
  status: 'created' | 'paid' | 'closed' | 'refunded';
  createdAt: string;
  paidAt: string | null;
  /** the transaction id the payer's bank gave */
  transactionId: string | null;
  /** the callback's id (the same on every retry of it) and whether the merchant answered 2xx */
  notifyId: string | null;
  notifiedAt: string | null;
  /** the merchant's HTTP status for the last callback attempt (0: unreachable) */
  lastNotifyStatus?: number;
  refunds: SimRefund[];
}

export class PaymentStore {
  readonly #byNo = new Map<string, SimOrder>();
  readonly #byId = new Map<string, SimOrder>();

  private constructor(private readonly file: string) {}

  static load(dataDir: string): PaymentStore {
    mkdirSync(dataDir, { recursive: true });
    const store = new PaymentStore(path.join(dataDir, 'orders.jsonl'));
    if (existsSync(store.file)) {
      for (const line of readFileSync(store.file, 'utf8').split('\n')) if (line.trim() !== '') store.#remember(JSON.parse(line) as SimOrder);
    }
    return store;
  }

  #remember(o: SimOrder): void {
    this.#byNo.set(`${o.merchantId}/${o.orderNo}`, o);
    this.#byId.set(o.orderId, o);
  }

  byNo(merchantId: string, orderNo: string): SimOrder | undefined {
    return this.#byNo.get(`${merchantId}/${orderNo}`);
  }

  byId(orderId: string): SimOrder | undefined {
    return this.#byId.get(orderId);
  }

  save(o: SimOrder): SimOrder {
    appendFileSync(this.file, `${JSON.stringify(o)}\n`);
    this.#remember(o);
    return o;
  }

  /** paid orders whose callback the merchant has not answered yet */
  unnotified(): SimOrder[] {
    return [...this.#byId.values()].filter((o) => o.status !== 'created' && o.notifyId !== null && o.notifiedAt === null);
  }

  get size(): number {
    return this.#byId.size;
  }
}
