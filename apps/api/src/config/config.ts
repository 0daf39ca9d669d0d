import path from 'node:path';
import { z } from 'zod';
import { EncryptionKeyError, keyCommand, parseEncryptionKeys, type EncryptionKey } from '../crypto/secret-box';
import type { ProviderEndpoints } from '../providers/provider-client';
import { ProviderKind } from '../providers/provider-kind';
import { defaultPriceTiers, parsePriceTiers, type PriceTier } from '../metering/pricing';

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
  WORKAPI_USER_TOKEN_TTL_SECONDS: integer(60, 10 * 365 * 24 * 3600).default(28 * 24 * 3600),
  WORKAPI_USER_TOKEN_MAX_TTL_SECONDS: integer(60, 10 * 365 * 24 * 3600).default(90 * 24 * 3600),
  WORKAPI_TOKEN_CACHE_SECONDS: integer(0, 300).default(5),
  WORKAPI_TOKEN_CACHE_MAX_ENTRIES: integer(1, 10_000_000).default(50_000),
  WORKAPI_MAX_ENVIRONMENTS_PER_ACCOUNT: integer(1, 100_000).default(25),
  WORKAPI_KEY_ROTATION_GRACE_SECONDS: integer(0, 90 * 24 * 3600).default(24 * 3600),
  WORKAPI_TOKEN_AUDIENCE: z.string().trim().min(1).max(255).default('workapi'),
  WORKAPI_PROVIDER_TOKEN_DEFAULT_TTL_SECONDS: integer(60, 30 * 24 * 3600).default(3600),
  WORKAPI_PROVIDER_TOKEN_REFRESH_MARGIN_SECONDS: integer(0, 3600).default(60),
  WORKAPI_PROVIDER_REQUEST_TIMEOUT_MS: integer(100, 300_000).default(15_000),
  WORKAPI_METERING: booleanFlag.default(true),
  WORKAPI_MAX_QUERY_COST: integer(1, 1_000_000).default(1000),
  WORKAPI_MAX_QUERY_DEPTH: integer(1, 100).default(6),
  WORKAPI_MAX_ALIASES: integer(0, 10_000).default(15),
  WORKAPI_MAX_TOKENS: integer(10, 1_000_000).default(1000),
  WORKAPI_THROTTLE_CAPACITY: integer(1, 1_000_000_000).default(1000),
  WORKAPI_THROTTLE_RESTORE_RATE: integer(1, 1_000_000_000).default(50),
  WORKAPI_REDIS_URL: z.string().trim().regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL, for example redis://127.0.0.1:6379').optional(),
  WORKAPI_FREE_REQUESTS_PER_MONTH: integer(0, 1_000_000_000).default(50_000),
  WORKAPI_PRICE_TIERS: z.string().trim().min(1).default(defaultPriceTiers),
  WORKAPI_PRICE_CURRENCY: z.string().trim().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR').default('EUR'),
  WORKAPI_USAGE_FLUSH_MS: integer(10, 60_000).default(1000),
  WORKAPI_QUOTA_BLOCK_SIZE: integer(1, 100_000).default(100),
  WORKAPI_PLAN_CACHE_SECONDS: integer(0, 3600).default(10),
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
  /**
   * Keys from WORKAPI_ENCRYPTION_KEYS, the first of which encrypts. Null only on the
   * embedded default, where the key file under `dataDir` is used instead.
   */
  encryptionKeys: EncryptionKey[] | null;
  /** Catalog endpoints replaced by WORKAPI_PROVIDER_<KIND>_<ENDPOINT> variables. */
  providerEndpointOverrides: ProviderEndpointOverrides;
  userTokens: {
    /** Lifetime of a user access token when the request names none, in seconds. */
    defaultTtlSeconds: number;
    /** Longest lifetime a request may ask for, in seconds. */
    maxTtlSeconds: number;
    /**
     * How long a process reuses what it read about a token (its user and environment) before
     * reading it again, in seconds; 0 reads the database on every request. Revocations made
     * by another process take effect within this bound.
     */
    cacheSeconds: number;
    cacheMaxEntries: number;
  };
  integrations: {
    /** Lifetime assumed for a provider access token whose token response has no `expires_in`, in seconds. */
    providerTokenDefaultTtlSeconds: number;
    /** How long before its expiry a provider access token is refreshed, in seconds. */
    refreshMarginSeconds: number;
  };
  /** Milliseconds a data request to a provider API (mail, calendar) may take before it fails as PROVIDER_UNAVAILABLE. */
  providerRequestTimeoutMs: number;
  environments: {
    maxPerAccount: number;
    /** How long a key replaced by rotateEnvironmentKey keeps working, in seconds. */
    keyRotationGraceSeconds: number;
    /** The `aud` claim that environment tokens must carry. */
    tokenAudience: string;
  };
  metering: MeteringConfig;
}

/** Query limits, throttling, usage counting and prices; see "Metering" in docs/design.md. */
export interface MeteringConfig {
  /** False switches off throttling, quotas, usage counting and `extensions.cost`; the query limits stay. */
  enabled: boolean;
  maxQueryCost: number;
  maxQueryDepth: number;
  maxAliases: number;
  /** Tokens the GraphQL parser reads before it rejects a document. */
  maxTokens: number;
  /** Points of each environment's leaky bucket, and points restored per second. */
  throttleCapacity: number;
  throttleRestoreRate: number;
  /** Shared throttle buckets across processes; null keeps them in the process. */
  redisUrl: string | null;
  freeRequestsPerMonth: number;
  priceTiers: PriceTier[];
  currency: string;
  /** How often counted usage is written to the database, in milliseconds. */
  usageFlushMs: number;
  /** Free-plan requests a process claims from the database at a time. */
  quotaBlockSize: number;
  /** How long a process reuses an account's plan before reading it again, in seconds. */
  planCacheSeconds: number;
}

export type ProviderEndpointOverrides = Partial<Record<ProviderKind, Partial<ProviderEndpoints>>>;

const providerEndpointVariables = {
  AUTHORIZATION_URL: 'authorizationUrl',
  TOKEN_URL: 'tokenUrl',
  REVOCATION_URL: 'revocationUrl',
  API_BASE_URL: 'apiBaseUrl',
} as const satisfies Record<string, keyof ProviderEndpoints>;

function parseProviderEndpointOverrides(env: Record<string, string | undefined>): ProviderEndpointOverrides {
  const overrides: ProviderEndpointOverrides = {};
  for (const kind of Object.values(ProviderKind)) {
    for (const [suffix, endpoint] of Object.entries(providerEndpointVariables)) {
      const name = `WORKAPI_PROVIDER_${kind}_${suffix}`;
      const value = env[name];
      if (value === undefined || value === '') continue;
      const parsed = httpUrl.safeParse(value);
      if (!parsed.success) {
        throw new ConfigError(`Invalid configuration: ${name} ${parsed.error.issues[0].message} (got "${value}")`);
      }
      overrides[kind] = { ...overrides[kind], [endpoint]: parsed.data };
    }
  }
  return overrides;
}

/**
 * Reads WORKAPI_ENCRYPTION_KEYS. Its value is never quoted in an error. With DATABASE_URL
 * set the variable is required, because a key generated into a local folder would be lost
 * with the container or differ between server processes.
 */
function parseEncryptionKeysVariable(value: string | undefined, usesMysql: boolean): EncryptionKey[] | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    if (!usesMysql) return null;
    throw new ConfigError(
      `Missing configuration: WORKAPI_ENCRYPTION_KEYS is required when DATABASE_URL is set. Create a key with \`${keyCommand}\` and set WORKAPI_ENCRYPTION_KEYS to the printed id:base64key pair.`,
    );
  }
  try {
    return parseEncryptionKeys(trimmed);
  } catch (error) {
    if (!(error instanceof EncryptionKeyError)) throw error;
    throw new ConfigError(
      `Invalid configuration: WORKAPI_ENCRYPTION_KEYS ${error.message}. Expected comma-separated id:base64key pairs of 32-byte keys; create one with \`${keyCommand}\`.`,
    );
  }
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
  if (values.WORKAPI_USER_TOKEN_TTL_SECONDS > values.WORKAPI_USER_TOKEN_MAX_TTL_SECONDS) {
    throw new ConfigError(
      `Invalid configuration: WORKAPI_USER_TOKEN_TTL_SECONDS (${values.WORKAPI_USER_TOKEN_TTL_SECONDS}) must not exceed WORKAPI_USER_TOKEN_MAX_TTL_SECONDS (${values.WORKAPI_USER_TOKEN_MAX_TTL_SECONDS}); lower the first or raise the second.`,
    );
  }

  const encryptionKeys = parseEncryptionKeysVariable(env.WORKAPI_ENCRYPTION_KEYS, values.DATABASE_URL !== undefined);
  const providerEndpointOverrides = parseProviderEndpointOverrides(env);

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
    encryptionKeys,
    providerEndpointOverrides,
    userTokens: {
      defaultTtlSeconds: values.WORKAPI_USER_TOKEN_TTL_SECONDS,
      maxTtlSeconds: values.WORKAPI_USER_TOKEN_MAX_TTL_SECONDS,
      cacheSeconds: values.WORKAPI_TOKEN_CACHE_SECONDS,
      cacheMaxEntries: values.WORKAPI_TOKEN_CACHE_MAX_ENTRIES,
    },
    integrations: {
      providerTokenDefaultTtlSeconds: values.WORKAPI_PROVIDER_TOKEN_DEFAULT_TTL_SECONDS,
      refreshMarginSeconds: values.WORKAPI_PROVIDER_TOKEN_REFRESH_MARGIN_SECONDS,
    },
    providerRequestTimeoutMs: values.WORKAPI_PROVIDER_REQUEST_TIMEOUT_MS,
    environments: {
      maxPerAccount: values.WORKAPI_MAX_ENVIRONMENTS_PER_ACCOUNT,
      keyRotationGraceSeconds: values.WORKAPI_KEY_ROTATION_GRACE_SECONDS,
      tokenAudience: values.WORKAPI_TOKEN_AUDIENCE,
    },
    metering: meteringConfigOf(values),
  };
}

function meteringConfigOf(values: z.output<typeof variables>): MeteringConfig {
  let priceTiers: PriceTier[];
  try {
    priceTiers = parsePriceTiers(values.WORKAPI_PRICE_TIERS);
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration: WORKAPI_PRICE_TIERS ${(error as Error).message} (got "${values.WORKAPI_PRICE_TIERS}"); the default is ${defaultPriceTiers}.`,
    );
  }
  if (values.WORKAPI_THROTTLE_CAPACITY < values.WORKAPI_MAX_QUERY_COST) {
    throw new ConfigError(
      `Invalid configuration: WORKAPI_THROTTLE_CAPACITY (${values.WORKAPI_THROTTLE_CAPACITY}) must be at least WORKAPI_MAX_QUERY_COST (${values.WORKAPI_MAX_QUERY_COST}), or the costliest allowed query could never run.`,
    );
  }
  return {
    enabled: values.WORKAPI_METERING,
    maxQueryCost: values.WORKAPI_MAX_QUERY_COST,
    maxQueryDepth: values.WORKAPI_MAX_QUERY_DEPTH,
    maxAliases: values.WORKAPI_MAX_ALIASES,
    maxTokens: values.WORKAPI_MAX_TOKENS,
    throttleCapacity: values.WORKAPI_THROTTLE_CAPACITY,
    throttleRestoreRate: values.WORKAPI_THROTTLE_RESTORE_RATE,
    redisUrl: values.WORKAPI_REDIS_URL ?? null,
    freeRequestsPerMonth: values.WORKAPI_FREE_REQUESTS_PER_MONTH,
    priceTiers,
    currency: values.WORKAPI_PRICE_CURRENCY,
    usageFlushMs: values.WORKAPI_USAGE_FLUSH_MS,
    quotaBlockSize: values.WORKAPI_QUOTA_BLOCK_SIZE,
    planCacheSeconds: values.WORKAPI_PLAN_CACHE_SECONDS,
  };
}
