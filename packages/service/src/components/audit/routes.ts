import { AuditListQuery, AuditRecord, AuditVerification, Page } from '@anju/shared';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined } from '../../infra/http/paging.ts';
import type { AuditRecordDoc } from './audit-log.ts';

function auditView(doc: AuditRecordDoc): AuditRecord {
  return {
    seq: doc.seq,
    at: doc.at.toISOString(),
    actor: doc.actor,
    role: doc.role,
    townships: doc.townships,
    action: doc.action,
    targetId: doc.targetId,
    ...(doc.reason === undefined ? {} : { reason: doc.reason }),
    outcome: doc.outcome,
    hash: doc.hash,
  };
}

export const auditRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/audit',
    permission: 'audit:read',
    tag: 'audit',
    summary: 'Read the access log of personal data, newest first',
    query: AuditListQuery,
    response: Page(AuditRecord),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(
        services.scoped('audit', principal),
        stripUndefined(filter),
        { page, limit, sort: { seq: -1 } },
        auditView,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/audit/verify',
    permission: 'audit:read',
    tag: 'audit',
    summary: 'Verify the hash chain of the access log; names the first tampered record',
    response: AuditVerification,
    async handle({ services }) {
      return services.audit.verify();
    },
  }),
];
