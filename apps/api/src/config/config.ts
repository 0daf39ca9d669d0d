import path from 'node:path';
import { z } from 'zod';

/** Raised when an environment variable is invalid; the message names the variable and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const httpUrl = z
  .string()
  .trim()
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * Every variable the server reads, with its default. Nothing outside this module reads
 * process.env; `.env.example` lists the same names.
 */
const variables = z.object({
  PORT: integer(1, 65535).default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^mysql:\/\/.+/, 'must be a mysql:// URL, for example mysql://user:password@127.0.0.1:3306/workapi')
    .optional(),
  WORKAPI_DATA_DIR: z.string().trim().min(1).default('./data'),
  WORKAPI_PUBLIC_URL: httpUrl.optional(),
  WORKAPI_CONSOLE_DIR: z.string().trim().min(1).optional(),
  WORKAPI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKAPI_TRUST_PROXY: booleanFlag.default(false),
  WORKAPI_SESSION_TTL_SECONDS: integer(60, 365 * 24 * 3600).default(14 * 24 * 3600),
  WORKAPI_SIGNIN_WINDOW_SECONDS: integer(1, 24 * 3600).default(15 * 60),
  WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_EMAIL: integer(1, 1_000_000).default(5),
  WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: integer(1, 1_000_000).default(10),
});

export type ConfigVariables = z.input<typeof variables>;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'mysql'; url: string } | { kind: 'sqlite'; file: string };
  dataDir: string;
  publicUrl: string;
  /** True when cookies must carry the Secure attribute (the public URL is https). */
  secureCookies: boolean;
  consoleDir: string;
  logLevel: string;
  trustProxy: boolean;
  sessionTtlSeconds: number;
  signInThrottle: { windowSeconds: number; maxAttemptsPerEmail: number; maxAttemptsPerAddress: number };
}

/**
 * Parses and validates the configuration once at start-up. Throws ConfigError naming the
 * first invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(variables.shape)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const parsed = variables.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got "${present[name] ?? ''}")`);
  }
  const values = parsed.data;

  const dataDir = path.resolve(values.WORKAPI_DATA_DIR);
  const publicUrl = values.WORKAPI_PUBLIC_URL ?? `http://localhost:${values.PORT}`;
  return {
    port: values.PORT,
    host: values.HOST,
    database: values.DATABASE_URL
      ? { kind: 'mysql', url: values.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'workapi.sqlite') },
    dataDir,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    consoleDir: path.resolve(values.WORKAPI_CONSOLE_DIR ?? path.join(__dirname, '../../../console/dist')),
    logLevel: values.WORKAPI_LOG_LEVEL,
    trustProxy: values.WORKAPI_TRUST_PROXY,
    sessionTtlSeconds: values.WORKAPI_SESSION_TTL_SECONDS,
    signInThrottle: {
      windowSeconds: values.WORKAPI_SIGNIN_WINDOW_SECONDS,
      maxAttemptsPerEmail: values.WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_EMAIL,
      maxAttemptsPerAddress: values.WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_ADDRESS,
    },
  };
}
