import type { Types } from 'mongoose';
import { op } from '../../infra/db.ts';
import { bureauDate } from '../../infra/time.ts';
import type { Services } from '../../services.ts';
import { requestRematch } from '../matching/rematch.ts';
import type { ResidentDoc } from '../residents/model.ts';
import {
  attendanceShare,
  certificateNumber,
  trainingAward,
  withAward,
  type TrainingAward,
} from './lifecycle.ts';
import type { CohortDoc, EnrollmentCompletion } from './model.ts';
import { tradeConcept } from './trade.ts';

/** A concurrent edit of the same resident makes a write retry; after this many, completion fails (retry it). */
const MAX_RESIDENT_ATTEMPTS = 5;

/**
 * Completes a cohort that is already marked `completed`: for each enrolled resident, their attended hours
 * against COMPLETION_MIN_ATTENDANCE_SHARE; those who meet it get the certificate and the trade at the
 * cohort's level on their record, and a pending re-match request. Every write is idempotent (the
 * enrolment's outcome is written once, the certificate number is deterministic and added once, the
 * re-match request is keyed), so running it again — a retry, or after a crash half-way — writes nothing
 * twice. Returns how many residents are certified.
 *
 * Completion is a cohort-level act: the cohort is in the caller's scope, and its enrolments, attendance
 * and the enrolled residents follow from it, across townships; hence the raw models below.
 */
export async function completeCohort(services: Services, cohort: CohortDoc): Promise<number> {
  const { enrollments, attendance, residents, cohorts } = services.models;
  const enrolled = await enrollments
    .find({ holderId: cohort._id, status: 'enrolled' }, { _id: 1, residentId: 1, townshipCode: 1 })
    .sort({ _id: 1 })
    .lean();
  const present = await attendance
    .find({ cohortId: cohort._id, present: true }, { residentId: 1, hours: 1 })
    .lean();
  const hoursOf = new Map<string, number>();
  for (const record of present)
    hoursOf.set(
      record.residentId.toString(),
      (hoursOf.get(record.residentId.toString()) ?? 0) + record.hours,
    );

  const issuedOn = bureauDate(cohort.completedAt ?? new Date());
  let certified = 0;
  for (const enrolment of enrolled) {
    const attendedHours = hoursOf.get(enrolment.residentId.toString()) ?? 0;
    const { share, meetsShare } = attendanceShare(
      attendedHours,
      cohort.hours,
      services.config.COMPLETION_MIN_ATTENDANCE_SHARE,
    );
    let outcome: EnrollmentCompletion = { attendedHours, share, certified: false };
    if (meetsShare) {
      certified += 1;
      const number = certificateNumber(cohort._id.toString(), certified);
      await awardResident(enrolment.residentId, trainingAward(cohort, number, issuedOn));
      await requestRematch(services, {
        residentId: enrolment.residentId,
        townshipCode: enrolment.townshipCode,
        reason: 'training-completed',
        source: `cohort:${cohort._id.toString()}`,
      });
      outcome = { ...outcome, certified: true, certificateNumber: number };
    }
    await enrollments.updateOne(
      { _id: enrolment._id, completion: op({ $exists: false }) },
      { $set: { completion: outcome } },
    );
  }
  await cohorts.updateOne({ _id: cohort._id, certified: op({ $exists: false }) }, { $set: { certified } });
  return certified;

  /** Adds the award to the resident's record unless it is there; compare-and-set on `updatedAt`. */
  async function awardResident(residentId: Types.ObjectId, award: TrainingAward): Promise<void> {
    for (let attempt = 0; attempt < MAX_RESIDENT_ATTEMPTS; attempt += 1) {
      const resident = await residents
        .findById(residentId, { skills: 1, certificates: 1, updatedAt: 1 })
        .lean<Pick<ResidentDoc, '_id' | 'skills' | 'certificates' | 'updatedAt'>>();
      if (resident === null) return;
      const next = withAward(resident, award, (name) => tradeConcept(name)?.code);
      if (next === null) return;
      const result = await residents.updateOne(
        { _id: residentId, updatedAt: resident.updatedAt },
        { $set: { skills: next.skills, certificates: next.certificates } },
      );
      if (result.matchedCount === 1) return;
    }
    throw new Error('resident record kept changing while completion wrote to it; retry the completion');
  }
}
