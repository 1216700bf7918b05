// 一次告知 over HTTP: answers in, one merged notice out; reform figures for every theme.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { ZNotice, ZReform, type TNotice } from '../../contract/guidance.ts';
import { noticeJson, themeFigures } from './get-notice.ts';

const ZAnswers = z.record(z.string().max(80), z.array(z.string().max(80)).max(30)).refine((a) => Object.keys(a).length <= 50, 'too many answers');

export async function registerGuidanceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const catalog = publishedCatalog(ctx.database);

  r.post('/api/themes/:code/notice', {
    schema: {
      tags: ['guidance'],
      summary: 'One notice (一次告知) for the answers given',
      description: 'Send the answers so far; `pending` lists the questions still to answer. Unknown questions or options are a 400.',
      params: z.object({ code: z.string().min(1).max(80) }),
      body: z.object({ answers: ZAnswers.default({}) }),
      response: { 200: ZNotice, 400: ZErrorBody, 404: ZErrorBody },
    },
  }, async (req, reply) => {
    const json = await noticeJson(catalog, req.params.code, req.body.answers);
    // already the JSON text of a TNotice, checked when it was built: Fastify sends strings as they are
    return reply.type('application/json; charset=utf-8').send(json as unknown as TNotice);
  });

  r.get('/api/figures', {
    schema: {
      tags: ['guidance'],
      summary: 'Reform figures of every theme: each matter on its own (before) and merged (after)',
      response: { 200: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), figures: ZReform })) },
    },
  }, async () => themeFigures(catalog));
}
