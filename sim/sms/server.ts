// The HTTP face of the SMS provider simulator (plain node:http, independent of Yijian's app):
//   POST /messages {to, text, idempotencyKey} → 201 {id, to, status:'accepted'}; the same key again → 200, same id
//   GET  /messages?to=13800000000              → {items:[…]} (for tests and people watching)
//   POST /faults {failNext, status?, delayMs?}  → the next failNext sends answer `status` (default 503) after delayMs
//   GET  /health
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SmsStore } from './store.ts';

const ZSend = z.object({
  to: z.string().regex(/^1[3-9]\d{9}$/),
  text: z.string().min(1).max(1000),
  idempotencyKey: z.string().min(1).max(200),
}).strict();

export const ZSmsFaults = z.object({
  failNext: z.number().int().min(0).max(1000),
  status: z.number().int().min(400).max(599).default(503),
  delayMs: z.number().int().min(0).max(120_000).default(0),
}).strict();
export type TSmsFaults = z.infer<typeof ZSmsFaults>;

export interface SmsServerOptions {
  store: SmsStore;
  faults?: TSmsFaults;
  log?: (line: Record<string, unknown>) => void;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const problem = (res: ServerResponse, status: number, code: string, zh: string, en: string) => send(res, status, { error: { code, message: { zh, en } } });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createSmsServer(opts: SmsServerOptions): Server {
  let faults: TSmsFaults = opts.faults ?? { failNext: 0, status: 503, delayMs: 0 };
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sms.local');
      if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/messages') return send(res, 200, { items: opts.store.list(url.searchParams.get('to') ?? undefined) });
      if (req.method === 'POST' && url.pathname === '/faults') {
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          return problem(res, 400, 'INVALID_JSON', '请求体须为 JSON', 'The body must be JSON');
        }
        const parsed = ZSmsFaults.safeParse(body);
        if (!parsed.success) return problem(res, 400, 'INVALID_FAULTS', '故障设置无效', `Invalid faults: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        faults = parsed.data;
        return send(res, 200, faults);
      }
      if (req.method === 'POST' && url.pathname === '/messages') {
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          return problem(res, 400, 'INVALID_JSON', '请求体须为 JSON', 'The body must be JSON');
        }
        if (faults.delayMs > 0) await sleep(faults.delayMs);
        if (faults.failNext > 0) {
          faults = { ...faults, failNext: faults.failNext - 1 };
          opts.log?.({ event: 'fault', status: faults.status });
          return problem(res, faults.status, 'INJECTED_FAULT', '模拟故障', 'Injected fault');
        }
        const parsed = ZSend.safeParse(body);
        if (!parsed.success) {
          const bad = parsed.error.issues[0]?.path.join('.') ?? '';
          if (bad === 'to') return problem(res, 400, 'INVALID_PHONE', '手机号码无效', 'Invalid mobile number');
          return problem(res, 400, 'INVALID_MESSAGE', '短信内容无效', `Invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        }
        const seen = opts.store.byKey(parsed.data.idempotencyKey);
        if (seen) return send(res, 200, { id: seen.id, to: seen.to, status: 'accepted', duplicate: true });
        const m = { id: randomUUID(), ...parsed.data, acceptedAt: new Date().toISOString() };
        opts.store.add(m);
        opts.log?.({ event: 'sms', id: m.id, to: m.to, text: m.text });
        return send(res, 201, { id: m.id, to: m.to, status: 'accepted' });
      }
      return problem(res, 404, 'NOT_FOUND', '无此接口', 'No such endpoint');
    })().catch((err: unknown) => {
      if (!res.headersSent) problem(res, 500, 'INTERNAL', '模拟器内部错误', String(err));
    });
  });
}
