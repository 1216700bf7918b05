// The one error shape, including the server-side condition of a missing working-day calendar year.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { CalendarYearMissingError } from '../platform/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { registerErrorHandling } from './errors.ts';

async function appThrowing(err: unknown) {
  const app = Fastify();
  registerErrorHandling(app);
  app.get('/x', async () => {
    throw err;
  });
  await app.ready();
  return app;
}

describe('error mapping', () => {
  it('an AppError keeps its status, code and both languages', async () => {
    const app = await appThrowing(new AppError('conflict', 'SOME_CONFLICT', { zh: '冲突', en: 'Conflict' }));
    const res = await app.inject({ url: '/x' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'SOME_CONFLICT', message: { zh: '冲突', en: 'Conflict' }, details: [] } });
  });

  it('a year without calendar data is a loud 503 naming the year, not an anonymous 500', async () => {
    const app = await appThrowing(new CalendarYearMissingError(2099));
    const res = await app.inject({ url: '/x' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: { code: 'CALENDAR_YEAR_MISSING', message: { zh: expect.stringContaining('2099'), en: expect.stringContaining('2099') } } });
  });

  it('anything else is a 500 that gives nothing away', async () => {
    const app = await appThrowing(new Error('secret detail'));
    const res = await app.inject({ url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });
});

describe('schema validation errors', () => {
  it('name the field (from the validator when the issue has no path) and say what is wrong in both languages', async () => {
    const { serializerCompiler, validatorCompiler } = await import('fastify-type-provider-zod');
    const { z } = await import('zod');
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    app.post('/adapters', { schema: { body: z.object({ kind: z.enum(['push', 'pull']), endpointUrl: z.url(), settings: z.object({ batchSize: z.number().int().max(500) }) }) } }, async () => ({ ok: true }));
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/adapters', payload: { kind: 'push', endpointUrl: 'not a url', settings: { batchSize: 100_000 } } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; details: Array<{ path: string; code: string; zh: string; en: string }> } }>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(body.error.details.map((d) => [d.path, d]));
    expect(Object.keys(byPath).sort()).toEqual(['body.endpointUrl', 'body.settings.batchSize']);
    expect(byPath['body.endpointUrl']!.zh).toBe('接口地址格式不正确');
    expect(byPath['body.endpointUrl']!.en).toBe('The endpoint URL is not in the right format');
    expect(byPath['body.settings.batchSize']!.zh).toBe('提交的内容不能大于 500');
  });

  it('say it in Chinese words only, naming the field (no key, no zod sentence)', async () => {
    const { serializerCompiler, validatorCompiler } = await import('fastify-type-provider-zod');
    const { ZReason, ZSubmitApplication } = await import('../contract/cases.ts');
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    app.post('/reject', { schema: { body: ZReason } }, async () => ({ ok: true }));
    app.post('/submit', { schema: { body: ZSubmitApplication } }, async () => ({ ok: true }));
    await app.ready();
    const reject = await app.inject({ method: 'POST', url: '/reject', payload: { reason: '  ' } });
    expect(reject.json().error.details).toEqual([{ path: 'body.reason', code: 'INVALID_FIELD', zh: '请填写原因', en: 'The reason must not be empty' }]);
    const submit = await app.inject({ method: 'POST', url: '/submit', payload: { themeCode: 'newborn', values: {}, delivery: { way: 'express', address: 'x' }, idempotencyKey: 'k', materials: [] } });
    const zh = submit.json<{ error: { details: Array<{ zh: string }> } }>().error.details.map((d) => d.zh);
    expect(zh).toEqual(expect.arrayContaining(['邮寄地址至少 5 个字', '提交标识至少 8 个字']));
    for (const message of zh) expect(message).not.toMatch(/[A-Za-z]/);
  });
});
