import type { LocalizedMessage, ProblemCode } from '@anju/shared';

/**
 * Every error code the service answers with; stable, part of the API. The union lives in `@anju/shared` as
 * `ProblemCode`, so a client's `Problem.code` is exactly this type.
 */
export type AppErrorCode = ProblemCode;

/** The one table from code to HTTP status; exhaustive, so a new code cannot be forgotten here. */
export const STATUS_OF: Readonly<Record<AppErrorCode, number>> = Object.freeze({
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_SPREADSHEET: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE: 409,
  ALREADY_ACTIVE: 409,
  NOT_ACTIVE: 409,
  INVALID_TRANSITION: 409,
  COHORT_NOT_RUNNING: 409,
  COHORT_FINISHED: 409,
  NOT_ENROLLED: 409,
  ALREADY_ACKNOWLEDGED: 409,
  INVALID_STATE: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DB_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
});

/** What users read, in Chinese and English, per code. */
export const MESSAGE_OF: Readonly<Record<AppErrorCode, LocalizedMessage & { title: string }>> = Object.freeze(
  {
    VALIDATION_FAILED: {
      title: 'Validation failed',
      zh: '请求内容不符合要求。',
      en: 'The request is not valid.',
    },
    MALFORMED_JSON: {
      title: 'Malformed JSON',
      zh: '请求体不是有效的 JSON。',
      en: 'The request body is not valid JSON.',
    },
    INVALID_SPREADSHEET: {
      title: 'Invalid spreadsheet',
      zh: '上传的文件不是可读取的 xlsx 表格，或找不到表头。',
      en: 'The upload is not a readable xlsx sheet, or it has no header row.',
    },
    UNAUTHENTICATED: {
      title: 'Unauthenticated',
      zh: '需要有效的访问令牌。',
      en: 'A valid bearer token is required.',
    },
    FORBIDDEN: { title: 'Forbidden', zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' },
    NOT_FOUND: { title: 'Not found', zh: '未找到该记录。', en: 'No such record.' },
    DUPLICATE: { title: 'Duplicate', zh: '该记录已存在。', en: 'This record already exists.' },
    ALREADY_ACTIVE: {
      title: 'Already active',
      zh: '该居民已报名或在候补名单中。',
      en: 'This resident is already enrolled, registered or waitlisted.',
    },
    NOT_ACTIVE: {
      title: 'Not active',
      zh: '该报名已取消。',
      en: 'This enrolment or registration is no longer active.',
    },
    INVALID_TRANSITION: {
      title: 'Invalid transition',
      zh: '培训班当前状态不允许此操作（开班 → 结业，或取消）。',
      en: 'The cohort cannot move to that state from its current one (open → running → completed, or cancelled).',
    },
    COHORT_NOT_RUNNING: {
      title: 'Cohort not running',
      zh: '培训班尚未开课或已结束，不能记录考勤。',
      en: 'Attendance is recorded only while the cohort is running.',
    },
    COHORT_FINISHED: {
      title: 'Cohort finished',
      zh: '培训班已结业或已取消。',
      en: 'The cohort is completed or cancelled.',
    },
    NOT_ENROLLED: {
      title: 'Not enrolled',
      zh: '该居民未在此培训班就读。',
      en: 'This resident holds no seat in this cohort.',
    },
    ALREADY_ACKNOWLEDGED: {
      title: 'Already acknowledged',
      zh: '该预警已处理。',
      en: 'This alert has already been acknowledged.',
    },
    INVALID_STATE: {
      title: 'Invalid state',
      zh: '当前状态下不能执行此操作，请先完成前一步。',
      en: 'This step is not possible in the current state; do the step before it first.',
    },
    IDEMPOTENCY_IN_PROGRESS: {
      title: 'Request in progress',
      zh: '相同幂等键的请求正在处理中，请稍后重试。',
      en: 'A request with this Idempotency-Key is still running; retry later.',
    },
    IDEMPOTENCY_KEY_REUSED: {
      title: 'Idempotency key reused',
      zh: '该幂等键已用于内容不同的请求。',
      en: 'This Idempotency-Key was used with a different request.',
    },
    PAYLOAD_TOO_LARGE: {
      title: 'Payload too large',
      zh: '请求体过大。',
      en: 'The request body is too large.',
    },
    UNSUPPORTED_MEDIA_TYPE: {
      title: 'Unsupported media type',
      zh: '请求体类型不受支持：接口须为 application/json，导入须为 xlsx 文件。',
      en: 'Unsupported body: application/json for the API, an xlsx file for imports.',
    },
    RATE_LIMITED: {
      title: 'Too many requests',
      zh: '请求过于频繁，请稍后再试。',
      en: 'Too many requests; retry later.',
    },
    DB_UNAVAILABLE: {
      title: 'Database unavailable',
      zh: '数据库暂时不可用，请稍后重试。',
      en: 'The database is unavailable; retry later.',
    },
    QUEUE_UNAVAILABLE: {
      title: 'Queue unavailable',
      zh: '后台任务队列暂时不可用，请稍后重试。',
      en: 'The background job queue is unavailable; retry later.',
    },
    SHUTTING_DOWN: {
      title: 'Shutting down',
      zh: '服务正在重启，请稍后重试。',
      en: 'The service is restarting; retry.',
    },
    INTERNAL: { title: 'Internal error', zh: '服务内部错误。', en: 'Something went wrong on our side.' },
  },
);

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The service's one error class: a literal code, the cause kept for logs, never for responses. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    options: {
      cause?: unknown;
      issues?: readonly FieldIssue[];
      retryAfterSeconds?: number;
      detail?: string;
    } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.code = code;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * What a rejection says, for a log line: a promise may reject with anything, or nothing at all (ioredis
 * ends a connection that was never ready that way), so never read `.message` of it unchecked.
 */
export function describeCause(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (error === undefined) return 'rejected without an error';
  return typeof error === 'string' ? error : Object.prototype.toString.call(error);
}

const DATABASE_DOWN_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
  'MongoExpiredSessionError',
]);

const NETWORK_TEXT =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|connection .*(?:closed|timed out)|Topology is closed|Server selection timed out|not connected/i;

/** Is this error (or its cause) the database being unreachable rather than a bug? */
export function isDatabaseDown(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (DATABASE_DOWN_NAMES.has(current.name)) return true;
    // A write error can wrap the network failure only in its message (MongoBulkWriteError: connect ECONNREFUSED …).
    if (current.name.startsWith('Mongo') && NETWORK_TEXT.test(current.message)) return true;
    // mongoose with bufferCommands:false before or after a connection: "Cannot call `x.find()` before initial connection…"
    if (
      current.name === 'MongooseError' &&
      /initial connection|not connected|connection .*closed/i.test(current.message)
    )
      return true;
    // A bulk write keeps the network error it died of as `errorResponse`, not as `cause`.
    const response = (current as { errorResponse?: unknown }).errorResponse;
    current = response instanceof Error ? response : current.cause;
  }
  return false;
}

/** Is this a unique-index violation? */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
