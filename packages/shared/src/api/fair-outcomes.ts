import { z } from 'zod';
import { CalendarDate, RecordId, Text } from './common.ts';
import { Registration } from './fairs.ts';
import { Placement } from './placements.ts';

/** 签到 at the fair. */
export const CheckInRequest = z.strictObject({ note: Text(200).optional() }).prefault({});
export type CheckInRequest = z.output<typeof CheckInRequest>;

/** The interview's outcome, recorded by staff after check-in. */
export const InterviewRequest = z.strictObject({
  outcome: z.enum(['passed', 'failed', 'no-show']),
  openingId: RecordId.optional().describe('the booth’s opening the interview was for'),
  note: Text(200).optional(),
});
export type InterviewRequest = z.output<typeof InterviewRequest>;

/** 达成意向: after a passed interview, the resident and the employer agree on one of the booth's openings. */
export const IntentRequest = z.strictObject({ openingId: RecordId, note: Text(200).optional() });
export type IntentRequest = z.output<typeof IntentRequest>;

/** 录用: a staff action after an intent; it creates the placement. */
export const HireRequest = z.strictObject({
  openingId: RecordId.optional().describe('default: the opening of the intent'),
  startedOn: CalendarDate,
  monthlyWage: z.number().int().min(0).max(100_000),
});
export type HireRequest = z.output<typeof HireRequest>;

/** A hire at a fair: the registration, now hired, and the placement it created. */
export const HireResult = z.object({ registration: Registration, placement: Placement });
export type HireResult = z.infer<typeof HireResult>;
