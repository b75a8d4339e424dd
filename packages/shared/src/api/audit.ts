import { z } from 'zod';
import { PageQuery, RecordId } from './common.ts';

export const AuditAction = z.enum(['resident.read', 'resident.reveal', 'export', 'bulk-job']);
export type AuditAction = z.infer<typeof AuditAction>;

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

export const AuditListQuery = PageQuery.extend({
  action: AuditAction.optional(),
  targetId: RecordId.optional(),
  outcome: z.enum(['allowed', 'denied']).optional(),
});
export type AuditListQuery = z.output<typeof AuditListQuery>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
