import { z } from 'zod';

/** A stored record's id (a MongoDB ObjectId as 24 hex characters). */
export const RecordId = z.string().regex(/^[a-f0-9]{24}$/, 'a 24-character hex id');
export type RecordId = z.infer<typeof RecordId>;

/** A 9-digit township (乡镇/街道) code: the 6-digit county code and 3 digits. */
export const TownshipCode = z.string().regex(/^[1-9]\d{8}$/, 'a 9-digit township code');
export type TownshipCode = z.infer<typeof TownshipCode>;

/** An external party's id, e.g. a training provider's registration number. */
export const PartyId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1–64)');
export type PartyId = z.infer<typeof PartyId>;

/** Free text shown to people: trimmed and bounded. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date as YYYY-MM-DD. */
export const CalendarDate = z.iso.date();
export type CalendarDate = z.infer<typeof CalendarDate>;

/** The largest page any list returns. */
export const MAX_PAGE_SIZE = 100;

const PositiveIntText = (max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** `?page=&limit=` as query-string text; `limit` is capped at MAX_PAGE_SIZE. */
export const PageQuery = z.strictObject({
  page: PositiveIntText(100_000).optional().describe('1-based page number'),
  limit: PositiveIntText(MAX_PAGE_SIZE).optional().describe(`page size, at most ${MAX_PAGE_SIZE}`),
});
export type PageQuery = z.output<typeof PageQuery>;

/** A page of items with the total count of the (scoped) query. */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  });
export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly limit: number;
  readonly total: number;
}

/** A message in the two languages the bureau's users read. */
export const LocalizedMessage = z.object({ zh: z.string(), en: z.string() });
export type LocalizedMessage = z.infer<typeof LocalizedMessage>;

/**
 * Every code the service answers an error with: stable and part of the API, so a client can switch on
 * `Problem.code` exhaustively. The service maps each to its HTTP status in one table.
 */
export const ProblemCode = z.enum([
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'INVALID_SPREADSHEET',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DUPLICATE',
  'ALREADY_ACTIVE',
  'NOT_ACTIVE',
  'INVALID_TRANSITION',
  'COHORT_NOT_RUNNING',
  'COHORT_FINISHED',
  'NOT_ENROLLED',
  'ALREADY_ACKNOWLEDGED',
  'INVALID_STATE',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'DB_UNAVAILABLE',
  'QUEUE_UNAVAILABLE',
  'SHUTTING_DOWN',
  'INTERNAL',
]);
/** One of the service's error codes (see the `ProblemCode` schema). */
export type ProblemCode = z.infer<typeof ProblemCode>;

/** Every error answer: RFC 9457 problem details with a stable code and the request id. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: ProblemCode,
  message: LocalizedMessage,
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
