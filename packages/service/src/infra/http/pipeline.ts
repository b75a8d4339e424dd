import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import mongoose from 'mongoose';
import type { z } from 'zod';
import { auditEntryFor } from '../../components/audit/audit-log.ts';
import { can } from '../../components/auth/permissions.ts';
import type { Principal } from '../../components/auth/tokens.ts';
import type { Services } from '../../services.ts';
import { databaseAnsweredWithin, databaseKnownSilent, markDatabaseSilent, probeDatabase } from '../db.ts';
import { AppError, MESSAGE_OF, isAppError, isDatabaseDown, type FieldIssue } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from './idempotency.ts';
import { FileDownload, isFileDownload, type Route } from './route.ts';
import { isUploadRequest, readUpload } from './upload.ts';

/** Per-request state kept on `res.locals`. */
export interface RequestState {
  requestId: string;
  principal?: Principal;
}

export function stateOf(res: Response): RequestState {
  return res.locals as RequestState;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** Request id (the client's X-Request-Id when well-formed, else a new one) and one access-log line per request. */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get('x-request-id');
    const requestId = given !== undefined && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    const state = stateOf(res);
    state.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // 503s are an outage being handled (DB down, draining), not a bug.
      const level = res.statusCode === 503 ? 'warn' : res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level]({
        requestId,
        method: req.method,
        // The route pattern, not the URL: a query string is never logged.
        route: (req.route as { path?: string } | undefined)?.path ?? req.path,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        actor: state.principal?.sub,
        role: state.principal?.role,
      });
    });
    next();
  };
}

const TOKEN_IN_QUERY = /^(?:access_?token|token|jwt|bearer|auth|authorization|id_?token)$/i;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/** SEC-07: only an `Authorization: Bearer` header; a token in the query string is refused outright. */
export async function authenticate(req: Request, services: Services): Promise<Principal> {
  if (Object.keys(req.query).some((key) => TOKEN_IN_QUERY.test(key)))
    throw new AppError('UNAUTHENTICATED', { detail: 'token in query string' });
  const match = BEARER.exec(req.get('authorization') ?? '');
  if (match?.[1] === undefined) throw new AppError('UNAUTHENTICATED', { detail: 'no bearer token' });
  return services.tokens.verify(match[1]);
}

function issuesOf(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  part: 'params' | 'query' | 'body',
): unknown {
  if (schema === undefined) {
    const empty =
      value === undefined ||
      (typeof value === 'object' &&
        value !== null &&
        Object.keys(value).length === 0 &&
        !Array.isArray(value));
    if (!empty)
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: part, message: `no ${part} expected` }] });
    return undefined;
  }
  const parsed = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', { issues: issuesOf(parsed.error, part) });
  return parsed.data;
}

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** Refuses a body that is not JSON in UTF-8 (RFC 8259 allows no other charset) before anything reads it. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req)) {
    next();
    return;
  }
  const charset = CHARSET.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  const utf8 = charset === undefined || charset === 'utf-8' || charset === 'utf8';
  if (req.is(['application/json', 'application/*+json']) === false || !utf8) {
    next(new AppError('UNSUPPORTED_MEDIA_TYPE'));
    return;
  }
  next();
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** A UTF-16 code unit of a surrogate pair standing alone (a JSON `\ud800` escape): not text. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * For express.json: the raw body must be valid UTF-8 (the default decoder would turn invalid bytes into
 * U+FFFD and store them), and no parsed key or string may hold a lone surrogate.
 */
export const strictJsonOptions = {
  verify(_req: unknown, _res: unknown, body: Buffer): void {
    strictUtf8.decode(body);
  },
  reviver(key: string, value: unknown): unknown {
    if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value)))
      throw new SyntaxError('a string holds a lone surrogate');
    return value;
  },
};
/**
 * The JSON gate, except for a spreadsheet sent to a route that takes uploads (its own reader checks the type
 * and size after authentication).
 */
export function requireJsonOrUpload(routes: readonly Route[]) {
  const uploads = new Set(
    routes
      .filter((route) => route.upload === true)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`),
  );
  return (req: Request, res: Response, next: NextFunction): void => {
    if (uploads.has(`${req.method} ${req.path}`) && isUploadRequest(req)) {
      next();
      return;
    }
    requireJson(req, res, next);
  };
}

/** Mounts every route of the table: authenticate → permission → database up → validate → idempotency → handle. */
export function mountRoutes(router: Router, routes: readonly Route[], services: Services): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      await withDeadline(runRoute(route, req, res, services), services);
    });
  }
}

/** How often a request past its deadline looks at the database again. */
const DEADLINE_POLL_MS = 100;
/** No answer from the database for this long, while requests wait on it, means it stopped answering. */
const SILENCE_MS = 1000;

/**
 * The answer-time bound when the database stops answering without closing its connections (a network
 * black hole): every step of a driver operation has its own timeout, but a request runs several and the
 * driver retries some. So a request still running after DB_DEADLINE_MS is answered 503 as soon as
 * the database has been silent for SILENCE_MS (seen on two polls, so answers waiting behind a busy event
 * loop count). A request that is merely slow while the database answers others runs on. The work itself
 * goes on and settles unseen (an idempotent POST still stores its real result for the retry).
 */
async function withDeadline(work: Promise<void>, services: Services): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const abandoned = new Promise<never>((_resolve, reject) => {
    let silentPolls = 0;
    const check = () => {
      const silent =
        services.db.readyState !== mongoose.ConnectionStates.connected ||
        !databaseAnsweredWithin(services.db, SILENCE_MS);
      silentPolls = silent ? silentPolls + 1 : 0;
      if (silentPolls >= 2) {
        markDatabaseSilent(services.db);
        reject(new AppError('DB_UNAVAILABLE', { retryAfterSeconds: 2, detail: 'request deadline passed' }));
        return;
      }
      timer = setTimeout(check, DEADLINE_POLL_MS);
    };
    timer = setTimeout(check, services.config.DB_DEADLINE_MS);
  });
  work.catch(() => undefined);
  try {
    await Promise.race([work, abandoned]);
  } finally {
    clearTimeout(timer);
  }
}

async function runRoute(route: Route, req: Request, res: Response, services: Services): Promise<void> {
  const state = stateOf(res);
  const principal = await authenticate(req, services);
  state.principal = principal;
  const targetId = String(req.params.id ?? '').slice(0, 64);
  if (!can(principal.role, route.permission)) {
    if (route.audit) await services.audit.append(auditEntryFor(principal, route.audit, targetId, 'denied'));
    throw new AppError('FORBIDDEN');
  }
  if (services.db.readyState !== mongoose.ConnectionStates.connected || databaseKnownSilent(services.db)) {
    probeDatabase(services.db);
    throw new AppError('DB_UNAVAILABLE', { retryAfterSeconds: 2 });
  }

  const params = parsePart(route.params, req.params, 'params');
  const query = parsePart(route.query, req.query, 'query');
  // An upload's body is the file, read (and its type checked) below; express.json may have parsed a JSON one.
  const body = route.upload === true ? undefined : parsePart(route.body, req.body, 'body');
  const uploaded =
    route.upload === true ? await readUpload(req, res, services.config.IMPORT_MAX_BYTES) : undefined;

  const idempotencyKey =
    route.method === 'post' && route.idempotent !== false ? req.get('idempotency-key') : undefined;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'headers.idempotency-key', message: '8–128 printable ASCII characters' }],
    });
  if (idempotencyKey !== undefined) {
    const start = await services.idempotency.begin(
      principal.sub,
      idempotencyKey,
      requestHash(req.method, req.path, req.body),
    );
    if (start.kind === 'replay') {
      res.setHeader('Idempotent-Replayed', 'true');
      send(res, start.status, start.body);
      return;
    }
  }

  try {
    const result = await route.handle({
      params,
      query,
      body,
      principal,
      requestId: state.requestId,
      services,
      req,
      res,
      uploaded,
    });
    if (route.file !== undefined) {
      sendFile(res, route.file, FileDownload.parse(result));
      return;
    }
    if (route.download !== undefined && isFileDownload(result)) {
      // Files are not stored for replay: a POST that may answer one is not idempotent.
      if (idempotencyKey !== undefined) await services.idempotency.abandon(principal.sub, idempotencyKey);
      sendFile(res, route.download, result);
      return;
    }
    const payload = route.response.parse(result);
    const status = route.status ?? 200;
    if (idempotencyKey !== undefined)
      await services.idempotency.complete(principal.sub, idempotencyKey, status, payload);
    send(res, status, payload);
  } catch (error) {
    if (idempotencyKey !== undefined) {
      const appError = toAppError(error);
      if (appError.status >= 500)
        await services.idempotency.abandon(principal.sub, idempotencyKey).catch(() => undefined);
      else
        await services.idempotency.complete(
          principal.sub,
          idempotencyKey,
          appError.status,
          problemBody(appError, state.requestId),
        );
    }
    if (route.audit && isAppError(error) && error.code === 'NOT_FOUND')
      await services.audit.append(auditEntryFor(principal, route.audit, targetId, 'denied'));
    throw error;
  }
}

function send(res: Response, status: number, payload: unknown): void {
  // Past its deadline a request has been answered already.
  if (res.headersSent) return;
  res.setHeader('Cache-Control', 'no-store');
  if (status >= 400) res.status(status).type('application/problem+json').send(JSON.stringify(payload));
  else res.status(status).json(payload);
}

function sendFile(res: Response, contentType: string, file: FileDownload): void {
  res.setHeader('Cache-Control', 'no-store');
  // RFC 6266: an ASCII fallback and the UTF-8 name (Chinese file names).
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  );
  res.status(200).type(contentType).send(file.body);
}

interface HttpParserError {
  type?: string;
  status?: number;
}

/** Any thrown value → the AppError it means at the HTTP edge. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const parserError = error as HttpParserError;
  if (parserError.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', { cause: error });
  if (parserError.type === 'entity.parse.failed' || parserError.type === 'entity.verify.failed')
    return new AppError('MALFORMED_JSON', { cause: error });
  if (parserError.type === 'encoding.unsupported' || parserError.type === 'charset.unsupported')
    return new AppError('UNSUPPORTED_MEDIA_TYPE', { cause: error });
  if (isDatabaseDown(error)) return new AppError('DB_UNAVAILABLE', { cause: error, retryAfterSeconds: 2 });
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500)
    return new AppError('VALIDATION_FAILED', { cause: error });
  return new AppError('INTERNAL', { cause: error });
}

/** A dependency being down (database, queue) is an outage being handled, not a bug: logged as a warning. */
export function isOutage(error: AppError): boolean {
  return error.code === 'DB_UNAVAILABLE' || error.code === 'QUEUE_UNAVAILABLE';
}

/** DEG-06: problem details with a code and the request id; never a stack or database text. */
export function problemBody(error: AppError, requestId: string): Record<string, unknown> {
  const message = MESSAGE_OF[error.code];
  return {
    type: `https://anju.invalid/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: message.title,
    status: error.status,
    code: error.code,
    message: { zh: message.zh, en: message.en },
    requestId,
    ...(error.issues === undefined ? {} : { errors: error.issues }),
  };
}

/** The one error handler: every failure of every route ends here. */
export function errorHandler(logger: Logger) {
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(error);
    const state = stateOf(res);
    if (appError.status >= 500 && !isOutage(appError))
      logger.error({ err: error, requestId: state.requestId }, 'request failed');
    else if (isOutage(appError))
      logger.warn(
        {
          requestId: state.requestId,
          code: appError.code,
          cause: error instanceof Error ? error.name : typeof error,
        },
        'dependency unavailable',
      );
    if (res.headersSent) return;
    if (appError.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    send(res, appError.status, problemBody(appError, state.requestId));
  };
}

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND'));
}
