import {
  SKILL_LEVEL_NAMES,
  defaultTaxonomy,
  prepareOpenings,
  prepareResidents,
  skillGaps,
  type ResidentGap,
  type Taxonomy,
} from '@anju/matching-core';
import type { CohortProposals, MatchOpening, MatchResident, Mobility, OpeningKind } from '@anju/shared';
import { CohortProposalQuery, CohortProposals as CohortProposalsSchema } from '@anju/shared';
import { bureauDate } from '../../infra/time.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import type { OpeningDoc } from '../employers/model.ts';
import type { ResidentDoc } from '../residents/model.ts';
import { tradeNormalizer } from './trade.ts';

/** A county's working-age residents and openings fit far inside these; a province is a batch job's work. */
const MAX_RESIDENTS = 50_000;
const MAX_OPENINGS = 10_000;
const DEFAULT_PROPOSALS = 10;

/**
 * A stored resident as the matching library sees them: pseudonymous, skills under their concept's name
 * when one is recorded. No birth year (it sits inside the encrypted ID number; the core treats it as
 * unknown, which never blocks), no poverty status (never a score input).
 */
export function matchResidentOf(doc: ResidentDoc, taxonomy: Taxonomy): MatchResident {
  return {
    id: doc._id.toString(),
    householdId: doc.householdId.toString(),
    home: { countyCode: doc.townshipCode.slice(0, 6) },
    skills: doc.skills.slice(0, 30).map((skill) => ({
      name: (skill.code === undefined ? undefined : taxonomy.occupation(skill.code)?.name) ?? skill.name,
      ...(skill.level === undefined ? {} : { level: skill.level }),
      ...(skill.years === undefined ? {} : { years: skill.years }),
    })),
    licences: doc.licences.slice(0, 20).map((licence) => licence.name),
    mobility: doc.mobility as Mobility,
    ...(doc.expectedMonthlyWage === undefined ? {} : { expectedMonthlyWage: doc.expectedMonthlyWage }),
    ...(doc.constraints === undefined ? {} : { constraints: doc.constraints }),
  };
}

/** A stored opening as the matching library sees it. */
export function matchOpeningOf(doc: OpeningDoc): MatchOpening {
  return {
    id: doc._id.toString(),
    employerId: doc.employerId.toString(),
    title: doc.title,
    occupation: doc.occupation,
    skills: doc.skills.map((skill) => ({
      name: skill.name,
      required: skill.required,
      ...(skill.minLevel === undefined ? {} : { minLevel: skill.minLevel as 1 | 2 | 3 | 4 | 5 }),
    })),
    licences: doc.licences,
    location: { countyCode: doc.countyCode },
    wage: { min: doc.wage.min, max: doc.wage.max },
    headcount: doc.headcount,
    ...(doc.hoursPerWeek === undefined ? {} : { hoursPerWeek: doc.hoursPerWeek }),
    ...(doc.nightShift === undefined ? {} : { nightShift: doc.nightShift }),
    ...(doc.accommodation === undefined ? {} : { accommodation: doc.accommodation }),
    kind: doc.kind as OpeningKind,
  };
}

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
      const report = skillGaps(
        prepareResidents(
          residents.items.map((doc) => matchResidentOf(doc, taxonomy)),
          normalizer,
        ),
        prepareOpenings(openings.items.map(matchOpeningOf), normalizer),
        { taxonomy, referenceYear: Number(bureauDate(new Date()).slice(0, 4)) },
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
          level: demand.level,
          levelName: SKILL_LEVEL_NAMES[demand.level] ?? String(demand.level),
          expectedSeats: Math.min(demand.residents, demand.headcount),
          residents: demand.residents,
          openingsUnlocked: demand.openingsUnlocked,
          headcount: demand.headcount,
          ...behind(
            report.residents,
            (item) => item.kind === 'skill' && item.id === demand.occupation && item.level === demand.level,
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
