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
  },
  { ...SCHEMA_OPTIONS, collection: 'rematchrequests' },
);

/** Records that `residentId` needs re-matching; idempotent per (resident, reason, source). */
export async function requestRematch(
  services: Pick<Services, 'models'>,
  request: { residentId: Types.ObjectId; townshipCode: string; reason: RematchReason; source: string },
): Promise<void> {
  const requestKey = `${request.residentId.toHexString()}:${request.reason}:${request.source}`;
  await services.models.rematchRequests.updateOne(
    { requestKey },
    { $setOnInsert: { ...request, requestKey, state: 'pending' } },
    { upsert: true },
  );
}
