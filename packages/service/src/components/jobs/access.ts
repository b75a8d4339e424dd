import type { Job } from '@anju/shared';
import type { JobRecordDoc } from '../../infra/jobs/model.ts';
import type { Principal } from '../auth/tokens.ts';

/**
 * Who may see a job: admins and auditors any; staff only a job whose townships are all theirs (a job
 * over every township, or over one they do not hold, would tell them about residents outside their scope).
 */
export function canSeeJob(
  principal: Principal,
  record: Pick<JobRecordDoc, 'townshipCodes' | 'allTownships'>,
): boolean {
  switch (principal.role) {
    case 'admin':
    case 'auditor':
      return true;
    case 'staff':
      return (
        !record.allTownships &&
        record.townshipCodes.length > 0 &&
        record.townshipCodes.every((code) => principal.townships.includes(code))
      );
    case 'provider':
    case 'employer':
      return false;
  }
}

export function jobView(record: JobRecordDoc): Job {
  return {
    id: record._id.toHexString(),
    kind: record.kind,
    state: record.state,
    progress: record.progress,
    stage: record.stage,
    subjectId: record.subjectId.toHexString(),
    params: record.params,
    requestedBy: record.requester.sub,
    attempts: record.attempts,
    ...(record.result === undefined ? {} : { result: record.result }),
    ...(record.errorCode === undefined ? {} : { errorCode: record.errorCode }),
    createdAt: record.createdAt.toISOString(),
    ...(record.startedAt === undefined ? {} : { startedAt: record.startedAt.toISOString() }),
    ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt.toISOString() }),
  };
}
