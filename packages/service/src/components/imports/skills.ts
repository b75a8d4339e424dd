import { createNormalizer, defaultTaxonomy, type Normalizer } from '@anju/matching-core';
import type { ImportIssue, NationalLevel } from '@anju/shared';
import type { LevelNumbering } from './columns.ts';
import { issue, type ImportIssueCode } from './messages.ts';
import { readLevel, splitLevels, splitList } from './values.ts';

let shared: Normalizer | undefined;

/** The core's normaliser over the shipped taxonomy, built once on first use. */
export function skillNormalizer(): Normalizer {
  shared ??= createNormalizer(defaultTaxonomy());
  return shared;
}

function unknownSkill(text: string, column: string, suggestions: readonly { name: string }[]): ImportIssue {
  const near = suggestions.slice(0, 3).map((suggestion) => suggestion.name);
  return issue('UNKNOWN_SKILL', column, {
    zh: near.length > 0 ? `“${text}”（相近：${near.join('、')}）` : `“${text}”`,
    en: near.length > 0 ? `“${text}” (close: ${near.join(', ')})` : `“${text}”`,
  });
}

export interface NamedSkill {
  /** The taxonomy's name when the text is known (会电焊 → 焊工), else the text as written. */
  readonly name: string;
  /** A level the text itself states (高级电工), national numbering. */
  readonly nationalLevel?: NationalLevel;
}

function levelOf(nationalLevel: NationalLevel | undefined): { nationalLevel?: NationalLevel } {
  return nationalLevel === undefined ? {} : { nationalLevel };
}

/**
 * A trade text as stored: its concept's name when the normaliser knows it, else as written with an
 * UNKNOWN_SKILL warning (never an error: the county's words outrun any taxonomy).
 */
export function normalizeSkill(text: string, column: string, warnings: ImportIssue[]): NamedSkill {
  const found = skillNormalizer().normalize(text);
  if (found.code === null || found.name === null) {
    warnings.push(unknownSkill(text, column, found.suggestions));
    return { name: text, ...levelOf(found.nationalLevel) };
  }
  return { name: found.name, ...levelOf(found.nationalLevel) };
}

/**
 * A resident's skills and their levels from two cells. One level applies to the first skill; as many
 * levels as skills pair up in order; other counts are ignored with a warning. A level stated in the skill
 * text itself (高级电工) is used when the level cell says nothing. Bare numbers in the level cell are read
 * in the numbering the column's header declares, and are an error when it declares none.
 */
export function residentSkills(
  skillsText: string | undefined,
  levelText: string | undefined,
  columns: { skills: string; level: string; levelNumbering: LevelNumbering | undefined },
  warnings: ImportIssue[],
): { skills: NamedSkill[] | undefined; levelError: ImportIssueCode | undefined } {
  const texts = splitList(skillsText);
  const levels: NationalLevel[] = [];
  for (const text of splitLevels(levelText)) {
    const read = readLevel(text, columns.levelNumbering);
    if (!read.ok) return { skills: undefined, levelError: read.code };
    if (read.value !== undefined) levels.push(read.value);
  }
  if (texts.length === 0) return { skills: undefined, levelError: undefined };
  const paired =
    levels.length === texts.length
      ? levels
      : levels.length === 1
        ? [levels[0], ...texts.slice(1).map(() => undefined)]
        : [];
  if (levels.length > 1 && levels.length !== texts.length)
    warnings.push(issue('LEVELS_UNMATCHED', columns.level));
  const seen = new Set<string>();
  const skills: NamedSkill[] = [];
  texts.forEach((text, index) => {
    const skill = normalizeSkill(text, columns.skills, warnings);
    if (seen.has(skill.name)) return;
    seen.add(skill.name);
    skills.push({ name: skill.name, ...levelOf(paired[index] ?? skill.nationalLevel) });
  });
  return { skills, levelError: undefined };
}

/** A licence a text names: its title as printed on the card, and the assumption when the text is vague. */
export interface ReadLicence {
  /** 特种设备作业人员证（N1 叉车司机）, 机动车驾驶证（C1 小型汽车）. */
  readonly title: string;
  /** 未注明作业项目，按特种作业操作证（熔化焊接与热切割作业）计 — for staff to check. */
  readonly assumption?: string;
}

/** The licence `text` names (叉车证, 低压电工证, 驾照), or undefined when it names none. */
export function readLicence(text: string): ReadLicence | undefined {
  const found = skillNormalizer().normalizeLicence(text);
  if (found.code === null) return undefined;
  return {
    title: skillNormalizer().taxonomy.licenceTitle(found.code),
    ...(found.assumption === undefined ? {} : { assumption: found.assumption }),
  };
}

/** The LICENCE_ASSUMED warning for a licence text read by assumption. */
export function assumedLicence(text: string, assumption: string, column: string): ImportIssue {
  return issue('LICENCE_ASSUMED', column, { zh: `「${text}」${assumption}`, en: `“${text}”: ${assumption}` });
}

/**
 * A certificate cell split into legal licences (特种作业操作证, 健康证 … by their titles) and other
 * certificates (kept as written, with a level when the text states one). A licence named only by the
 * usual assumption (焊工证, 驾照) is kept as written, with a warning, so that matching asks staff to check it.
 */
export function certificatesAndLicences(
  text: string | undefined,
  column: string,
  warnings: ImportIssue[],
): {
  certificates: { name: string; nationalLevel?: NationalLevel }[];
  licences: { name: string }[];
} {
  const certificates: { name: string; nationalLevel?: NationalLevel }[] = [];
  const licences: { name: string }[] = [];
  for (const part of splitList(text)) {
    const licence = readLicence(part);
    if (licence !== undefined) {
      if (licence.assumption !== undefined) warnings.push(assumedLicence(part, licence.assumption, column));
      const name = licence.assumption === undefined ? licence.title : part;
      if (!licences.some((known) => known.name === name)) licences.push({ name });
      continue;
    }
    const { nationalLevel } = skillNormalizer().normalize(part);
    if (!certificates.some((known) => known.name === part))
      certificates.push({ name: part, ...levelOf(nationalLevel) });
  }
  return { certificates, licences };
}
