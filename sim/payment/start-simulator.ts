// Starts the payment provider simulator as a real child process, for tests and scripts that need it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { requestSignature } from './signing.ts';
import type { TPaymentFaults } from './server.ts';
import type { SimOrder } from './store.ts';

// the "listening" line ends the wait; the bound is only for a child that hangs (tsx starts slowly on a busy machine)
const START_TIMEOUT_MS = 120_000;

export interface RunningPaymentSimulator {
  url: string;
  dataDir: string;
  merchantId: string;
  secret: string;
  /** the order as the provider sees it (a signed query) */
  order(orderNo: string): Promise<SimOrder | undefined>;
  /** the payer presses 确认支付 on the payer page */
  pay(payUrl: string): Promise<void>;
  /** replays the order's last callback verbatim (the same notification id and signature); the merchant's HTTP status */
  renotify(orderNo: string): Promise<number>;
  inject(faults: Partial<TPaymentFaults>): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startPaymentSimulator(opts: { secret: string; merchantId?: string; dataDir?: string }): Promise<RunningPaymentSimulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'yj-payment-'));
  const merchantId = opts.merchantId ?? 'yijian';
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/payment/main.ts', '--port', '0', '--data', dataDir, '--merchant', merchantId, '--quiet'], {
    cwd: ROOT, env: { ...process.env, PAYMENT_SIM_SECRET: opts.secret }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`payment simulator did not start in ${START_TIMEOUT_MS / 1000} s: ${stderr}`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`payment simulator said "${line}" instead of its port: ${stderr}`));
      }
      child.stdout.resume();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`payment simulator exited with ${code}: ${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const signed = (method: string, p: string, body = '') => {
    const ts = String(Math.floor(Date.now() / 1000));
    return fetch(`${url}${p}`, {
      method, body: body || undefined,
      headers: { 'content-type': 'application/json', 'x-pay-merchant': merchantId, 'x-pay-timestamp': ts, 'x-pay-signature': requestSignature(opts.secret, ts, method, p, body) },
    });
  };
  return {
    url, dataDir, merchantId, secret: opts.secret,
    order: async (orderNo) => {
      const res = await signed('GET', `/orders/${orderNo}`);
      return res.status === 404 ? undefined : ((await res.json()) as SimOrder);
    },
    pay: async (payUrl) => {
      const res = await fetch(payUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pay=1', redirect: 'manual' });
      if (res.status !== 303) throw new Error(`paying failed: ${res.status} ${await res.text()}`);
    },
    renotify: async (orderNo) => {
      const res = await signed('POST', `/orders/${orderNo}/renotify`);
      if (res.status !== 200) throw new Error(`renotify failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { merchantStatus: number }).merchantStatus;
    },
    inject: async (faults) => {
      const res = await fetch(`${url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
      if (!res.ok) throw new Error(`payment simulator refused the faults: ${res.status} ${await res.text()}`);
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
