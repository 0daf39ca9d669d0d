import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths removed from every log line. Request bodies and GraphQL variables are never logged
 * at all; these catch credentials that reach a log through headers or error objects.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.privateKey',
  '*.clientSecret',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.secret',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service: 'workapi' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

export type { Logger };
