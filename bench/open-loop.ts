// Open-loop load: requests are sent on a fixed schedule (rate per second) whether or not earlier ones
// have answered, and each latency is measured from its *scheduled* start, so a server that falls
// behind shows it in p99 (no coordinated omission), unlike a closed loop of N clients.
import http from 'node:http';

export interface OpenLoopResult {
  sent: number;
  errors: number;
  seconds: number;
  /** answered successfully per second */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentiles(latencies: number[]): Pick<OpenLoopResult, 'p50' | 'p90' | 'p99' | 'max'> {
  const xs = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
  return { p50: pct(50), p90: pct(90), p99: pct(99), max: xs[xs.length - 1] ?? 0 };
}

/** Runs `fire(i)` at `rate` per second for `seconds`; fire resolves true on success. */
export async function openLoop(rate: number, seconds: number, fire: (i: number) => Promise<boolean>): Promise<OpenLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  const inflight = new Set<Promise<void>>();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - t0) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const scheduled = t0 + (sent / rate) * 1000;
        const p = fire(sent).then(
          (ok) => {
            if (!ok) errors++;
            latencies.push(performance.now() - scheduled);
          },
          () => {
            errors++;
            latencies.push(performance.now() - scheduled);
          },
        );
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      if (sent >= total) resolve();
      else {
        // sleep until the next send is due: spinning on setImmediate would burn a core the server
        // and PostgreSQL need (on a 2-core machine the load generator then costs more than the server)
        const wait = t0 + (sent / rate) * 1000 - performance.now();
        if (wait > 0) setTimeout(tick, Math.ceil(wait));
        else setImmediate(tick);
      }
    };
    tick();
  });
  await Promise.all(inflight);
  const secs = (performance.now() - t0) / 1000;
  // answered successfully per second; failed and timed-out requests count in the percentiles with their time
  return { sent, errors, seconds: secs, rps: (latencies.length - errors) / secs, ...percentiles(latencies) };
}

/** An HTTP GET firing function over keep-alive sockets. */
export function httpGetter(portOrPorts: number | number[], headers: Record<string, string>, maxSockets = 256, timeoutMs = 10_000) {
  const ports = Array.isArray(portOrPorts) ? portOrPorts : [portOrPorts];
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  let n = 0;
  const get = (path: string) =>
    new Promise<boolean>((resolve) => {
      // a request not answered within timeoutMs counts as an error (and its latency as at least that)
      const timer = setTimeout(() => {
        req.destroy();
        resolve(false);
      }, timeoutMs);
      const req = http.request({ host: '127.0.0.1', port: ports[n++ % ports.length]!, path, method: 'GET', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          resolve(res.statusCode === 200);
        });
      });
      req.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

export function line(name: string, r: OpenLoopResult, goalMs?: number): string {
  return `${name.padEnd(44)} ${Math.round(r.rps).toString().padStart(6)} /s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p90 ${r.p90.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(0).padStart(6)} ms  errors ${r.errors}${goalMs !== undefined ? `  ${r.p99 <= goalMs ? 'OK' : 'ABOVE'} goal p99 ≤ ${goalMs} ms` : ''}`;
}
