// The training lifecycle as plain rules: which transitions are allowed, what completion requires, and
// what a completed cohort writes on a resident. No express, no mongoose: the routes and completion.ts
// apply these.
import {
  NationalLevel,
  nationalLevelName,
  nationalLevelOf,
  skillLevelOf,
  type CohortStatus,
} from '@anju/shared';
import type { CertificateRecord, SkillRecord } from '../residents/model.ts';

/** From each state, the states a staff or provider action may move a cohort to. */
export const TRANSITIONS: Readonly<Record<CohortStatus, readonly CohortStatus[]>> = Object.freeze({
  open: ['running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
});

/** The timestamp each target state records. */
export const STAMP_OF = Object.freeze({
  running: 'startedAt',
  completed: 'completedAt',
  cancelled: 'cancelledAt',
} as const);

/**
 * `move` when the transition is allowed; `already` when the cohort is in that state (a retried action,
 * answered as success: completing again re-runs the idempotent completion); `refused` otherwise (409).
 */
export function planTransition(from: CohortStatus, to: CohortStatus): 'move' | 'already' | 'refused' {
  if (from === to) return 'already';
  return TRANSITIONS[from].includes(to) ? 'move' : 'refused';
}

/** Attendance ends at completion; sessions and enrolment cancellations too. */
export function isFinished(status: CohortStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

export interface AttendanceShare {
  /** Attended hours ÷ the cohort's hours, at most 1, to 4 decimals. */
  readonly share: number;
  readonly meetsShare: boolean;
}

/** Does `attendedHours` of a `cohortHours` course reach `minShare`? Extra sessions never push the share past 1. */
export function attendanceShare(
  attendedHours: number,
  cohortHours: number,
  minShare: number,
): AttendanceShare {
  const share = cohortHours > 0 ? Math.min(1, attendedHours / cohortHours) : 0;
  // A tolerance so that 64 of 80 hours meets 0.8 despite binary floating point.
  return {
    share: Math.round(share * 10_000) / 10_000,
    meetsShare: attendedHours + 1e-9 >= minShare * cohortHours,
  };
}

/**
 * The certificate number of the `n`-th resident (1-based, in enrolment order) a cohort certifies:
 * deterministic, so completing again yields the same numbers.
 */
export function certificateNumber(cohortId: string, n: number): string {
  return `AJ-${cohortId.slice(-8).toUpperCase()}-${String(n).padStart(3, '0')}`;
}

/** What completing a cohort gives one resident. */
export interface TrainingAward {
  readonly skill: SkillRecord;
  readonly certificate: CertificateRecord;
}

/** A stored national level (1 = 一级 … 5 = 五级), or undefined when absent or out of range. */
function nationalLevelIn(value: number | undefined): NationalLevel | undefined {
  const level = NationalLevel.safeParse(value);
  return level.success ? level.data : undefined;
}

/**
 * The higher of two national levels, or undefined when neither is known. A smaller national number is
 * the higher level (一级 above 五级), so the comparison runs on the internal rank, never on the numbers.
 */
export function higherNationalLevel(a: number | undefined, b: number | undefined): NationalLevel | undefined {
  const [first, second] = [nationalLevelIn(a), nationalLevelIn(b)];
  if (first === undefined) return second;
  if (second === undefined) return first;
  return nationalLevelOf(Math.max(skillLevelOf(first), skillLevelOf(second)));
}

/** The award for a cohort: its trade (as a concept when known) at its level, and a certificate. */
export function trainingAward(
  cohort: {
    trade: string;
    tradeCode?: string;
    tradeName?: string;
    nationalLevel?: number;
    certificate?: string;
  },
  number: string,
  issuedOn: string,
): TrainingAward {
  const skillName = cohort.tradeName ?? cohort.trade;
  const nationalLevel = nationalLevelIn(cohort.nationalLevel);
  const levelName = nationalLevel === undefined ? undefined : nationalLevelName(nationalLevel);
  return {
    skill: {
      name: skillName,
      ...(cohort.tradeCode === undefined ? {} : { code: cohort.tradeCode }),
      ...(nationalLevel === undefined ? {} : { nationalLevel }),
    },
    certificate: {
      name: cohort.certificate ?? (levelName === undefined ? skillName : `${skillName}（${levelName}）`),
      ...(nationalLevel === undefined ? {} : { nationalLevel }),
      issuedOn,
      number,
    },
  };
}

/**
 * A resident's skills and certificates with an award added, or null when they already hold it (so a
 * second completion writes nothing). The skill joins an existing record of the same trade — same concept
 * id, or a free-text name `conceptOf` reads as that concept — raising its level, never lowering it.
 */
export function withAward(
  resident: { readonly skills: readonly SkillRecord[]; readonly certificates: readonly CertificateRecord[] },
  award: TrainingAward,
  conceptOf: (name: string) => string | undefined,
): { skills: SkillRecord[]; certificates: CertificateRecord[] } | null {
  const code = award.skill.code;
  const sameTrade = (skill: SkillRecord) =>
    code === undefined
      ? skill.code === undefined && skill.name === award.skill.name
      : skill.code === code || (skill.code === undefined && conceptOf(skill.name) === code);
  let changed = false;
  const index = resident.skills.findIndex(sameTrade);
  const skills = resident.skills.map((skill) => ({ ...skill }));
  if (index === -1) {
    skills.push({ ...award.skill });
    changed = true;
  } else {
    const current = skills[index] as SkillRecord;
    const nationalLevel = higherNationalLevel(current.nationalLevel, award.skill.nationalLevel);
    if (nationalLevel !== undefined && nationalLevel !== current.nationalLevel) {
      current.nationalLevel = nationalLevel;
      changed = true;
    }
    if (code !== undefined && current.code !== code) {
      current.code = code;
      changed = true;
    }
  }
  const certificates = resident.certificates.map((certificate) => ({ ...certificate }));
  if (!certificates.some((certificate) => certificate.number === award.certificate.number)) {
    certificates.push({ ...award.certificate });
    changed = true;
  }
  return changed ? { skills, certificates } : null;
}
