// Builders with defaults plus overrides for the scoring, ranking and gap tests.
import type { MatchOpening, MatchResident } from '@anju/shared';
import {
  prepareOpenings,
  prepareResidents,
  type PreparedOpening,
  type PreparedResident,
  type ScoreContext,
} from '@anju/matching-core';
import { createTestNormalizer, fixtureTaxonomy } from './scoring-taxonomy.ts';

/** Home county of the test residents; another county of the same province; a county in Guangdong. */
export const HOME = '522301';
export const SAME_PROVINCE = '520102';
export const OTHER_PROVINCE = '440305';

const taxonomy = fixtureTaxonomy();
export const normalizer = createTestNormalizer(taxonomy);
export const context: ScoreContext = { taxonomy, referenceYear: 2025 };

export function aResident(overrides: Partial<MatchResident> = {}): MatchResident {
  return {
    id: 'r-001',
    householdId: 'h-001',
    birthYear: 1985,
    home: { countyCode: HOME, community: '安置社区一' },
    skills: [],
    mobility: 'local',
    ...overrides,
  };
}

export function anOpening(overrides: Partial<MatchOpening> = {}): MatchOpening {
  return {
    id: 'o-001',
    employerId: 'e-001',
    title: '普工',
    occupation: '普工',
    skills: [],
    location: { countyCode: HOME },
    wage: { min: 3000, max: 4000 },
    headcount: 2,
    ...overrides,
  };
}

export function prepareResident(resident: MatchResident): PreparedResident {
  const [prepared] = prepareResidents([resident], normalizer);
  if (prepared === undefined) throw new Error('prepareResidents returned nothing');
  return prepared;
}

export function prepareOpening(opening: MatchOpening): PreparedOpening {
  const [prepared] = prepareOpenings([opening], normalizer);
  if (prepared === undefined) throw new Error('prepareOpenings returned nothing');
  return prepared;
}
