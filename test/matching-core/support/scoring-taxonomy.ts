// The small taxonomy and map-based normaliser the scoring, ranking and gap tests run on. Kept in this one
// place so it can be swapped for the shipped taxonomy and the real normaliser later.
import {
  loadTaxonomy,
  type LicenceId,
  type Normalized,
  type Normalizer,
  type OccupationId,
  type Taxonomy,
} from '@anju/matching-core';
import type { TaxonomyDataInput } from '@anju/shared';

export const fixtureTaxonomyData: TaxonomyDataInput = {
  version: 'test-1',
  occupations: [
    {
      id: 'welder',
      name: '焊工',
      code: '6-18-02-04',
      family: 'manufacturing',
      aliases: ['电焊', '电焊工', '烧焊'],
      substitutes: [{ id: 'gas-cutter', similarity: 0.6 }],
      licences: ['welding'],
    },
    {
      id: 'arc-welder',
      name: '电弧焊工',
      family: 'manufacturing',
      aliases: ['手工电弧焊'],
      broader: 'welder',
      substitutes: [],
      licences: ['welding'],
    },
    {
      id: 'gas-cutter',
      name: '气割工',
      family: 'manufacturing',
      aliases: ['气割'],
      substitutes: [],
      licences: ['welding'],
    },
    {
      id: 'electrician',
      name: '电工',
      family: 'construction',
      aliases: ['水电工'],
      substitutes: [],
      licences: ['low-voltage'],
    },
    {
      id: 'forklift-driver',
      name: '叉车司机',
      family: 'logistics-driving',
      aliases: ['叉车', '铲车'],
      substitutes: [],
      licences: ['forklift'],
    },
    {
      id: 'warehouse-keeper',
      name: '仓库保管员',
      family: 'logistics-driving',
      aliases: ['仓管'],
      substitutes: [],
      licences: [],
    },
    {
      id: 'sewing-operator',
      name: '缝纫工',
      family: 'garments',
      aliases: ['车位', '平车工'],
      substitutes: [{ id: 'garment-presser', similarity: 0.5 }],
      licences: [],
    },
    {
      id: 'garment-presser',
      name: '整烫工',
      family: 'garments',
      aliases: ['烫工'],
      substitutes: [],
      licences: [],
    },
    {
      id: 'general-worker',
      name: '普工',
      family: 'services',
      noSkillNeeded: true,
      aliases: ['操作工', '杂工'],
      substitutes: [],
      licences: [],
    },
    {
      id: 'cleaner',
      name: '保洁员',
      family: 'security-cleaning',
      aliases: ['保洁'],
      substitutes: [],
      licences: [],
    },
    {
      id: 'security-guard',
      name: '保安员',
      family: 'security-cleaning',
      aliases: ['保安'],
      substitutes: [],
      licences: [],
    },
    {
      id: 'chinese-cook',
      name: '中式烹调师',
      family: 'catering',
      aliases: ['厨师'],
      substitutes: [{ id: 'kitchen-helper', similarity: 0.7 }],
      licences: [],
    },
    {
      id: 'kitchen-helper',
      name: '厨工',
      family: 'catering',
      aliases: ['帮厨'],
      substitutes: [],
      licences: [],
    },
    {
      id: 'tea-processor',
      name: '茶叶加工工',
      family: 'agriculture-tea',
      aliases: ['制茶'],
      substitutes: [],
      licences: [],
    },
  ],
  licences: [
    { id: 'welding', name: '焊接与热切割作业操作证', aliases: ['焊工证'] },
    { id: 'low-voltage', name: '低压电工作业操作证', aliases: ['电工证'] },
    { id: 'forklift', name: '叉车司机证', aliases: ['叉车证'] },
    { id: 'work-at-height', name: '高处作业操作证', aliases: ['登高证'] },
    { id: 'health-certificate', name: '健康证', aliases: [] },
  ],
};

export function fixtureTaxonomy(): Taxonomy {
  const loaded = loadTaxonomy(fixtureTaxonomyData);
  if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
  return loaded.value;
}

const LEVEL_PREFIXES: readonly (readonly [string, 1 | 2 | 3])[] = [
  ['初级', 1],
  ['中级', 2],
  ['高级', 3],
];

/**
 * A `Normalizer` by exact look-up of ids, names and aliases, with 初级/中级/高级 prefixes read as levels
 * 1–3. Anything else is unknown.
 */
export function createTestNormalizer(taxonomy: Taxonomy): Normalizer {
  // Ids straight from the taxonomy: the one place outside the normaliser that brands them.
  const occupations = new Map<string, { code: OccupationId; name: string }>();
  for (const occupation of taxonomy.occupations) {
    for (const text of [occupation.id, occupation.name, ...occupation.aliases]) {
      occupations.set(text, { code: occupation.id as OccupationId, name: occupation.name });
    }
  }
  const licences = new Map<string, { code: LicenceId; name: string }>();
  for (const licence of taxonomy.licences) {
    for (const text of [licence.id, licence.name, ...licence.aliases]) {
      licences.set(text, { code: licence.id as LicenceId, name: licence.name });
    }
  }
  const lookUp = <Id extends string>(
    map: ReadonlyMap<string, { code: Id; name: string }>,
    input: string,
  ): Normalized<Id> => {
    const text = input.trim();
    const exact = map.get(text);
    if (exact !== undefined) return { input, ...exact, rule: 'exact', confidence: 1, suggestions: [] };
    for (const [prefix, level] of LEVEL_PREFIXES) {
      const hit = text.startsWith(prefix) ? map.get(text.slice(prefix.length)) : undefined;
      if (hit !== undefined) return { input, ...hit, rule: 'alias', confidence: 1, level, suggestions: [] };
    }
    return { input, code: null, name: null, rule: 'unknown', confidence: 0, suggestions: [] };
  };
  return {
    taxonomy,
    normalize: (text) => lookUp(occupations, text),
    normalizeLicence: (text) => lookUp(licences, text),
  };
}
