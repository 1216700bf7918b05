// Wires the HTTP app: schemas (zod ⇄ OpenAPI 3.1), errors, auth, module routes, the web UI.
import { existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { setCacheClock } from '../platform/cache-clock.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { errorBody, registerErrorHandling } from './errors.ts';
import { registerAuth } from './auth.ts';
import { registerRoutes } from './routes.ts';

export type App = FastifyInstance;

// Ant Design writes its styles at run time (style-src 'unsafe-inline'); scripts only from our origin
const APP_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');
const DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  // the catalog and routing caches expire on the app's clock, which tests move
  setCacheClock(ctx.database.db, ctx.now);
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // one log line per request is noise at city scale; debug and trace levels turn it on
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    bodyLimit: 1024 * 1024,
    // plugins (swagger-ui reads its files) can take long to start on a loaded machine; 10 s is avvio's default
    pluginTimeout: 120_000,
    // forwarding headers count only from the configured proxies (X-Forwarded-For is trivially forged)
    trustProxy: ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false,
    return503OnClosing: true,
    // errors the router raises before any handler (e.g. a path parameter over maxParamLength)
    frameworkErrors: (err, _req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      void (reply as FastifyReply).status(status).send(errorBody(status === 414 ? 'URI_TOO_LONG' : 'BAD_REQUEST', '请求地址不正确或过长', 'The request URL is malformed or too long'));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // PostgreSQL text cannot hold NUL nor a lone UTF-16 surrogate (JSON may spell one as "\ud800"):
  // refuse both at the door for every route, the adapter API included, instead of failing in a query
  app.addHook('preValidation', async (req) => {
    const bad = badText(req.params) ?? badText(req.query) ?? badText(req.body);
    if (bad === 'nul') throw new AppError('bad_request', 'NUL_CHARACTER', { zh: '提交的内容含有不允许的空字符', en: 'The request contains a NUL character, which is not allowed' });
    if (bad === 'surrogate')
      throw new AppError('bad_request', 'INVALID_UNICODE', { zh: '提交的内容含有无效的字符编码', en: 'The request contains invalid Unicode text (a lone surrogate)' });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yijian API — 一件事一次办',
        description: 'Public, citizen, back-office and adapter APIs of Yijian. Errors: `{ error: { code, message: { zh, en }, details } }`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yj_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          // department systems: HMAC-SHA256 over timestamp, method, path and body (docs/integration.md)
          unitSignature: { type: 'apiKey', in: 'header', name: 'x-yj-signature', description: 'with x-yj-unit, x-yj-key-id and x-yj-timestamp; see docs/integration.md' },
          // the payment provider's callback: HMAC-SHA256 with the merchant secret over "timestamp.body" (sim/payment/README.md)
          paymentSignature: { type: 'apiKey', in: 'header', name: 'x-pay-signature', description: 'with x-pay-timestamp; see sim/payment/README.md' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  // API responses are compressed for phones; brotli at a low quality keeps the CPU cost small
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
  await app.register(fastifyCookie);
  await registerAuth(app, ctx);
  await registerRoutes(app, ctx);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir = path.join(ctx.config.rootDir, 'dist', 'web');
  const serveWeb = existsSync(path.join(webDir, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      preCompressed: true,
      wildcard: false,
      index: false,
      setHeaders(res, file) {
        // hashed assets never change; the HTML entry must always be revalidated
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    ctx.log.warn({ webDir }, 'web UI not built (run npm run build); serving the API only');
  }
  // The SPA: any GET outside /api and /docs answers with index.html; everything else is a JSON 404.
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (serveWeb && req.method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/docs') && !path.extname(url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', '请求的资源不存在', `No such resource: ${req.method} ${url}`));
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // the API page (/docs) runs swagger-ui's inline scripts; everything else runs only our own files
    // a route that set its own policy keeps it (downloads are sandboxed)
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', req.url.startsWith('/docs') ? DOCS_CSP : APP_CSP);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // API answers carry personal data: never kept by a browser or a shared cache unless a route says otherwise
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  return app;
}

// in a /u pattern a surrogate pair is one code point, so \p{Cs} only matches a lone half
const LONE_SURROGATE = /\p{Cs}/u;

/** The first kind of text PostgreSQL cannot store found in a parsed request part, if any. */
function badText(v: unknown, depth = 0): 'nul' | 'surrogate' | undefined {
  if (typeof v === 'string') return v.includes('\u0000') ? 'nul' : LONE_SURROGATE.test(v) ? 'surrogate' : undefined;
  if (depth > 64 || v === null || typeof v !== 'object') return undefined;
  if (Buffer.isBuffer(v)) return undefined; // raw uploads: bytes, not text
  if (Array.isArray(v)) {
    for (const x of v) {
      const bad = badText(x, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [k, x] of Object.entries(v)) {
    const bad = badText(k, depth + 1) ?? badText(x, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}
