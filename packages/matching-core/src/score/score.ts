import { nationalLevelOf, placeName, type SkillLevel } from '@anju/shared';
import { relationOf } from '../location.ts';
import { SKILL_LEVEL_NAMES } from '../taxonomy/types.ts';
import { conceptGraph, type ConceptGraph, type EffectiveRequirement } from './concepts.ts';
import {
  FACTOR_MAX,
  MOBILITY_REACH,
  NO_SKILL_BASE,
  hoursPoints,
  levelFactor,
  locationPoints,
  skillPoints,
  wagePoints,
  type Relation,
} from './points.ts';
import type {
  Blocking,
  Counterfactual,
  LicenceCheck,
  MatchScore,
  MissingItem,
  PreparedOpening,
  PreparedResident,
  ScoreContext,
  ScoreFactor,
  UnknownInput,
} from './types.ts';

/**
 * Scores a resident for an opening, 0–100, and explains it: the points of each factor, the gates that
 * block the pair, what is missing, what missing data was not counted, and what the score would become
 * with each missing skill or licence. Deterministic; gender, ethnicity, health, care duties and poverty
 * status are not inputs (a prepared resident does not even carry them).
 */
export function scoreMatch(
  resident: PreparedResident,
  opening: PreparedOpening,
  context: ScoreContext,
): MatchScore {
  const graph = conceptGraph(context.taxonomy);
  const evaluation = evaluate(resident, opening, context, graph);
  return { ...evaluation, counterfactuals: counterfactuals(resident, opening, context, graph, evaluation) };
}

type Evaluation = Omit<MatchScore, 'counterfactuals'>;

function evaluate(
  resident: PreparedResident,
  opening: PreparedOpening,
  context: ScoreContext,
  graph: ConceptGraph,
): Evaluation {
  const blocking: Blocking[] = [];
  const missing: MissingItem[] = [];
  const unknowns: UnknownInput[] = [];

  const licences = graph
    .requiredLicences(opening)
    .map((licence) => checkLicence(resident, licence, graph, blocking, missing, unknowns));

  const skills = skillFactor(resident, opening, graph, blocking, missing, unknowns);
  const relation = relationOf(resident.countyCode, opening.countyCode);
  const location = locationFactor(resident, opening, relation, blocking);
  gates(resident, opening, context, relation, blocking, unknowns);
  const wage = wageFactor(resident, opening, unknowns);
  const hours = hoursFactor(resident, opening, unknowns);

  const factors = [skills, location, wage, hours];
  return {
    residentId: resident.id,
    openingId: opening.id,
    score: factors.reduce((sum, factor) => sum + factor.points, 0),
    eligible: blocking.length === 0,
    factors,
    licences,
    blocking,
    missing,
    unknowns,
  };
}

/**
 * One licence the opening legally needs, checked: held (itself, or a licence that includes it, 准驾车型
 * B2 for C1), lapsed (past its dates), or missing. An assumed or undated holding opens the gate and tells
 * staff what to check.
 */
function checkLicence(
  resident: PreparedResident,
  licence: string,
  graph: ConceptGraph,
  blocking: Blocking[],
  missing: MissingItem[],
  unknowns: UnknownInput[],
): LicenceCheck {
  const title = graph.licenceTitle(licence);
  const source = resident.licenceSources.get(licence);
  if (resident.licences.has(licence)) {
    // A counterfactual adds the licence itself, with no text behind it.
    if (source === undefined) return { id: licence, title, held: true, detail: `持有${title}` };
    const via = source.id === licence ? '' : `，${graph.licenceTitle(source.id)}准许此项`;
    if (source.assumption !== undefined)
      unknowns.push({ code: 'LICENCE_ASSUMED', detail: `「${source.text}」${source.assumption}，请核实` });
    if (source.datesUnchecked === true)
      unknowns.push({
        code: 'LICENCE_DATES_UNCHECKED',
        detail: `${title}：未给出核对日期，未检查有效期和复审`,
      });
    return { id: licence, title, held: true, detail: `持有「${source.text}」${via}` };
  }
  missing.push({ kind: 'licence', id: licence, name: title, required: true });
  if (source?.lapsed !== undefined) {
    const detail =
      source.lapsed.reason === 'expired'
        ? `${title}已于 ${source.lapsed.on} 过期`
        : `${title}应于 ${source.lapsed.on} 前复审，已逾期`;
    blocking.push({ code: 'LICENCE_LAPSED', detail });
    return { id: licence, title, held: false, detail };
  }
  blocking.push({ code: 'LICENCE_REQUIRED', detail: `缺少${title}` });
  return { id: licence, title, held: false, detail: `缺少${title}` };
}

/** The best credit the resident's skills earn for one requirement, and which skill earns it. */
function bestCredit(
  resident: PreparedResident,
  requirement: EffectiveRequirement & { concept: string },
  graph: ConceptGraph,
): { credit: number; via: string | undefined; level: SkillLevel | undefined } {
  let best: { credit: number; via: string | undefined; level: SkillLevel | undefined } = {
    credit: 0,
    via: undefined,
    level: undefined,
  };
  for (const [concept, level] of resident.skills) {
    const credit = graph.credit(concept, requirement.concept) * levelFactor(level ?? 0, requirement.minLevel);
    if (credit > best.credit) best = { credit, via: concept, level };
  }
  return best;
}

function skillFactor(
  resident: PreparedResident,
  opening: PreparedOpening,
  graph: ConceptGraph,
  blocking: Blocking[],
  missing: MissingItem[],
  unknowns: UnknownInput[],
): ScoreFactor {
  const requirements = graph.requirements(opening);
  let weightedCredit = 0;
  let totalWeight = 0;
  let anyRequired = false;
  const parts: string[] = [];
  for (const requirement of requirements) {
    totalWeight += requirement.weight;
    anyRequired ||= requirement.required;
    const tag = requirement.required ? '（必需）' : '（加分）';
    if (requirement.concept === null) {
      parts.push(`「${requirement.text}」${tag}无法识别，不计分`);
      unknowns.push({
        code: 'REQUIREMENT_UNKNOWN',
        detail: `岗位要求「${requirement.text}」无法识别，无人得分`,
      });
      continue;
    }
    const concept = requirement.concept;
    const name = graph.name(concept);
    const best = bestCredit(resident, { ...requirement, concept }, graph);
    weightedCredit += requirement.weight * best.credit;
    parts.push(`${name}${tag}：${creditPhrase(requirement, best, graph, resident.attestedSkills)}`);
    if (best.credit < 1) {
      missing.push({
        kind: 'skill',
        id: concept,
        name,
        ...(requirement.minLevel > 0
          ? { minNationalLevel: nationalLevelOf(requirement.minLevel), minLevel: requirement.minLevel }
          : {}),
        required: requirement.required,
      });
    }
    if (requirement.required && best.credit === 0) {
      blocking.push({ code: 'REQUIRED_SKILL_MISSING', detail: `缺少必需技能：${name}` });
    }
    if (best.via !== undefined && best.level === undefined && requirement.minLevel > 0) {
      unknowns.push({
        code: 'SKILL_LEVEL_UNKNOWN',
        detail: `${graph.name(best.via)}等级未知，按未达到${levelName(requirement.minLevel)}计`,
      });
    }
  }
  const base = `${NO_SKILL_BASE * 100}%`;
  let detail: string;
  if (requirements.length === 0) detail = `岗位不要求技能，人人可报，按基础分 ${base} 计`;
  else if (!anyRequired) detail = `岗位不要求技能，人人可报，基础分 ${base}；${parts.join('；')}`;
  else detail = parts.join('；');
  return {
    factor: 'skills',
    points: skillPoints(weightedCredit, totalWeight, anyRequired),
    max: FACTOR_MAX.skills,
    detail,
  };
}

function creditPhrase(
  requirement: EffectiveRequirement,
  best: { credit: number; via: string | undefined; level: SkillLevel | undefined },
  graph: ConceptGraph,
  attested: ReadonlyMap<string, string>,
): string {
  if (best.via === undefined) {
    return requirement.minLevel > 0 ? `无（要求${levelName(requirement.minLevel)}）` : '无';
  }
  const phrases: string[] = [];
  // A licence held can be the evidence: 凭特种设备作业人员证（N1 叉车司机）.
  const shownBy = attested.get(best.via);
  const evidence = shownBy === undefined ? '' : `凭${graph.licenceTitle(shownBy)}`;
  if (best.via !== requirement.concept && requirement.concept !== null) {
    const relation = graph.ancestors(best.via).includes(requirement.concept)
      ? `是${graph.name(requirement.concept)}的一种`
      : graph.ancestors(requirement.concept).includes(best.via)
        ? '比岗位要求的宽泛'
        : '是相近职业';
    phrases.push(`有${graph.name(best.via)}（${relation}）${evidence}`);
  } else {
    phrases.push(evidence === '' ? '有' : evidence);
  }
  if (requirement.minLevel > 0 && (best.level ?? 0) < requirement.minLevel) {
    const held = best.level === undefined ? '等级未知' : `现为${levelName(best.level)}`;
    phrases.push(`等级不足（要求${levelName(requirement.minLevel)}，${held}）`);
  }
  if (best.credit < 1) phrases.push(`计 ${Math.round(best.credit * 100)}%`);
  return phrases.join('，');
}

function levelName(level: number): string {
  return SKILL_LEVEL_NAMES[level] ?? String(level);
}

const RELATION_NAMES: Readonly<Record<Relation, string>> = { 0: '本县', 1: '省内', 2: '省外' };
const REACH_NAMES = { local: '本县', province: '本省', national: '全国' } as const;

/** 广东省佛山市顺德区 for 440606; the code itself when the GB/T 2260 tables do not know it. */
function placeOf(code: string): string {
  return placeName(code)?.full ?? code;
}

function locationFactor(
  resident: PreparedResident,
  opening: PreparedOpening,
  relation: Relation,
  blocking: Blocking[],
): ScoreFactor {
  const where = `工作地在${RELATION_NAMES[relation]}（${placeOf(opening.countyCode)}）`;
  if (relation > MOBILITY_REACH[resident.mobility]) {
    blocking.push({
      code: 'OUT_OF_MOBILITY_RANGE',
      detail: `岗位在${RELATION_NAMES[relation]}，本人只接受${REACH_NAMES[resident.mobility]}的工作`,
    });
    return {
      factor: 'location',
      points: 0,
      max: FACTOR_MAX.location,
      detail: `${where}，超出本人愿去的范围`,
    };
  }
  const accommodation = opening.accommodation === true;
  return {
    factor: 'location',
    points: locationPoints(relation, accommodation),
    max: FACTOR_MAX.location,
    detail: relation > 0 && accommodation ? `${where}，包住` : where,
  };
}

/** 18–60 岁, 60 岁以下, 18 岁以上. */
function ageRangeText(range: { readonly min?: number; readonly max?: number }): string {
  if (range.min !== undefined && range.max !== undefined) return `${range.min}–${range.max} 岁`;
  if (range.max !== undefined) return `${range.max} 岁以下`;
  return `${range.min ?? 0} 岁以上`;
}

function gates(
  resident: PreparedResident,
  opening: PreparedOpening,
  context: ScoreContext,
  relation: Relation,
  blocking: Blocking[],
  unknowns: UnknownInput[],
): void {
  const range = opening.ageRange;
  if (range !== undefined && (range.min !== undefined || range.max !== undefined)) {
    const wanted = ageRangeText(range);
    if (resident.birthYear === undefined) {
      // Not a gate: missing data must not exclude anyone; staff see it and check by hand.
      unknowns.push({ code: 'BIRTH_YEAR_UNKNOWN', detail: `出生年份未知，未核对年龄要求（${wanted}）` });
    } else {
      const age = context.referenceYear - resident.birthYear;
      if ((range.min !== undefined && age < range.min) || (range.max !== undefined && age > range.max)) {
        blocking.push({ code: 'AGE_OUT_OF_RANGE', detail: `${age} 岁，岗位要求${wanted}` });
      }
    }
  }
  if (resident.noNightShift && opening.nightShift === true) {
    blocking.push({ code: 'NIGHT_SHIFT_REFUSED', detail: '岗位有夜班，本人不上夜班' });
  }
  if (resident.returnHomeDaily && (relation !== 0 || opening.kind === 'labour-cooperation')) {
    blocking.push({
      code: 'MUST_RETURN_HOME_DAILY',
      detail: relation !== 0 ? '本人需每天回家，岗位不在本县' : '本人需每天回家，劳务协作岗位需外出务工',
    });
  }
}

function wageFactor(
  resident: PreparedResident,
  opening: PreparedOpening,
  unknowns: UnknownInput[],
): ScoreFactor {
  const range = `岗位 ${opening.wage.min}–${opening.wage.max} 元/月`;
  const expected = resident.expectedMonthlyWage;
  if (expected === undefined) {
    unknowns.push({ code: 'WAGE_EXPECTATION_UNKNOWN', detail: '期望工资未知，工资项不计分' });
    return { factor: 'wage', points: 0, max: FACTOR_MAX.wage, detail: `期望工资未知，不计分（${range}）` };
  }
  // 最低工资 is the legal minimum wage: the range's ends are its 下限 and 上限.
  const verdict =
    opening.wage.min >= expected
      ? '工资下限已达到期望'
      : opening.wage.max >= expected
        ? '工资上限达到期望'
        : '工资低于期望';
  return {
    factor: 'wage',
    points: wagePoints(expected, opening.wage.min, opening.wage.max),
    max: FACTOR_MAX.wage,
    detail: `期望 ${expected} 元/月，${range}，${verdict}`,
  };
}

function hoursFactor(
  resident: PreparedResident,
  opening: PreparedOpening,
  unknowns: UnknownInput[],
): ScoreFactor {
  const limit = resident.maxHoursPerWeek;
  const hours = opening.hoursPerWeek;
  const parts: string[] = [];
  if (limit === undefined)
    parts.push(hours === undefined ? '本人未限定工时' : `每周 ${hours} 小时，本人未限定工时`);
  else if (hours === undefined) {
    parts.push(`岗位工时未知，不计分（本人每周最多 ${limit} 小时）`);
    unknowns.push({ code: 'HOURS_UNKNOWN', detail: '岗位每周工时未知，工时项不计分' });
  } else if (hours <= limit) parts.push(`每周 ${hours} 小时，在本人上限 ${limit} 小时以内`);
  else parts.push(`每周 ${hours} 小时，超出本人上限 ${limit} 小时`);
  const night = opening.nightShift === undefined ? -1 : opening.nightShift ? 1 : 0;
  if (resident.noNightShift && night === -1) {
    parts.push('是否夜班未知，最多计一半');
    unknowns.push({ code: 'NIGHT_SHIFT_UNKNOWN', detail: '岗位是否有夜班未知' });
  }
  return {
    factor: 'hours',
    points: hoursPoints(limit ?? Number.NaN, hours ?? Number.NaN, resident.noNightShift, night),
    max: FACTOR_MAX.hours,
    detail: parts.join('；'),
  };
}

/** Rescore with each missing item added on its own, then with all of them when there are several. */
function counterfactuals(
  resident: PreparedResident,
  opening: PreparedOpening,
  context: ScoreContext,
  graph: ConceptGraph,
  evaluation: Evaluation,
): Counterfactual[] {
  const changes = evaluation.missing.map((item) => [item]);
  if (evaluation.missing.length > 1) changes.push([...evaluation.missing]);
  return changes.map((add) => {
    const rescored = evaluate(withItems(resident, add), opening, context, graph);
    return {
      change: { add, detail: add.length === 1 ? changeDetail(add[0]) : '补齐以上全部' },
      score: rescored.score,
      eligible: rescored.eligible,
    };
  });
}

function changeDetail(item: MissingItem | undefined): string {
  if (item === undefined) return '';
  if (item.kind === 'licence') return `取得${item.name}后`;
  return item.minLevel === undefined
    ? `学会${item.name}后`
    : `学会${item.name}并达到${levelName(item.minLevel)}后`;
}

/** The resident with `items` added: licences held, skills at the level asked (at least 五级/初级工). */
export function withItems(resident: PreparedResident, items: readonly MissingItem[]): PreparedResident {
  const skills = new Map(resident.skills);
  const licences = new Set(resident.licences);
  for (const item of items) {
    if (item.kind === 'licence') {
      licences.add(item.id);
      continue;
    }
    const level: SkillLevel = item.minLevel ?? 1;
    const held = skills.get(item.id);
    skills.set(item.id, held !== undefined && held > level ? held : level);
  }
  return { ...resident, skills, licences };
}
