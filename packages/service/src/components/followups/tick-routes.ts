// The monthly tick by hand: what the cron runs at 00:00 on the 1st (Asia/Shanghai), for an operator who
// needs it now (a missed tick, a new deployment, the README's walk-through). Exactly once per month across
// instances, like the cron: a second call answers `ran: false, skipped: 'done'`.
import { FollowUpTick, FollowUpTickRequest } from '@anju/shared';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import { runMonthlyFollowUpTick } from './tick.ts';

export const followUpTickRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/followups/ticks',
    permission: 'followups:tick',
    tag: 'followups',
    summary:
      'Run the monthly follow-up tick for a month now (admins): one pending follow-up per active placement, assigned to the grid worker; once per month across instances',
    body: FollowUpTickRequest,
    response: FollowUpTick,
    async handle({ body, principal, services }) {
      const outcome = await runMonthlyFollowUpTick(services, body.month, {
        instanceId: `manual:${principal.sub}`,
      });
      await services.audit.append(
        auditEntryFor(
          principal,
          'bulk-job',
          outcome.tickId,
          'allowed',
          outcome.ran ? 'tick run by hand' : 'tick already done',
        ),
      );
      return outcome;
    },
  }),
];
