import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import { BUREAU_TIMEZONE, bureauMonth } from '../../infra/time.ts';
import type { Services } from '../../services.ts';
import { MONTHLY_FOLLOW_UPS, runMonthlyFollowUpTick, type TickOutcome } from './tick.ts';

export interface FollowUpSchedulerOptions {
  /** This instance's name in the tick record (default: a random id). */
  readonly instanceId?: string;
  /** Default: FOLLOWUP_CRON. */
  readonly expression?: string;
  /** Start ticking now (default true); a task not started can still be fired with `execute()`. */
  readonly start?: boolean;
}

/**
 * The monthly follow-up cron task of one service instance: at FOLLOWUP_CRON in Asia/Shanghai it runs the
 * tick for the month it is in Shanghai. `noOverlap` keeps a slow tick from overlapping the next in this
 * process; the tick's own de-duplication keeps every other instance from running it again.
 * Failures are logged, never thrown into the timer.
 */
export function scheduleMonthlyFollowUps(
  services: Services,
  options: FollowUpSchedulerOptions = {},
): ScheduledTask {
  const instanceId = options.instanceId ?? randomUUID();
  const task = cron.createTask(
    options.expression ?? services.config.FOLLOWUP_CRON,
    async (context): Promise<TickOutcome> => {
      const outcome = await runMonthlyFollowUpTick(services, bureauMonth(context.date), { instanceId });
      services.logger.info({ job: MONTHLY_FOLLOW_UPS, instanceId, ...outcome }, 'monthly follow-up tick');
      return outcome;
    },
    { name: `${MONTHLY_FOLLOW_UPS}:${instanceId}`, timezone: BUREAU_TIMEZONE, noOverlap: true },
  );
  task.on('execution:failed', (context) => {
    services.logger.error(
      { job: MONTHLY_FOLLOW_UPS, instanceId, err: context.execution?.error },
      'tick failed',
    );
  });
  if (options.start !== false) void task.start();
  return task;
}
