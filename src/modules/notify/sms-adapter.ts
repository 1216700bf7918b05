// The SMS provider's HTTP API: POST {smsUrl}/messages with {to, text, idempotencyKey}. The provider
// answers a repeated idempotency key with the same message id, so a retry never sends twice.
export interface SmsSender {
  send(message: { to: string; text: string; idempotencyKey: string }): Promise<{ messageId: string }>;
}

export class SmsError extends Error {}

export function httpSmsSender(smsUrl: string, timeoutMs = 5_000): SmsSender {
  const url = new URL('messages', smsUrl.endsWith('/') ? smsUrl : `${smsUrl}/`);
  return {
    async send(message) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new SmsError(`SMS provider unreachable: ${err instanceof Error ? err.message : String(err)}`);
      }
      const text = await res.text();
      if (!res.ok) throw new SmsError(`SMS provider answered ${res.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { id?: unknown };
      if (typeof body.id !== 'string') throw new SmsError(`SMS provider answered without a message id: ${text.slice(0, 300)}`);
      return { messageId: body.id };
    },
  };
}
