import { z } from 'zod';
import { PageQuery, RecordId } from './common.ts';

/** What an audit record logs: a read or a reveal of a resident's personal data, an export, a bulk job. */
export const AuditAction = z.enum(['resident.read', 'resident.reveal', 'export', 'bulk-job']);
export type AuditAction = z.infer<typeof AuditAction>;

/** One entry of the append-only access log: who did what to which record, allowed or denied, hash-chained. */
export const AuditRecord = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  townships: z.array(z.string()),
  action: AuditAction,
  targetId: z.string(),
  reason: z.string().optional(),
  outcome: z.enum(['allowed', 'denied']),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** `GET /api/v1/audit` filters: by action, target record and outcome, paged. */
export const AuditListQuery = PageQuery.extend({
  action: AuditAction.optional(),
  targetId: RecordId.optional(),
  outcome: z.enum(['allowed', 'denied']).optional(),
});
export type AuditListQuery = z.output<typeof AuditListQuery>;

/** The audit log's hash chain checked end to end: `ok`, how many records, and the first bad one. */
export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
