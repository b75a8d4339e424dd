import { z } from 'zod';

/**
 * The trade-skill taxonomy as data: what `@anju/matching-core` ships and what a user may load instead.
 * These schemas check the shape only; `loadTaxonomy` in matching-core checks the references between entries.
 * Every level is `.readonly()`, so a parsed taxonomy is frozen.
 */

/** Stable concept id, ASCII kebab-case (`welder`, `forklift-n1`). */
export const ConceptId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an ASCII kebab-case id such as `arc-welder`');
export type ConceptId = z.infer<typeof ConceptId>;

/** 职业分类大典 (2022) occupation code such as `6-29-01-04`. */
export const OccupationCode = z
  .string()
  .regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'a 职业分类大典 code such as 6-29-01-04');
export type OccupationCode = z.infer<typeof OccupationCode>;

/** Occupation families: the trades this population works in. */
export const OccupationFamily = z.enum([
  'construction',
  'manufacturing',
  'garments',
  'electronics',
  'domestic-care',
  'catering',
  'logistics-driving',
  'security-cleaning',
  'agriculture-tea',
  'ecommerce',
  'beauty-hair',
  'vehicle-repair',
  'general',
]);
export type OccupationFamily = z.infer<typeof OccupationFamily>;

/** What kind of document a licence is; all of them are legal preconditions for some work. */
export const LicenceKind = z.enum([
  'special-operation', // 特种作业操作证 (应急管理部门)
  'special-equipment', // 特种设备作业人员证 (市场监管部门)
  'construction-special', // 建筑施工特种作业操作资格证 (住建部门)
  'driving', // 机动车驾驶证 and transport qualifications
  'health', // 健康证明
  'security', // 保安员证
  'other',
]);
export type LicenceKind = z.infer<typeof LicenceKind>;

/** A name as people write it: one line, short. */
const Label = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\n\r\t]+$/, 'a single line');

export const TaxonomySubstitute = z
  .strictObject({
    id: ConceptId,
    /** Share of the credit a worker of one occupation earns for the other, in (0, 1]. */
    similarity: z.number().gt(0).max(1),
  })
  .readonly();
export type TaxonomySubstitute = z.infer<typeof TaxonomySubstitute>;

export const TaxonomyOccupation = z
  .strictObject({
    id: ConceptId,
    /** Preferred Chinese name, e.g. 焊工. */
    name: Label,
    /** 职业分类大典 (2022) code, only where the occupation has one. */
    code: OccupationCode.exactOptional(),
    family: OccupationFamily,
    /**
     * Colloquial and alternative names (电焊, 烧焊 …), most common first: the first three also answer to
     * pinyin initials. Pinyin is derived at load, not listed.
     */
    aliases: z.array(Label).max(60).readonly().default([]),
    /** The broader concept, e.g. `argon-arc-welder` → `welder`. */
    broader: ConceptId.exactOptional(),
    substitutes: z.array(TaxonomySubstitute).max(30).readonly().default([]),
    /** Licence ids that are a legal precondition for the work: a gate, not a score. */
    licences: z.array(ConceptId).max(10).readonly().default([]),
  })
  .readonly();
export type TaxonomyOccupation = z.infer<typeof TaxonomyOccupation>;

export const TaxonomyLicence = z
  .strictObject({
    id: ConceptId,
    name: Label,
    /** What kind of document it is; optional so hand-written licences stay short. */
    kind: LicenceKind.exactOptional(),
    aliases: z.array(Label).max(60).readonly().default([]),
  })
  .readonly();
export type TaxonomyLicence = z.infer<typeof TaxonomyLicence>;

export const TaxonomyData = z
  .strictObject({
    /** Data version such as `2026.1`; bump it whenever the data changes. */
    version: z.string().trim().min(1).max(32),
    occupations: z.array(TaxonomyOccupation).min(1).max(20_000).readonly(),
    licences: z.array(TaxonomyLicence).max(2_000).readonly().default([]),
  })
  .readonly();
/** The taxonomy as written (optional lists may be left out). */
export type TaxonomyDataInput = z.input<typeof TaxonomyData>;
/** The taxonomy after parsing: every list present, everything frozen. */
export type TaxonomyData = z.output<typeof TaxonomyData>;
