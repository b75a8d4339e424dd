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

interface LoggedError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: LoggedError;
}

/**
 * An error as a log line shows it: its type, message, code, stack and cause, nothing else. Driver errors
 * carry the documents they failed to write (`insertedDocs`, `writeErrors[].op`, `result`): a resident's
 * name among them would reach the log, where no pattern can mask it.
 */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not an Error]' };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

/**
 * pino with redaction of known fields, errors reduced to type/message/code/stack, plus a safety net on
 * every written line that masks anything shaped like an ID number or a mobile number, wherever it hid
 * (an error message, a free-text field).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'anju' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    hooks: { streamWrite: maskPiiPatterns },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
