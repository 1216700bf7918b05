// The HTTP face of the payment provider simulator (plain node:http, independent of Yijian's app).
// Merchant API (signed, see signing.ts):
//   POST /orders {orderNo, amountFen, subject, notifyUrl, returnUrl} → 201 {orderId, payUrl, status}; the same orderNo
//        again → 200 the same order (a different amount → 409 ORDER_CONFLICT)
//   GET  /orders/:orderNo                     → the order (query: status, paidAt, refunds)
//   POST /orders/:orderNo/refunds {refundNo, amountFen, reason} → 201; the same refundNo again → 200
// The payer (a browser): GET /pay/:orderId shows the order; POST /pay/:orderId (pay=1 | cancel=1) pays it
// and returns to the merchant's returnUrl. Paying sends the signed callback to notifyUrl asynchronously,
// retried with backoff until the merchant answers 2xx.
// Tests and people watching: POST /faults (injectable faults), POST /orders/:orderNo/renotify (replays the
// last callback verbatim), GET /health.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { callbackSignature, requestSignature, sameHex } from './signing.ts';
import type { PaymentStore, SimOrder } from './store.ts';

const ZCreate = z.object({
  orderNo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  amountFen: z.number().int().min(1).max(10_000_000_000),
  subject: z.string().min(1).max(200),
  notifyUrl: z.url({ protocol: /^https?$/ }),
  returnUrl: z.url({ protocol: /^https?$/ }),
}).strict();

const ZRefund = z.object({ refundNo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/), amountFen: z.number().int().min(1), reason: z.string().max(500).default('') }).strict();

export const ZPaymentFaults = z.object({
  /** the next failNext merchant API calls answer `status` */
  failNext: z.number().int().min(0).max(1000).default(0),
  status: z.number().int().min(400).max(599).default(503),
  /** every merchant API answer waits this long */
  delayMs: z.number().int().min(0).max(120_000).default(0),
  /** how long after paying the first callback goes out */
  callbackDelayMs: z.number().int().min(0).max(120_000).default(200),
  /** the next callback carries a wrong amount (validly signed) or a wrong signature */
  tamperNextCallback: z.enum(['amount', 'signature']).nullable().default(null),
  /** callbacks are not sent at all (the merchant must query) */
  dropCallbacks: z.boolean().default(false),
}).strict();
export type TPaymentFaults = z.infer<typeof ZPaymentFaults>;

export interface PaymentServerOptions {
  store: PaymentStore;
  /** merchantId → secret */
  merchants: ReadonlyMap<string, string>;
  /** the address payers reach this simulator at (for payUrl); default its own address */
  publicUrl?: () => string;
  faults?: Partial<TPaymentFaults>;
  log?: (line: Record<string, unknown>) => void;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
const problem = (res: ServerResponse, status: number, code: string, zh: string, en: string) => send(res, status, { error: { code, message: { zh, en } } });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yuan = (fen: number) => (fen / 100).toFixed(2);

function payerPage(o: SimOrder): string {
  const done = o.status !== 'created';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>收银台（模拟）</title><style>body{font:18px/1.6 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
.amount{font-size:2rem;font-weight:700}button{font-size:1.1rem;padding:.6rem 1.4rem;margin:.4rem .4rem 0 0}</style></head><body>
<main><h1>收银台（模拟支付平台）</h1><p>${esc(o.subject)}</p><p>订单号 ${esc(o.orderNo)}</p>
<p class="amount">¥${yuan(o.amountFen)}</p>
${done ? `<p>该订单${o.status === 'paid' ? '已支付' : '已关闭'}。</p><p><a href="${esc(o.returnUrl)}">返回一件事一次办</a></p>`
    : `<form method="post"><button type="submit" name="pay" value="1">确认支付</button><button type="submit" name="cancel" value="1">取消</button></form>`}
</main></body></html>`;
}

export function createPaymentServer(opts: PaymentServerOptions): Server {
  let faults: TPaymentFaults = ZPaymentFaults.parse(opts.faults ?? {});
  const lastCallback = new Map<string, { url: string; headers: Record<string, string>; body: string }>();
  let selfUrl = '';
  const publicUrl = () => opts.publicUrl?.() ?? selfUrl;

  /** The order's callback: made once (a replay sends the same notification id, timestamp and signature). */
  function callbackOf(o: SimOrder, secret: string): { url: string; headers: Record<string, string>; body: string } {
    const kept = lastCallback.get(o.orderId);
    if (kept) return kept;
    const tamper = faults.tamperNextCallback;
    if (tamper) faults = { ...faults, tamperNextCallback: null };
    const body = JSON.stringify({
      notifyId: tamper ? `${o.notifyId}-${randomBytes(3).toString('hex')}` : o.notifyId, orderNo: o.orderNo, orderId: o.orderId,
      amountFen: tamper === 'amount' ? o.amountFen + 1 : o.amountFen, status: 'paid', paidAt: o.paidAt, transactionId: o.transactionId,
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = callbackSignature(tamper === 'signature' ? `${secret}x` : secret, ts, body);
    const call = { url: o.notifyUrl, headers: { 'content-type': 'application/json', 'x-pay-timestamp': ts, 'x-pay-signature': signature }, body };
    if (!tamper) lastCallback.set(o.orderId, call);
    return call;
  }

  async function deliver(o: SimOrder, call: { url: string; headers: Record<string, string>; body: string }, attempt: number): Promise<number> {
    try {
      const res = await fetch(call.url, { method: 'POST', headers: call.headers, body: call.body, signal: AbortSignal.timeout(10_000) });
      opts.log?.({ event: 'callback', orderNo: o.orderNo, status: res.status, attempt });
      return res.status;
    } catch (err) {
      opts.log?.({ event: 'callback-failed', orderNo: o.orderNo, error: String(err), attempt });
      return 0;
    }
  }

  /** Sends an order's callback until the merchant answers 2xx (1 s, 2 s, 4 s … capped at 60 s); a 4xx ends it. */
  async function notify(o: SimOrder): Promise<void> {
    const secret = opts.merchants.get(o.merchantId);
    if (!secret || o.notifyId === null) return;
    const call = callbackOf(o, secret);
    for (let attempt = 0; attempt < 12; attempt++) {
      if (faults.dropCallbacks) return;
      const status = await deliver(o, call, attempt);
      const now = opts.store.byId(o.orderId)!;
      const ok = status >= 200 && status < 300;
      opts.store.save({ ...now, lastNotifyStatus: status, ...(ok && now.notifiedAt === null ? { notifiedAt: new Date().toISOString() } : {}) });
      if (ok) return;
      if (status >= 400 && status < 500 && status !== 429) return; // refused: retrying will not help
      await sleep(Math.min(60_000, 1000 * 2 ** attempt));
    }
  }

  function authenticate(req: IncomingMessage, pathAndQuery: string, body: string): string | undefined {
    const merchantId = String(req.headers['x-pay-merchant'] ?? '');
    const ts = String(req.headers['x-pay-timestamp'] ?? '');
    const sig = String(req.headers['x-pay-signature'] ?? '');
    const secret = opts.merchants.get(merchantId);
    if (!secret || !/^\d{9,11}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 300) return undefined;
    return sameHex(sig, requestSignature(secret, ts, req.method ?? 'GET', pathAndQuery, body)) ? merchantId : undefined;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://payment.local');
      const p = url.pathname;
      const body = await readBody(req).catch(() => undefined);
      if (body === undefined) return problem(res, 413, 'TOO_LARGE', '请求体过大', 'The body is too large');
      if (req.method === 'GET' && p === '/health') return send(res, 200, { status: 'ok', orders: opts.store.size });

      if (req.method === 'POST' && p === '/faults') {
        let parsed;
        try {
          parsed = ZPaymentFaults.safeParse({ ...faults, ...(JSON.parse(body) as object) });
        } catch {
          return problem(res, 400, 'INVALID_JSON', '请求体须为 JSON', 'The body must be JSON');
        }
        if (!parsed.success) return problem(res, 400, 'INVALID_FAULTS', '故障设置无效', `Invalid faults: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        faults = parsed.data;
        return send(res, 200, faults);
      }

      // the payer's page
      const pay = /^\/pay\/([0-9a-f-]{36})$/.exec(p);
      if (pay) {
        const o = opts.store.byId(pay[1]!);
        if (!o) return problem(res, 404, 'ORDER_NOT_FOUND', '订单不存在', 'No such order');
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(payerPage(o));
        }
        if (req.method === 'POST') {
          const form = new URLSearchParams(body);
          if (o.status === 'created' && form.get('pay') === '1') {
            const paid = opts.store.save({
              ...o, status: 'paid', paidAt: new Date().toISOString(), transactionId: `T${Date.now()}${randomBytes(4).toString('hex')}`, notifyId: randomUUID(),
            });
            opts.log?.({ event: 'paid', orderNo: o.orderNo, amountFen: o.amountFen });
            setTimeout(() => void notify(paid), faults.callbackDelayMs);
          }
          res.writeHead(303, { location: o.returnUrl });
          return res.end();
        }
      }

      // merchant API
      const renotify = /^\/orders\/([A-Za-z0-9_-]+)\/renotify$/.exec(p);
      const refund = /^\/orders\/([A-Za-z0-9_-]+)\/refunds$/.exec(p);
      const one = /^\/orders\/([A-Za-z0-9_-]+)$/.exec(p);
      if (p === '/orders' || renotify || refund || one) {
        const merchantId = authenticate(req, `${p}${url.search}`, body);
        if (!merchantId) return problem(res, 401, 'SIGNATURE_INVALID', '商户签名无效', 'Invalid merchant signature');
        if (faults.delayMs > 0) await sleep(faults.delayMs);
        if (faults.failNext > 0) {
          faults = { ...faults, failNext: faults.failNext - 1 };
          return problem(res, faults.status, 'INJECTED_FAULT', '模拟故障', 'Injected fault');
        }
        let json: unknown = {};
        try {
          if (body !== '') json = JSON.parse(body);
        } catch {
          return problem(res, 400, 'INVALID_JSON', '请求体须为 JSON', 'The body must be JSON');
        }
        if (req.method === 'POST' && p === '/orders') {
          const c = ZCreate.safeParse(json);
          if (!c.success) return problem(res, 400, 'INVALID_ORDER', '订单信息无效', `Invalid order: ${c.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
          const seen = opts.store.byNo(merchantId, c.data.orderNo);
          if (seen && seen.amountFen !== c.data.amountFen) return problem(res, 409, 'ORDER_CONFLICT', '同一订单号的金额不同', 'The same order number with another amount');
          const o = seen ?? opts.store.save({
            orderId: randomUUID(), merchantId, ...c.data, status: 'created', createdAt: new Date().toISOString(),
            paidAt: null, transactionId: null, notifyId: null, notifiedAt: null, refunds: [],
          });
          return send(res, seen ? 200 : 201, { orderId: o.orderId, orderNo: o.orderNo, status: o.status, payUrl: `${publicUrl()}/pay/${o.orderId}` });
        }
        const orderNo = (renotify ?? refund ?? one)![1]!;
        const o = opts.store.byNo(merchantId, orderNo);
        if (!o) return problem(res, 404, 'ORDER_NOT_FOUND', '订单不存在', 'No such order');
        if (req.method === 'GET' && one) return send(res, 200, o);
        if (req.method === 'POST' && renotify) {
          const secret = opts.merchants.get(o.merchantId);
          if (o.notifyId === null || !secret) return problem(res, 409, 'NOT_PAID', '订单未支付', 'The order is not paid');
          // the same callback once more, answered with what the merchant said
          return send(res, 200, { orderNo, merchantStatus: await deliver(o, callbackOf(o, secret), 0) });
        }
        if (req.method === 'POST' && refund) {
          const r = ZRefund.safeParse(json);
          if (!r.success) return problem(res, 400, 'INVALID_REFUND', '退款信息无效', 'Invalid refund');
          const done = o.refunds.find((x) => x.refundNo === r.data.refundNo);
          if (done) return send(res, 200, { ...done, status: 'refunded' });
          if (o.status !== 'paid') return problem(res, 409, 'NOT_REFUNDABLE', '订单未支付或已退款', 'The order is not paid, or already refunded');
          if (r.data.amountFen !== o.amountFen) return problem(res, 409, 'REFUND_AMOUNT', '退款金额须等于支付金额', 'A refund returns the whole amount');
          const made: SimRefund = { ...r.data, refundedAt: new Date().toISOString() };
          opts.store.save({ ...o, status: 'refunded', refunds: [...o.refunds, made] });
          opts.log?.({ event: 'refunded', orderNo, amountFen: made.amountFen });
          return send(res, 201, { ...made, status: 'refunded' });
        }
      }
      return problem(res, 404, 'NOT_FOUND', '无此接口', 'No such endpoint');
    })().catch((err: unknown) => {
      if (!res.headersSent) problem(res, 500, 'INTERNAL', '模拟器内部错误', String(err));
    });
  });
  server.on('listening', () => {
    const a = server.address();
    if (typeof a === 'object' && a) selfUrl = `http://127.0.0.1:${a.port}`;
    // callbacks the merchant had not answered before a restart
    for (const o of opts.store.unnotified()) void notify(o);
  });
  return server;
}

type SimRefund = SimOrder['refunds'][number];
