// Reads a record from a registry over HTTP. Registries are other departments' systems: slow at times,
// briefly down at others, so a lookup retries 5xx answers, timeouts and dropped connections with
// backoff, and tells the caller about every lookup (who asked, why, what came back) so it can audit it.
import { z } from 'zod';
import { parseCreditCode, parseResidentId } from '../../platform/identifiers.ts';
import { findDatahubResource, type LookupKeyKind, type TDatahubResourceCode } from './datahub.resources.ts';

export type DatahubRecord = Readonly<Record<string, unknown>>;
export type LookupKey = string | { idNumber: string } | { creditCode: string } | { certificateNo: string };

export interface DatahubLookupEvent {
  resource: TDatahubResourceCode;
  keyKind: LookupKeyKind;
  key: string;
  /** 用数事由 */
  purpose: string;
  requesterUnit: string;
  outcome: 'found' | 'not_found' | 'rejected' | 'unavailable';
  attempts: number;
  durationMs: number;
  /** the last HTTP status, when there was an answer */
  status?: number;
  at: Date;
}

export interface DatahubClientOptions {
  baseUrl: string;
  /** unit code of the caller, sent as x-requester */
  requesterUnit: string;
  /** per attempt */
  timeoutMs?: number;
  /** further attempts after the first (default 2) */
  retries?: number;
  /** first backoff; doubles each retry, with jitter (default 100 ms) */
  backoffMs?: number;
  /**
   * Awaited once per lookup, after the answer and before it is returned; if it throws, the lookup
   * fails, so a record is never handed out without its audit row.
   */
  onLookup?: (event: DatahubLookupEvent) => void | Promise<void>;
}

export interface DatahubClient {
  /** The record, newest first when several match; undefined when the registry has none. */
  lookup(resource: TDatahubResourceCode, key: LookupKey, purpose: string): Promise<DatahubRecord | undefined>;
}

export type DatahubErrorCode = 'DATAHUB_UNKNOWN_RESOURCE' | 'DATAHUB_NOT_SHARED' | 'DATAHUB_PURPOSE_REQUIRED' | 'DATAHUB_BAD_KEY' | 'DATAHUB_REJECTED' | 'DATAHUB_UNAVAILABLE';

/** Not an AppError: "a registry is down" is neither the caller's fault (4xx) nor a bug of ours. */
export class DatahubError extends Error {
  constructor(readonly code: DatahubErrorCode, readonly zh: string, readonly en: string, readonly status?: number) {
    super(`${code}: ${en}`);
  }
}

const ZLookupAnswer = z.object({ resource: z.string(), record: z.record(z.string(), z.unknown()), matches: z.number().int().positive() });

function keyOf(key: LookupKey): { kind: LookupKeyKind; value: string } {
  if (typeof key !== 'string') {
    const [kind, value] = Object.entries(key)[0] as [LookupKeyKind, string];
    return { kind, value: value.trim() };
  }
  const id = parseResidentId(key);
  if (id.ok) return { kind: 'idNumber', value: id.idNumber };
  const credit = parseCreditCode(key);
  if (credit.ok) return { kind: 'creditCode', value: credit.creditCode };
  return { kind: 'certificateNo', value: key.trim() };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Retryable extends Error {
  constructor(readonly status: number | undefined, cause: unknown) {
    super(status ? `HTTP ${status}` : String(cause));
  }
}

export function createDatahubClient(opts: DatahubClientOptions): DatahubClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 100;

  async function attempt(url: string, purpose: string): Promise<{ status: number; record?: DatahubRecord }> {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { accept: 'application/json', 'x-requester': opts.requesterUnit, 'x-purpose': encodeURIComponent(purpose) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new Retryable(undefined, err); // timeout, refused or reset connection
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new Retryable(res.status, undefined);
    }
    if (res.status === 404) {
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
      if (body?.error?.code === 'RECORD_NOT_FOUND') return { status: 404 };
      throw new DatahubError('DATAHUB_REJECTED', '数据资源接口不存在', `The registry has no such endpoint (${body?.error?.code ?? 'HTTP 404'})`, 404);
    }
    if (res.status !== 200) {
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: { zh?: string; en?: string } } } | undefined;
      const msg = body?.error?.message;
      throw new DatahubError('DATAHUB_REJECTED', `数据资源拒绝了请求：${msg?.zh ?? res.status}`, `The registry refused the lookup: ${msg?.en ?? res.status} (${body?.error?.code ?? ''})`, res.status);
    }
    const parsed = ZLookupAnswer.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new Retryable(res.status, 'malformed answer');
    return { status: 200, record: parsed.data.record };
  }

  return {
    async lookup(resourceCode, key, purpose) {
      const resource = findDatahubResource(resourceCode);
      if (!resource) throw new DatahubError('DATAHUB_UNKNOWN_RESOURCE', `没有名为“${resourceCode}”的数据资源`, `No data resource "${resourceCode}"`);
      if (resource.sharingType === '不予共享') throw new DatahubError('DATAHUB_NOT_SHARED', `“${resource.name.zh}”不予共享`, `"${resource.name.en}" is not shared`);
      if (purpose.trim() === '') throw new DatahubError('DATAHUB_PURPOSE_REQUIRED', '调用数据资源须说明用数事由', 'A lookup needs its cause');
      const k = keyOf(key);
      if (!resource.lookupKeys.includes(k.kind))
        throw new DatahubError('DATAHUB_BAD_KEY', `“${resource.name.zh}”不能按该条件查询`, `"${resource.name.en}" cannot be looked up by ${k.kind}`);

      const url = `${baseUrl}/registries/${resource.code}/records?${new URLSearchParams({ [k.kind]: k.value })}`;
      const started = Date.now();
      let attempts = 0;
      let status: number | undefined;
      const report = async (outcome: DatahubLookupEvent['outcome']) =>
        opts.onLookup?.({
          resource: resource.code, keyKind: k.kind, key: k.value, purpose: purpose.trim(), requesterUnit: opts.requesterUnit, outcome,
          attempts, durationMs: Date.now() - started, ...(status === undefined ? {} : { status }), at: new Date(started),
        });

      for (;;) {
        attempts++;
        try {
          const answer = await attempt(url, purpose.trim());
          status = answer.status;
          await report(answer.record ? 'found' : 'not_found');
          return answer.record;
        } catch (err) {
          if (err instanceof DatahubError) {
            status = err.status;
            await report('rejected');
            throw err;
          }
          status = err instanceof Retryable ? err.status : undefined;
          if (attempts > retries) {
            await report('unavailable');
            throw new DatahubError('DATAHUB_UNAVAILABLE', `“${resource.name.zh}”暂时无法访问，请稍后再试或手工填写`, `"${resource.name.en}" is unavailable; try again later or fill in by hand`, status);
          }
          // full jitter, so that many callers retrying after one outage do not arrive together
          await sleep(Math.random() * backoffMs * 2 ** (attempts - 1));
        }
      }
    },
  };
}
