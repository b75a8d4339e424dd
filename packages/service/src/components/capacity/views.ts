import type { ResidentSummary } from '@anju/shared';
import type { SeatEntryDoc } from './seat-ledger.ts';

/** The public fields of an enrolment or registration; `claiming` (a few ms between insert and claim) shows as waitlisted. */
export function seatEntryFields(doc: SeatEntryDoc, resident: ResidentSummary, waitlistPosition?: number) {
  return {
    id: doc._id.toString(),
    resident,
    status: doc.status === 'claiming' ? ('waitlisted' as const) : doc.status,
    ...(waitlistPosition === undefined ? {} : { waitlistPosition }),
    createdAt: doc.createdAt.toISOString(),
    ...(doc.promotedAt === undefined ? {} : { promotedAt: doc.promotedAt.toISOString() }),
    ...(doc.cancelledAt === undefined ? {} : { cancelledAt: doc.cancelledAt.toISOString() }),
  };
}
