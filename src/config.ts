// The only reader of process.env and argv: everything else receives a Config.
import { z } from 'zod';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Project root: the nearest folder above this file holding package.json (works from src/ and dist/). */
export function findRootDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** the modules whose outbox subscribers a worker may run (OUTBOX_HANDLERS) */
const OUTBOX_MODULES = ['dispatch', 'notify', 'payments'] as const;
type OutboxModule = (typeof OUTBOX_MODULES)[number];

const ZRole = z.enum(['web', 'worker', 'all']);
export type TRole = z.infer<typeof ZRole>;

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  // the address department systems reach Yijian at: material links in task envelopes are absolute under it
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http:// or https:// URL' })
    .refine((u) => !u.endsWith('/'), 'PUBLIC_URL must not end with a slash')
    .refine((u) => !/[?#]/.test(u), 'PUBLIC_URL must not have a query or fragment')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  // the demo city (accounts with a published password, simulators' keys): off unless asked for — `npm start`
  // asks for it outside production — and refused with NODE_ENV=production
  SEED_DEMO: z.enum(['true', 'false']).default('false'),
  SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto'),
  // the reverse proxies whose X-Forwarded-For / -Proto headers are believed (addresses or CIDRs, comma
  // separated); unset: none — the client address is the connection's, so a forged header changes nothing
  TRUSTED_PROXIES: z.string().default('').transform((v, ctx) => {
    const list = v.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = list.filter((x) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `TRUSTED_PROXIES must list IP addresses or CIDR ranges, not ${bad.join(', ')}` });
    return list;
  }),
  // the city's unified identity (统一身份认证, OpenID Connect); unset in the demo: npm start runs the simulator
  OIDC_ISSUER: z.string().url().refine((u) => !u.endsWith('/'), 'OIDC_ISSUER must not end with a slash').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // the data hub's registries (government data sources); unset in the demo: npm start runs the simulator
  REGISTRY_URL: z.string().url().optional(),
  // the SMS provider's HTTP API; unset in the demo: npm start runs the simulator
  SMS_URL: z.string().url().optional(),
  // the payment provider (fees paid online): its API, our merchant id and the merchant secret that signs
  // both ways; unset in the demo: npm start runs the simulator with a random secret made once
  PAYMENT_URL: z.string().url().optional(),
  PAYMENT_MERCHANT_ID: z.string().min(1).max(100).default('yijian'),
  PAYMENT_SECRET: z.string().min(16, 'PAYMENT_SECRET must have 16 characters or more').optional(),
  // a payment callback older (or newer) than this many seconds is refused as a replay
  PAYMENT_CALLBACK_TOLERANCE_S: z.coerce.number().int().min(30).max(86_400).default(300),
  // outgoing mail, e.g. smtp://user:pass@mail.example.gov.cn:587; unset: e-mail notifications are off
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('一件事一次办 <noreply@yijian.example>'),
  // where uploaded materials are stored (outside any served folder); default DATA_DIR/uploads
  UPLOAD_DIR: z.string().optional(),
  // a CJK font (TTF/TTC/OTF) for generated PDFs; unset: the first system font found (platform/pdf.ts)
  PDF_FONT_FILE: z.string().optional(),
  // npm start runs the registry, SMS and department simulators for the demo city unless 'off'
  SIMULATORS: z.enum(['auto', 'off']).default('auto'),
  // how long a claimed outbox row / a polled pull task is held before it is offered again (crash tests shorten them)
  // rows an outbox claim takes at once, and how many claims a worker process keeps in flight
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // which outbox handlers a worker runs: dispatch (to department systems), notify (messages), or both;
  // a city can run dispatch-only workers with large claims next to workers that send the messages
  OUTBOX_HANDLERS: z.string().default('dispatch,notify,payments').transform((v, ctx) => {
    const list = [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))];
    const bad = list.filter((x) => !OUTBOX_MODULES.includes(x as OutboxModule));
    if (list.length === 0 || bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `OUTBOX_HANDLERS must list some of ${OUTBOX_MODULES.join(', ')}${bad.length ? `, not ${bad.join(', ')}` : ''}` });
      return z.NEVER;
    }
    return list as OutboxModule[];
  }),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  // finished outbox rows are deleted this many hours after they were done (dead letters stay)
  OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 366).default(168),
  PULL_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  // the shortest password an admin may set or a person may choose (letters and digits both required)
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(10),
});

export interface Config {
  rootDir: string;
  role: TRole;
  port: number;
  host: string;
  /** e.g. https://yijian.example.gov.cn (no trailing slash); default http://localhost:PORT */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  production: boolean;
  seedDemo: boolean;
  secureCookies: 'true' | 'false' | 'auto';
  /** the unified identity provider; sign-in through it is offered when issuer, client id and secret are all set */
  oidcIssuer: string | undefined;
  oidcClientId: string | undefined;
  oidcClientSecret: string | undefined;
  registryUrl: string | undefined;
  smsUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  uploadDir: string;
  pdfFontFile: string | undefined;
  trustedProxies: string[];
  simulators: 'auto' | 'off';
  outboxBatchSize: number;
  outboxConcurrency: number;
  outboxHandlers: ReadonlyArray<OutboxModule>;
  /** the payment provider's API; undefined: fees are paid at the counter only */
  paymentUrl: string | undefined;
  paymentMerchantId: string;
  paymentSecret: string | undefined;
  paymentCallbackToleranceS: number;
  outboxLeaseMs: number;
  outboxRetentionHours: number;
  pullLeaseMs: number;
  passwordMinLength: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const roleArg = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? 'all';
  const role = ZRole.safeParse(roleArg);
  if (!role.success) throw new ConfigError(`--role must be web, worker or all (got "${roleArg}")`);
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.SEED_DEMO === 'true')
    throw new ConfigError('SEED_DEMO=true is refused with NODE_ENV=production: the demo city\'s accounts have a published password');
  if (e.OIDC_ISSUER && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET)) throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  const rootDir = findRootDir();
  return {
    rootDir,
    role: role.data,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    dataDir: path.resolve(process.cwd(), e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    seedDemo: e.SEED_DEMO === 'true',
    secureCookies: e.SECURE_COOKIES,
    trustedProxies: e.TRUSTED_PROXIES,
    oidcIssuer: e.OIDC_ISSUER,
    oidcClientId: e.OIDC_CLIENT_ID,
    oidcClientSecret: e.OIDC_CLIENT_SECRET,
    registryUrl: e.REGISTRY_URL,
    smsUrl: e.SMS_URL,
    paymentUrl: e.PAYMENT_URL,
    paymentMerchantId: e.PAYMENT_MERCHANT_ID,
    paymentSecret: e.PAYMENT_SECRET,
    paymentCallbackToleranceS: e.PAYMENT_CALLBACK_TOLERANCE_S,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    uploadDir: path.resolve(process.cwd(), e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'uploads')),
    pdfFontFile: e.PDF_FONT_FILE === undefined ? undefined : path.resolve(process.cwd(), e.PDF_FONT_FILE),
    simulators: e.SIMULATORS,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    outboxRetentionHours: e.OUTBOX_RETENTION_HOURS,
    outboxBatchSize: e.OUTBOX_BATCH_SIZE,
    outboxConcurrency: e.OUTBOX_CONCURRENCY,
    outboxHandlers: e.OUTBOX_HANDLERS,
    pullLeaseMs: e.PULL_LEASE_MS,
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
  };
}
