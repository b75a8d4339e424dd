import { z } from 'zod';
import { SkillLevel } from '../matching.ts';
import { CalendarDate, PageQuery, PartyId, RecordId, Text } from './common.ts';
import { ResidentSummary } from './residents.ts';

export const CohortCreate = z.strictObject({
  providerId: PartyId.describe('the training provider running the class'),
  title: Text(80),
  trade: Text(40).describe('the trade taught, e.g. 焊工'),
  level: SkillLevel.optional().describe('level awarded on completion'),
  certificate: Text(60).optional(),
  seats: z.number().int().min(1).max(1000),
  hours: z.number().int().min(1).max(2000).describe('学时'),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
});
export type CohortCreate = z.output<typeof CohortCreate>;

export const CohortUpdate = z
  .strictObject({
    title: Text(80),
    certificate: Text(60),
    hours: z.number().int().min(1).max(2000),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    status: z.enum(['open', 'closed']),
  })
  .partial();
export type CohortUpdate = z.output<typeof CohortUpdate>;

export const Cohort = z.object({
  id: RecordId,
  providerId: PartyId,
  title: z.string(),
  trade: z.string(),
  level: z.number().optional(),
  certificate: z.string().optional(),
  seats: z.number().int(),
  taken: z.number().int().describe('seats claimed by enrolled people'),
  hours: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Cohort = z.infer<typeof Cohort>;

export const CohortListQuery = PageQuery.extend({
  providerId: PartyId.optional(),
  trade: Text(40).optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type CohortListQuery = z.output<typeof CohortListQuery>;

export const EnrollmentCreate = z.strictObject({ residentId: RecordId });
export type EnrollmentCreate = z.output<typeof EnrollmentCreate>;

/** A seat claim's state: a seat, a place in the FIFO waitlist, or cancelled. */
export const SeatStatus = z.enum(['enrolled', 'waitlisted', 'cancelled']);
export type SeatStatus = z.infer<typeof SeatStatus>;

export const Enrollment = z.object({
  id: RecordId,
  cohortId: RecordId,
  resident: ResidentSummary,
  status: SeatStatus,
  waitlistPosition: z.number().int().optional().describe('1 = next to be promoted (waitlisted only)'),
  createdAt: z.string(),
  promotedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
});
export type Enrollment = z.infer<typeof Enrollment>;

export const EnrollmentListQuery = PageQuery.extend({ status: SeatStatus.optional() });
export type EnrollmentListQuery = z.output<typeof EnrollmentListQuery>;
