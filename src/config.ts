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

const ZRole = z.enum(['web', 'worker', 'all']);
export type TRole = z.infer<typeof ZRole>;

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto'),
  OIDC_ISSUER: z.string().url().optional(),
});

export interface Config {
  rootDir: string;
  role: TRole;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  production: boolean;
  seedDemo: boolean;
  secureCookies: 'true' | 'false' | 'auto';
  oidcIssuer: string | undefined;
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
  const rootDir = findRootDir();
  return {
    rootDir,
    role: role.data,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(process.cwd(), e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    seedDemo: e.SEED_DEMO === 'true',
    secureCookies: e.SECURE_COOKIES,
    oidcIssuer: e.OIDC_ISSUER,
  };
}
