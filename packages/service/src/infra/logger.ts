import { pino, type DestinationStream, type Logger } from 'pino';
import { maskPiiPatterns } from './pii-patterns.ts';

export type { Logger } from 'pino';

/** Fields that may carry personal data or secrets, removed wherever they appear (two levels deep). */
export const REDACTED_PATHS = [
  'idNumber',
  'phone',
  'name',
  'password',
  'token',
  'authorization',
  'body',
  '*.idNumber',
  '*.phone',
  '*.name',
  '*.token',
  '*.authorization',
  '*.body',
  '*.*.idNumber',
  '*.*.phone',
  '*.*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * pino with redaction of known fields, plus a safety net on every written line that masks anything
 * shaped like an ID number or a mobile number, wherever it hid (an error message, a free-text field).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'anju' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: maskPiiPatterns },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
