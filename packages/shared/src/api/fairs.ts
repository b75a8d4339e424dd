import { z } from 'zod';
import { CountyCode } from '../region.ts';
import { CalendarDate, PageQuery, RecordId, Text } from './common.ts';
import { SeatStatus } from './cohorts.ts';
import { ResidentSummary } from './residents.ts';

/** `POST /api/v1/fairs`: a job fair (招聘会) in a county, with its venue and day. */
export const FairCreate = z.strictObject({
  title: Text(80),
  countyCode: CountyCode,
  venue: Text(80),
  heldOn: CalendarDate,
});
export type FairCreate = z.output<typeof FairCreate>;

/** `PATCH /api/v1/fairs/:id`: the fields of a fair that may change. */
export const FairUpdate = z
  .strictObject({
    title: Text(80),
    venue: Text(80),
    heldOn: CalendarDate,
    status: z.enum(['open', 'closed']),
  })
  .partial();
export type FairUpdate = z.output<typeof FairUpdate>;

/** A job fair (招聘会) as the API returns it. */
export const Fair = z.object({
  id: RecordId,
  title: z.string(),
  countyCode: CountyCode,
  venue: z.string(),
  heldOn: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Fair = z.infer<typeof Fair>;

/** `GET /api/v1/fairs` filters: by county, paged. */
export const FairListQuery = PageQuery.extend({ countyCode: CountyCode.optional() });
export type FairListQuery = z.output<typeof FairListQuery>;

/** `POST /api/v1/fairs/:id/booths`: an employer's booth with its interview slots. */
export const BoothCreate = z.strictObject({
  employerId: RecordId,
  name: Text(80),
  seats: z.number().int().min(1).max(1000).describe('interview slots'),
  openingIds: z.array(RecordId).max(50).default([]),
});
export type BoothCreate = z.output<typeof BoothCreate>;

/** A booth at a fair as the API returns it: its interview slots, how many are taken, its openings. */
export const Booth = z.object({
  id: RecordId,
  fairId: RecordId,
  employerId: RecordId,
  name: z.string(),
  seats: z.number().int(),
  taken: z.number().int(),
  openingIds: z.array(RecordId),
  createdAt: z.string(),
});
export type Booth = z.infer<typeof Booth>;

/** `POST /api/v1/fairs/:id/registrations`: a resident registers at a booth (or joins its waitlist). */
export const RegistrationCreate = z.strictObject({ residentId: RecordId, boothId: RecordId });
export type RegistrationCreate = z.output<typeof RegistrationCreate>;

/** A resident's registration at a booth, and how far it got (check-in, interview, intent, hire). */
export const Registration = z.object({
  id: RecordId,
  fairId: RecordId,
  boothId: RecordId,
  resident: ResidentSummary,
  status: SeatStatus,
  waitlistPosition: z.number().int().optional(),
  createdAt: z.string(),
  promotedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  step: z
    .enum(['checked-in', 'interviewed', 'intent', 'hired'])
    .optional()
    .describe('how far the registration got at the fair'),
  checkedInAt: z.string().optional().describe('签到: when staff checked the resident in at the fair'),
  interview: z
    .object({
      outcome: z.enum(['passed', 'failed', 'no-show']),
      openingId: RecordId.optional(),
      note: z.string().optional(),
      at: z.string(),
    })
    .optional(),
  intent: z
    .object({ openingId: RecordId, note: z.string().optional(), at: z.string() })
    .optional()
    .describe('达成意向: the resident and the employer agreed on this opening'),
  hire: z.object({ placementId: RecordId, openingId: RecordId, at: z.string() }).optional(),
});
export type Registration = z.infer<typeof Registration>;

/** `GET /api/v1/fairs/:id/registrations` filters: by booth and seat status, paged. */
export const RegistrationListQuery = PageQuery.extend({
  boothId: RecordId.optional(),
  status: SeatStatus.optional(),
});
export type RegistrationListQuery = z.output<typeof RegistrationListQuery>;
