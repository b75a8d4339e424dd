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

/**
 * Occupation families: the trades this population works in, plus `other` for the rest of the 大典. A family
 * groups concepts for people and for synthetic data; it never changes how a concept is scored.
 */
export const OccupationFamily = z.enum([
  'construction',
  'manufacturing',
  'garments',
  'electronics',
  'electrical',
  'domestic-care',
  'catering',
  'logistics-driving',
  'security-cleaning',
  'agriculture-tea',
  'ecommerce',
  'beauty-hair',
  'vehicle-repair',
  'services',
  'other',
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

/** An occupation a worker can switch to, and the share of the credit a match earns. */
export const TaxonomySubstitute = z
  .strictObject({
    id: ConceptId,
    /** Share of the credit a worker of one occupation earns for the other, in (0, 1]. */
    similarity: z.number().gt(0).max(1),
  })
  .readonly();
export type TaxonomySubstitute = z.infer<typeof TaxonomySubstitute>;

/**
 * An occupation of the taxonomy: id, 大典 code, name, aliases, broader concept, substitutes and the licences
 * it legally needs.
 */
export const TaxonomyOccupation = z
  .strictObject({
    id: ConceptId,
    /** Preferred Chinese name: the 大典's official name for an occupation (焊工), the standard's for a 工种. */
    name: Label,
    /** 职业分类大典 (2022) code, only on concepts that are an occupation of the 大典. */
    code: OccupationCode.exactOptional(),
    family: OccupationFamily,
    /**
     * Colloquial and alternative names (电焊, 烧焊 …), most common first: the first three also answer to
     * pinyin initials. Pinyin is derived at load, not listed. Never the official name of another concept.
     */
    aliases: z.array(Label).max(60).readonly().default([]),
    /** The broader concept: a 工种 names its occupation (`argon-arc-welder` → `welder`). */
    broader: ConceptId.exactOptional(),
    substitutes: z.array(TaxonomySubstitute).max(30).readonly().default([]),
    /** Licence ids that are a legal precondition for the work: a gate, not a score. */
    licences: z.array(ConceptId).max(10).readonly().default([]),
    /**
     * Work anyone can be taken on for (普工, 杂工, 零工, 搬运): an opening for it is open to residents with or
     * without listed skills, and experience in it only adds points. Licences the work needs still gate it.
     */
    noSkillNeeded: z.boolean().exactOptional(),
    /**
     * 初级/中级/高级 before this trade's name is a shop's own grade (高级月嫂, 高级发型师), not a 职业技能等级:
     * the normaliser reads no level from those words.
     */
    commercialGrades: z.boolean().exactOptional(),
  })
  .readonly();
export type TaxonomyOccupation = z.infer<typeof TaxonomyOccupation>;

/** A licence's item code as the regulation prints it: 准驾车型 (C1, A2), 特种设备作业项目 (N1, Q2, T). */
export const LicenceCode = z.string().regex(/^[A-Z][0-9]?$/, 'a code such as C1, N1 or T');

/**
 * A licence of the taxonomy: the item, its code and kind, the category it belongs to, the licences it
 * includes, and the trades it shows its holder can do.
 */
export const TaxonomyLicence = z
  .strictObject({
    id: ConceptId,
    /** The item as the regulation names it: 低压电工作业, 叉车司机, 小型汽车. */
    name: Label,
    /** The item's code, where the regulation gives one (C1, N1). */
    code: LicenceCode.exactOptional(),
    /** What kind of document it is; optional so hand-written licences stay short. */
    kind: LicenceKind.exactOptional(),
    aliases: z.array(Label).max(60).readonly().default([]),
    /**
     * The category an operation item belongs to (低压电工作业 → 电工作业): holding an item counts as holding
     * its category, so an opening that names only the category admits any of its items.
     */
    broader: ConceptId.exactOptional(),
    /** Licences this one includes, listed in full (准驾车型: B2 → C1, C2, C3, C4); not chained. */
    covers: z.array(ConceptId).max(20).readonly().default([]),
    /**
     * Texts that name this licence only by the usual assumption (驾照 → C1, 电工证 → 低压电工作业): they
     * resolve to it, and staff are shown that it was assumed.
     */
    assumedFor: z.array(Label).max(20).readonly().default([]),
    /**
     * Trades the licence shows its holder can do (低压电工作业 → 电工, N1 → 叉车司机): a holder who lists no
     * such skill is credited with it, once they hold every licence the trade needs.
     */
    qualifies: z.array(ConceptId).max(20).readonly().default([]),
  })
  .readonly();
export type TaxonomyLicence = z.infer<typeof TaxonomyLicence>;

/** A concept id no longer in use: data stored under it loads as its replacement. */
export const RetiredConcept = z.strictObject({ id: ConceptId, replacedBy: ConceptId }).readonly();
export type RetiredConcept = z.infer<typeof RetiredConcept>;

export const TaxonomyData = z
  .strictObject({
    /** Data version such as `2026.1`; bump it whenever the data changes. */
    version: z.string().trim().min(1).max(32),
    occupations: z.array(TaxonomyOccupation).min(1).max(20_000).readonly(),
    licences: z.array(TaxonomyLicence).max(2_000).readonly().default([]),
    /** Renamed or merged concepts: their old ids keep loading (as occupations or licences). */
    retired: z.array(RetiredConcept).max(2_000).readonly().default([]),
  })
  .readonly();
/** The taxonomy as written (optional lists may be left out). */
export type TaxonomyDataInput = z.input<typeof TaxonomyData>;
/** The taxonomy after parsing: every list present, everything frozen. */
export type TaxonomyData = z.output<typeof TaxonomyData>;
