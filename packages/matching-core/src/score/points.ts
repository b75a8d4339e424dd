// The numbers behind a score. Both the explaining scorer and the compiled ranker call these, so a score is
// the same whichever path computed it. Unknown numbers are passed as NaN.

/** Points per factor; they sum to 100. */
export const FACTOR_MAX = Object.freeze({ skills: 60, location: 15, wage: 15, hours: 10 });

/** Share of the skill points an opening that requires no skill gives everyone (普工-like work). */
export const NO_SKILL_BASE = 0.5;
/** Credit for a resident whose skill is broader than the one asked (焊工 for 电弧焊工): the kind is unknown. */
export const BROADER_CREDIT = 0.5;
export const REQUIRED_WEIGHT = 2;
export const PREFERRED_WEIGHT = 1;
/** Hours points lost per hour over the resident's weekly limit. */
const HOURS_POINTS_PER_HOUR_OVER = 1;

/** Where the workplace is, seen from home: 0 same county, 1 same province, 2 another province. */
export type Relation = 0 | 1 | 2;

/** Mobility as the widest relation a resident accepts. */
export const MOBILITY_REACH = Object.freeze({ local: 0, province: 1, national: 2 } as const);

/**
 * How much of a requirement a skill at `level` covers when the opening asks `minLevel` (0 = no minimum,
 * level 0 = unknown). An unknown level is treated as no level at all: never a match for a minimum.
 */
export function levelFactor(level: number, minLevel: number): number {
  if (minLevel === 0 || level >= minLevel) return 1;
  return 0.5 + (0.5 * level) / minLevel;
}

/**
 * Skill points from Σ weight × credit over the requirements. When nothing is required the opening is open
 * to anyone at `NO_SKILL_BASE`, and preferred skills add the rest.
 */
export function skillPoints(weightedCredit: number, totalWeight: number, anyRequired: boolean): number {
  let fit: number;
  if (totalWeight === 0) fit = NO_SKILL_BASE;
  else if (anyRequired) fit = weightedCredit / totalWeight;
  else fit = NO_SKILL_BASE + (1 - NO_SKILL_BASE) * (weightedCredit / totalWeight);
  return Math.round(FACTOR_MAX.skills * fit);
}

/** Location points for a workplace within the resident's range; accommodation eases work away from home. */
export function locationPoints(relation: Relation, accommodation: boolean): number {
  switch (relation) {
    case 0:
      return 15;
    case 1:
      return accommodation ? 12 : 10;
    case 2:
      return accommodation ? 9 : 6;
  }
}

/**
 * Wage fit of a monthly range to the expectation: the top of the range earns up to 10 points and the
 * bottom up to 5, each in full when it reaches the expectation and falling linearly to 0 at half of it.
 * Non-decreasing in `min` and `max`, non-increasing in `expected`, also in floating point (the ranker's
 * bounds rely on it). Unknown expectation → 0.
 */
export function wagePoints(expected: number, min: number, max: number): number {
  if (Number.isNaN(expected)) return 0;
  if (expected <= 0) return FACTOR_MAX.wage;
  const scale = 2 / expected;
  return Math.round(10 * wageReach(scale, max) + 5 * wageReach(scale, min));
}

/** 1 when `wage` meets the expectation (`scale` = 2 / expectation), 0 at half of it or below, linear between. */
function wageReach(scale: number, wage: number): number {
  return Math.min(1, Math.max(0, wage * scale - 1));
}

/**
 * Hours fit: all points without a stated weekly limit; with one, all points within it, one less per hour
 * over, and none when the opening's hours are unknown. Someone who refuses night shifts gets at most half
 * when the opening does not say (`nightShift` −1 unknown, 0 no, 1 yes). Non-increasing in `hours`.
 */
export function hoursPoints(
  maxHours: number,
  hours: number,
  noNightShift: boolean,
  nightShift: number,
): number {
  let points: number;
  if (Number.isNaN(maxHours)) points = FACTOR_MAX.hours;
  else if (Number.isNaN(hours)) points = 0;
  else if (hours <= maxHours) points = FACTOR_MAX.hours;
  else points = Math.round(Math.max(0, FACTOR_MAX.hours - HOURS_POINTS_PER_HOUR_OVER * (hours - maxHours)));
  if (noNightShift && nightShift === -1) points = Math.min(points, FACTOR_MAX.hours / 2);
  return points;
}
