// Service records → the core's inputs. Pseudonymous ids only: the core never sees a name, an ID number
// or a phone; the birth year is read from the ID number here and only the year goes on.
import { MatchOpening, MatchResident, Mobility, OpeningKind, type PovertyStatus } from '@anju/shared';
import type { z } from 'zod';
import type { OpeningDoc } from '../employers/model.ts';
import type { ResidentDoc } from '../residents/model.ts';

/** The resident fields a matching job reads (ciphertexts are decrypted in memory, never stored). */
export const RESIDENT_MATCH_PROJECTION = {
  _id: 1,
  householdId: 1,
  townshipCode: 1,
  idNumberEnc: 1,
  priorityEnc: 1,
  skills: 1,
  certificates: 1,
  licences: 1,
  mobility: 1,
  expectedMonthlyWage: 1,
  constraints: 1,
  consent: 1,
} as const;

export type ResidentForMatching = Pick<
  ResidentDoc,
  | '_id'
  | 'householdId'
  | 'townshipCode'
  | 'idNumberEnc'
  | 'priorityEnc'
  | 'skills'
  | 'certificates'
  | 'licences'
  | 'mobility'
  | 'expectedMonthlyWage'
  | 'constraints'
  | 'consent'
>;

/** Working age for matching: 16 (the legal minimum) to 64, as the synthetic county counts it. */
export const WORKING_AGE = { min: 16, max: 64 } as const;

/** The birth year inside an 18-character 身份证号 (characters 7–10). */
export function birthYearOf(idNumber: string): number | undefined {
  const year = Number(idNumber.slice(6, 10));
  return Number.isInteger(year) && year > 1900 ? year : undefined;
}

const MAX_SKILLS = 30;
const MAX_LICENCES = 20;

/**
 * A resident as the core sees them: skills and certificates (a certificate is a skill at its level) with
 * their national levels, every licence with the dates on its card (the core checks them against the
 * job's day, and says so when one has lapsed), mobility, wage expectation, the resident's own
 * constraints, and the poverty status only as an allocation priority. Null when the record does not fit
 * the core's schema.
 */
export function toMatchResident(
  doc: ResidentForMatching,
  facts: {
    birthYear: number | undefined;
    priority: z.output<typeof PovertyStatus> | undefined;
  },
): MatchResident | null {
  const mobility = Mobility.safeParse(doc.mobility);
  if (!mobility.success) return null;
  const skills = [
    ...doc.skills.map((skill) => ({
      name: skill.name,
      ...(skill.nationalLevel === undefined ? {} : { nationalLevel: skill.nationalLevel }),
      ...(skill.years === undefined ? {} : { years: skill.years }),
    })),
    ...doc.certificates.map((certificate) => ({
      name: certificate.name,
      ...(certificate.nationalLevel === undefined ? {} : { nationalLevel: certificate.nationalLevel }),
    })),
  ].slice(0, MAX_SKILLS);
  // Lapsed licences go too: the core leaves them out of the gates and explains why.
  const licences = doc.licences
    .map((licence) => ({
      name: licence.name,
      ...(licence.validUntil === undefined ? {} : { validUntil: licence.validUntil }),
      ...(licence.reviewDueBy === undefined ? {} : { reviewDueBy: licence.reviewDueBy }),
    }))
    .slice(0, MAX_LICENCES);
  const constraints = doc.constraints;
  const candidate = {
    id: doc._id.toHexString(),
    householdId: doc.householdId.toHexString(),
    ...(facts.birthYear === undefined ? {} : { birthYear: facts.birthYear }),
    home: { countyCode: doc.townshipCode.slice(0, 6) },
    skills,
    licences,
    mobility: mobility.data,
    ...(doc.expectedMonthlyWage === undefined ? {} : { expectedMonthlyWage: doc.expectedMonthlyWage }),
    ...(constraints === undefined
      ? {}
      : {
          constraints: {
            ...(constraints.noNightShift === undefined ? {} : { noNightShift: constraints.noNightShift }),
            ...(constraints.returnHomeDaily === undefined
              ? {}
              : { returnHomeDaily: constraints.returnHomeDaily }),
            ...(constraints.maxHoursPerWeek === undefined
              ? {}
              : { maxHoursPerWeek: constraints.maxHoursPerWeek }),
          },
        }),
    ...(facts.priority === undefined ? {} : { priority: facts.priority }),
  };
  const parsed = MatchResident.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** An opening as the core sees it; null when the record does not fit the core's schema. */
export function toMatchOpening(doc: OpeningDoc): MatchOpening | null {
  const kind = OpeningKind.safeParse(doc.kind);
  const parsed = MatchOpening.safeParse({
    id: doc._id.toHexString(),
    employerId: doc.employerId.toHexString(),
    title: doc.title.slice(0, 80),
    occupation: doc.occupation,
    skills: doc.skills.map((skill) => ({
      name: skill.name,
      required: skill.required,
      ...(skill.minNationalLevel === undefined ? {} : { minNationalLevel: skill.minNationalLevel }),
    })),
    licences: doc.licences.slice(0, 10),
    location: { countyCode: doc.countyCode },
    wage: { min: doc.wage.min, max: doc.wage.max },
    headcount: doc.headcount,
    ...(doc.hoursPerWeek === undefined ? {} : { hoursPerWeek: doc.hoursPerWeek }),
    ...(doc.nightShift === undefined ? {} : { nightShift: doc.nightShift }),
    ...(doc.accommodation === undefined ? {} : { accommodation: doc.accommodation }),
    ...(kind.success ? { kind: kind.data } : {}),
  });
  return parsed.success ? parsed.data : null;
}
