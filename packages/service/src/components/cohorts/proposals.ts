import {
  defaultTaxonomy,
  prepareOpenings,
  prepareResidents,
  skillGaps,
  type ResidentGap,
} from '@anju/matching-core';
import type { CohortProposals, MatchOpening, MatchResident } from '@anju/shared';
import {
  CohortProposalQuery,
  CohortProposals as CohortProposalsSchema,
  nationalLevelName,
} from '@anju/shared';
import { bureauDate } from '../../infra/time.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { toMatchOpening, toMatchResident } from '../matching/adapter.ts';
import { tradeNormalizer } from './trade.ts';

/** A county's working-age residents and openings fit far inside these; a province is a batch job's work. */
const MAX_RESIDENTS = 50_000;
const MAX_OPENINGS = 10_000;
const DEFAULT_PROPOSALS = 10;

/** The residents, and the openings they would reach, behind each gap item. */
function behind(gaps: readonly ResidentGap[], matches: (item: ResidentGap['items'][number]) => boolean) {
  const residentIds: string[] = [];
  const openingIds = new Set<string>();
  for (const gap of gaps) {
    if (!gap.items.some(matches)) continue;
    residentIds.push(gap.residentId);
    for (const id of gap.openingIds) openingIds.add(id);
  }
  return { residentIds, openingIds: [...openingIds].sort() };
}

export const proposalRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/proposals',
    permission: 'proposals:read',
    tag: 'cohorts',
    summary:
      'Cohorts worth running for your townships, from the skill-gap analysis: trade and level (or licence), expected seats, and the residents and openings behind each',
    query: CohortProposalQuery,
    response: CohortProposalsSchema,
    async handle({ query, principal, services }): Promise<CohortProposals> {
      const taxonomy = defaultTaxonomy();
      const normalizer = tradeNormalizer();
      const cutoff = query.cutoff ?? 0;
      const [residents, openings] = await Promise.all([
        services
          .scoped('residents', principal)
          .list(query.townshipCode === undefined ? {} : { townshipCode: query.townshipCode }, {
            page: 1,
            limit: MAX_RESIDENTS,
            sort: { _id: 1 },
          }),
        services
          .scoped('openings', principal)
          .list({ status: 'open' }, { page: 1, limit: MAX_OPENINGS, sort: { _id: 1 } }),
      ]);
      const today = bureauDate(new Date());
      // No birth year (it sits inside the encrypted ID number; unknown never blocks) and no poverty
      // status (an allocation priority, not a gap): the analysis needs neither.
      const matchResidents = residents.items
        .map((doc) => toMatchResident(doc, { birthYear: undefined, priority: undefined }))
        .filter((resident): resident is MatchResident => resident !== null);
      const matchOpenings = openings.items
        .map(toMatchOpening)
        .filter((opening): opening is MatchOpening => opening !== null);
      const report = skillGaps(
        // A lapsed licence is a gap too: renewing it opens the openings that need it.
        prepareResidents(matchResidents, normalizer, { asOf: today }),
        prepareOpenings(matchOpenings, normalizer),
        { taxonomy, referenceYear: Number(today.slice(0, 4)) },
        { cutoff },
      );
      const limit = query.limit ?? DEFAULT_PROPOSALS;
      return {
        townships:
          query.townshipCode !== undefined
            ? [query.townshipCode]
            : principal.role === 'staff'
              ? [...principal.townships]
              : [],
        residents: residents.items.length,
        openings: openings.items.length,
        unmatched: report.unmatched,
        cutoff,
        proposals: report.training.slice(0, limit).map((demand) => ({
          trade: demand.occupation,
          tradeName: demand.name,
          nationalLevel: demand.nationalLevel,
          levelName: nationalLevelName(demand.nationalLevel),
          expectedSeats: Math.min(demand.residents, demand.headcount),
          residents: demand.residents,
          openingsUnlocked: demand.openingsUnlocked,
          headcount: demand.headcount,
          ...behind(
            report.residents,
            (item) =>
              item.kind === 'skill' &&
              item.id === demand.occupation &&
              item.nationalLevel === demand.nationalLevel,
          ),
        })),
        licences: report.licences.slice(0, limit).map((demand) => ({
          licence: demand.licence,
          name: demand.name,
          expectedSeats: Math.min(demand.residents, demand.headcount),
          residents: demand.residents,
          openingsUnlocked: demand.openingsUnlocked,
          headcount: demand.headcount,
          ...behind(report.residents, (item) => item.kind === 'licence' && item.id === demand.licence),
        })),
      };
    },
  }),
];
