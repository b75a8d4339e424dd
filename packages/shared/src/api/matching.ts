import { z } from 'zod';
import { PageQuery, RecordId, TownshipCode } from './common.ts';
import { ResidentSummary } from './residents.ts';

/** What a fair's matching maximises: households with someone placed first, or the total score. */
export const MatchingObjective = z.enum(['households-first', 'total-score']);
export type MatchingObjective = z.infer<typeof MatchingObjective>;

/** `POST /api/v1/fairs/:id/matching`: how to match; both fields optional. */
export const FairMatchingRequest = z
  .strictObject({
    objective: MatchingObjective.default('households-first').describe(
      'households-first: first as many households with someone in work as possible (每户至少一人就业), then the total score',
    ),
    pool: z
      .enum(['county', 'registered'])
      .default('county')
      .describe(
        'county: every working-age resident of the fair’s county in your townships; registered: only residents registered at the fair',
      ),
  })
  .prefault({});
export type FairMatchingRequest = z.output<typeof FairMatchingRequest>;

/** One factor of a stored match explanation: its points out of its most, and why. */
export const ScoreFactorView = z.object({
  factor: z.string(),
  points: z.number(),
  max: z.number(),
  detail: z.string(),
});

/** Why a resident fits an opening: the core's explanation as stored when the job ran. */
export const MatchExplanation = z.object({
  factors: z.array(ScoreFactorView),
  blocking: z.array(z.object({ code: z.string(), detail: z.string() })),
  missing: z.array(
    z.object({
      kind: z.string(),
      id: z.string(),
      name: z.string(),
      minNationalLevel: z
        .number()
        .int()
        .optional()
        .describe('for a skill: the level asked, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工'),
      levelName: z.string().optional().describe('the level asked by name, e.g. 四级/中级工'),
      required: z.boolean(),
    }),
  ),
  licences: z
    .array(z.object({ id: z.string(), title: z.string(), held: z.boolean(), detail: z.string() }))
    .describe('each licence the opening legally needs, checked on the day the job ran (有效期 and 复审)'),
  unknowns: z.array(z.object({ code: z.string(), detail: z.string() })),
  counterfactuals: z.array(
    z.object({ detail: z.string(), add: z.array(z.string()), score: z.number(), eligible: z.boolean() }),
  ),
  why: z
    .array(z.string())
    .describe(
      'the reasons as staff read them: each factor, each licence check, and what to verify (a licence named only by assumption, dates not checked)',
    ),
});
export type MatchExplanation = z.infer<typeof MatchExplanation>;

/** A resident on an opening's shortlist: masked for the caller's role, with score and explanation. */
export const ShortlistCandidate = z.object({
  resident: ResidentSummary.describe('masked for your role'),
  townshipCode: TownshipCode.optional().describe('not shown to employers'),
  score: z.number(),
  proposed: z.boolean().describe('the allocation placed this resident at this opening'),
  rank: z.number().int().optional(),
  explanation: MatchExplanation,
});
export type ShortlistCandidate = z.infer<typeof ShortlistCandidate>;

/** A booth's shortlist from one matching job: per opening, the candidates, proposed ones first. */
export const Shortlist = z.object({
  fairId: RecordId,
  boothId: RecordId,
  jobId: RecordId,
  generatedAt: z.string(),
  openings: z.array(
    z.object({
      openingId: RecordId,
      title: z.string(),
      headcount: z.number().int(),
      candidates: z.array(ShortlistCandidate),
    }),
  ),
});
export type Shortlist = z.infer<typeof Shortlist>;

/** `GET /api/v1/fairs/:id/booths/:boothId/shortlist` options: which matching job, and how many candidates per opening. */
export const ShortlistQuery = z.strictObject({
  jobId: RecordId.optional().describe('a matching job of this fair; default the latest completed one'),
  limit: PageQuery.shape.limit.describe('candidates per opening, at most 100 (default 20)'),
});
export type ShortlistQuery = z.output<typeof ShortlistQuery>;

/** A resident's current recommendations (from their latest fair matching or re-match). */
export const Recommendation = z.object({
  id: RecordId,
  jobId: RecordId,
  source: z.string(),
  residentId: RecordId,
  openingId: RecordId,
  employerId: RecordId,
  fairId: RecordId.optional(),
  boothId: RecordId.optional(),
  score: z.number(),
  proposed: z.boolean(),
  rankForResident: z.number().int().optional(),
  explanation: MatchExplanation,
  createdAt: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;
