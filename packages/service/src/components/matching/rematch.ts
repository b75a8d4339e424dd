import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';
import type { Services } from '../../services.ts';

/** Why a resident needs new recommendations. */
export type RematchReason = 'training-completed' | 'job-lost' | 'income-below-line' | 'profile-changed';

/**
 * A durable request to re-match one resident, written before any queue is touched so that nothing is lost
 * when Redis is down; the matching worker consumes pending requests (and reconciles them after an outage).
 */
export interface RematchRequestDoc {
  _id: Types.ObjectId;
  residentId: Types.ObjectId;
  townshipCode: string;
  reason: RematchReason;
  /** What caused it, e.g. `cohort:<id>` or `followup:<id>`; with `reason` it makes the request idempotent. */
  source: string;
  /** `residentId:reason:source`, unique: the same event never asks twice. */
  requestKey: string;
  state: 'pending' | 'done';
  /** The rematch job created for it (its record id is the request's id). */
  jobId?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const RematchRequestSchema = new Schema<RematchRequestDoc>(
  {
    residentId: { type: Schema.Types.ObjectId, required: true, index: true },
    townshipCode: { type: String, required: true, index: true },
    reason: { type: String, required: true },
    source: { type: String, required: true },
    requestKey: { type: String, required: true, unique: true },
    state: { type: String, required: true, default: 'pending', index: true },
    jobId: Schema.Types.ObjectId,
  },
  { ...SCHEMA_OPTIONS, collection: 'rematchrequests' },
);

/** Records that `residentId` needs re-matching; idempotent per (resident, reason, source). */
export async function requestRematch(
  services: Pick<Services, 'models'>,
  request: { residentId: Types.ObjectId; townshipCode: string; reason: RematchReason; source: string },
): Promise<void> {
  const requestKey = `${request.residentId.toHexString()}:${request.reason}:${request.source}`;
  await rematchRequests(services).updateOne(
    { requestKey },
    { $setOnInsert: { ...request, requestKey, state: 'pending' } },
    { upsert: true },
  );
}

/**
 * The requests collection itself. It holds ids and a reason, no personal data, and is not a scoped
 * resource: writers call it after a scoped action, the rematch job reads the resident through the scope.
 */
export function rematchRequests(services: Pick<Services, 'models'>) {
  return services.models.rematchRequests;
}
