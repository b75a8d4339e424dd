// A year of the bureau's work in the loaded county (generateCountyYear: the county profile's activity,
// docs/domain.md's figures), stored as the service's own records so that the KPI report computes the figures
// from them.
//
// How each part is written, and why:
// - fairs, booths, registrations (check-in → interview → intent → hire) and the placements hires create:
//   through the same models the fair routes write, with the fair's day as the time of each staff step.
//   The HTTP actions stamp every step with the current time, so a past year cannot be replayed through
//   them (and ~5,000 registrations × 4 steps would be ~20,000 requests).
// - cohorts, sessions, enrolments and attendance: through the cohort models, the cohort stored as
//   completed on its last day; then completion with the service's own rules (`attendanceShare`,
//   `certificateNumber`, `trainingAward`, `withAward`: the functions `completeCohort` is made of), written
//   in bulk — `completeCohort` itself does four round trips per resident, 13 minutes for the county's
//   1,517 on the bundled server. No re-match is queued for last year's trainees (the README's cohort
//   walk-through shows completion queueing one live).
// - follow-ups: created by the service's monthly tick (`runMonthlyFollowUpTick`, once per month of the
//   year, exactly as the cron runs it), then recorded in bulk as the grid workers' visits found them. The
//   year's recorded incomes are not replayed through the alert assessment (20,000 visits × 5 queries); the
//   README's follow-up walk-through shows that path live.
// - each placed resident's income before the placement (`monthlyIncomeBefore`), as intake records it.
import { defaultTaxonomy } from '@anju/matching-core';
import { generateCountyYear, type CountyYear, type SyntheticFairStep } from '@anju/matching-core/synthetic';
import { nationalLevelOf, placementReach, provinceOf, type TokenClaims } from '@anju/shared';
import {
  attendanceShare,
  certificateNumber,
  runMonthlyFollowUpTick,
  trainingAward,
  tradeConcept,
  withAward,
  type Services,
} from '@anju/service';
import { Types } from 'mongoose';
import { gridWorkerOf, HOME_COUNTY, ms, type LoadedCounty, type LoadedResident } from './county.ts';

const ADMIN: TokenClaims = { sub: 'demo-loader', role: 'admin' };
/** The county's vocational school (a training provider's id, as in provider tokens). */
export const YEAR_PROVIDER = 'provider-county-vocational-school';
const STAFF = 'staff-county-bureau';
const BATCH = 2000;

/** A day of the bureau (Asia/Shanghai) at a given hour, as a timestamp. */
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export interface LoadedYear {
  readonly year: CountyYear;
  readonly fairs: number;
  readonly registrations: number;
  readonly placements: number;
  readonly cohorts: number;
  readonly certified: number;
  readonly followUps: number;
}

/** Generates the year (seed 42) for the loaded county and stores it; `log` hears about each step. */
export async function loadCountyYear(
  services: Services,
  loaded: LoadedCounty,
  log: (line: string) => void,
): Promise<LoadedYear> {
  let started = performance.now();
  const { county } = loaded;
  const year = generateCountyYear({ seed: 42, county, taxonomy: defaultTaxonomy() });
  const resident = (id: string): LoadedResident => must(loaded.residentRecords.get(id));
  const opening = (id: string) => must(loaded.openingRecords.get(id));
  log(
    `generated ${year.year}'s activity: ${year.fairs.length} fairs, ${year.cohorts.length} classes, ${year.placements.length.toLocaleString('en')} placements (${ms(started)})`,
  );

  // Placements, and the income each placed resident had before.
  started = performance.now();
  const placementIds = year.placements.map(() => new Types.ObjectId());
  const placementRows = year.placements.map((placement, i) => {
    const person = resident(placement.residentId);
    const where = opening(placement.openingId);
    return {
      _id: placementIds[i],
      residentId: person.id,
      townshipCode: person.townshipCode,
      employerId: where.employerId,
      openingId: where.id,
      countyCode: where.countyCode,
      crossProvince: provinceOf(where.countyCode) !== provinceOf(HOME_COUNTY),
      reach: placementReach(person.townshipCode.slice(0, 6), where.countyCode),
      startedOn: placement.startedOn,
      monthlyWage: placement.monthlyWage,
      source: placement.source,
    };
  });
  const placements = await services.scoped('placements', ADMIN).insertMany(placementRows);
  await services.models.residents.bulkWrite(
    year.placements.map((placement) => ({
      updateOne: {
        filter: { _id: resident(placement.residentId).id },
        update: { $set: { monthlyIncomeBefore: placement.incomeBefore } },
      },
    })),
    { ordered: false },
  );

  // The fairs: one booth per employer present, registrations as far as each got.
  let registrations = 0;
  for (const fair of year.fairs) {
    const fairId = new Types.ObjectId();
    await services.scoped('fairs', ADMIN).insertMany([
      {
        _id: fairId,
        title: fair.title,
        countyCode: HOME_COUNTY,
        venue: fair.venue,
        heldOn: fair.heldOn,
        status: 'closed',
      },
    ]);
    const booths = new Map<
      string,
      { _id: Types.ObjectId; employerId: Types.ObjectId; openingIds: Set<string>; taken: number }
    >();
    for (const registration of fair.registrations) {
      const where = opening(registration.openingId);
      const key = where.employerId.toString();
      const booth = booths.get(key) ?? {
        _id: new Types.ObjectId(),
        employerId: where.employerId,
        openingIds: new Set(),
        taken: 0,
      };
      booth.openingIds.add(where.id.toString());
      booth.taken += 1;
      booths.set(key, booth);
    }
    await services.scoped('booths', ADMIN).insertMany(
      [...booths.values()].map((booth, b) => ({
        _id: booth._id,
        fairId,
        employerId: booth.employerId,
        name: `${String(b + 1).padStart(2, '0')} 号展位`,
        seats: booth.taken,
        taken: booth.taken,
        openingIds: [...booth.openingIds].map((id) => new Types.ObjectId(id)),
      })),
    );
    const rows = fair.registrations.map((registration) => {
      const person = resident(registration.residentId);
      const where = opening(registration.openingId);
      const booth = must(booths.get(where.employerId.toString()));
      const reached = (step: SyntheticFairStep) => STEPS.indexOf(registration.step) >= STEPS.indexOf(step);
      const when = at(fair.heldOn, 10);
      const by = STAFF;
      return {
        holderId: booth._id,
        fairId,
        employerId: where.employerId,
        residentId: person.id,
        townshipCode: person.townshipCode,
        shareWithEmployers: person.shareWithEmployers,
        status: 'enrolled',
        activeKey: `${booth._id.toString()}:${person.id.toString()}`,
        createdBy: by,
        step: registration.step,
        checkedInAt: at(fair.heldOn, 9),
        ...(reached('interviewed')
          ? {
              interview: {
                // Who got no further than the interview did not pass it.
                outcome: registration.step === 'interviewed' ? 'failed' : 'passed',
                openingId: where.id,
                at: when,
                by,
              },
            }
          : {}),
        ...(reached('intent') ? { intent: { openingId: where.id, at: at(fair.heldOn, 11), by } } : {}),
        ...(registration.placement === undefined
          ? {}
          : {
              hire: {
                placementId: must(placementIds[registration.placement]),
                openingId: where.id,
                at: at(fair.heldOn, 15),
                by,
              },
            }),
      };
    });
    registrations += (await services.scoped('registrations', ADMIN).insertMany(rows)).inserted;
  }
  log(
    `  ${year.fairs.length} fairs with ${registrations.toLocaleString('en')} registrations; ${placements.inserted.toLocaleString('en')} placements (${ms(started)})`,
  );

  // The classes: sessions, enrolments and attendance, then the service's completion certifies.
  started = performance.now();
  let certified = 0;
  for (const cohort of year.cohorts) {
    const cohortId = new Types.ObjectId();
    const concept = tradeConcept(cohort.trade);
    const completedAt = at(cohort.endsOn, 18);
    await services.scoped('cohorts', ADMIN).insertMany([
      {
        _id: cohortId,
        providerId: YEAR_PROVIDER,
        title: cohort.title,
        trade: cohort.trade,
        ...(concept === undefined ? {} : { tradeCode: concept.code, tradeName: concept.name }),
        // The synthetic class gives Anju's rank (1 = 五级); the service keeps the national level.
        nationalLevel: nationalLevelOf(cohort.level),
        hours: cohort.hours,
        seats: cohort.seats,
        taken: cohort.enrolled.length,
        startsOn: cohort.startsOn,
        endsOn: cohort.endsOn,
        status: 'completed',
        startedAt: at(cohort.startsOn, 8),
        completedAt,
      },
    ]);
    const sessionIds = cohort.sessions.map(() => new Types.ObjectId());
    await services.scoped('sessions', ADMIN).insertMany(
      cohort.sessions.map((session, s) => ({
        _id: sessionIds[s],
        cohortId,
        providerId: YEAR_PROVIDER,
        heldOn: session.heldOn,
        hours: session.hours,
        topic: `第${s + 1}课`,
        createdBy: YEAR_PROVIDER,
      })),
    );
    await services.scoped('enrollments', ADMIN).insertMany(
      cohort.enrolled.map((enrolment) => {
        const person = resident(enrolment.residentId);
        return {
          holderId: cohortId,
          cohortId,
          providerId: YEAR_PROVIDER,
          residentId: person.id,
          townshipCode: person.townshipCode,
          status: 'enrolled',
          activeKey: `${cohortId.toString()}:${person.id.toString()}`,
          createdBy: YEAR_PROVIDER,
        };
      }),
    );
    const attendance = cohort.enrolled.flatMap((enrolment) => {
      const person = resident(enrolment.residentId);
      return cohort.sessions.map((session, s) => ({
        cohortId,
        sessionId: must(sessionIds[s]),
        residentId: person.id,
        providerId: YEAR_PROVIDER,
        townshipCode: person.townshipCode,
        attendanceKey: `${must(sessionIds[s]).toString()}:${person.id.toString()}`,
        present: enrolment.attended.includes(s),
        hours: session.hours,
        markedBy: YEAR_PROVIDER,
      }));
    });
    for (let start = 0; start < attendance.length; start += BATCH)
      await services.scoped('attendance', ADMIN).insertMany(attendance.slice(start, start + BATCH));
    certified += await completeInBulk(services, cohortId, cohort.hours, completedAt);
  }
  log(
    `  ${year.cohorts.length} classes completed (the service's completion rules): ${certified.toLocaleString('en')} residents certified (${ms(started)})`,
  );

  // Follow-ups: the monthly tick for each month of the year, then the grid workers' visits.
  started = performance.now();
  let followUps = 0;
  for (let month = 1; month <= 12; month += 1) {
    const period = `${year.year}-${String(month).padStart(2, '0')}`;
    const tick = await runMonthlyFollowUpTick(services, period, { now: at(`${period}-01`, 0) });
    followUps += tick.created ?? 0;
  }
  const visits = year.placements.flatMap((placement, i) => {
    const person = resident(placement.residentId);
    return placement.followUps.map((followUp) => ({
      updateOne: {
        filter: { monthKey: `${must(placementIds[i]).toString()}:${followUp.month}` },
        update: {
          $set: {
            status: 'recorded',
            jobStatus: 'employed',
            employed: true,
            monthlyIncome: followUp.monthlyIncome,
            recordedBy: gridWorkerOf(person.townshipCode, person.grid),
            recordedAt: at(`${followUp.month}-20`, 10),
          },
        },
      },
    }));
  });
  for (let start = 0; start < visits.length; start += BATCH)
    await services.models.followups.bulkWrite(visits.slice(start, start + BATCH), { ordered: false });
  log(
    `  12 monthly ticks: ${followUps.toLocaleString('en')} follow-ups, ${visits.length.toLocaleString('en')} visits recorded (${ms(started)})`,
  );
  return {
    year,
    fairs: year.fairs.length,
    registrations,
    placements: placements.inserted,
    cohorts: year.cohorts.length,
    certified,
    followUps,
  };
}

/**
 * A past cohort's completion, in bulk: the rules of the service's `completeCohort` (attended hours against
 * COMPLETION_MIN_ATTENDANCE_SHARE, the certificate number, the award joined to the resident's skills and
 * certificates by `withAward`), written in three bulk writes instead of four round trips per resident
 * (13 minutes for the county's 1,517 on the bundled server). The re-match completion queues is left out:
 * last year's re-matches are long done.
 */
async function completeInBulk(
  services: Services,
  cohortId: Types.ObjectId,
  hours: number,
  completedAt: Date,
): Promise<number> {
  const { enrollments, attendance, residents, cohorts } = services.models;
  const cohort = must((await cohorts.findById(cohortId).lean()) ?? undefined);
  const enrolled = await enrollments.find({ holderId: cohortId, status: 'enrolled' }).sort({ _id: 1 }).lean();
  const hoursOf = new Map<string, number>();
  for (const record of await attendance.find({ cohortId, present: true }, { residentId: 1, hours: 1 }).lean())
    hoursOf.set(
      record.residentId.toString(),
      (hoursOf.get(record.residentId.toString()) ?? 0) + record.hours,
    );
  type Held = Parameters<typeof withAward>[0];
  const people = new Map(
    (
      await residents.collection
        .find(
          { _id: { $in: enrolled.map((e) => e.residentId) } },
          { projection: { skills: 1, certificates: 1 } },
        )
        .toArray()
    ).map((person) => [person._id.toString(), person]),
  );
  const issuedOn = completedAt.toISOString().slice(0, 10);
  let certified = 0;
  const residentWrites = [];
  const enrolmentWrites = [];
  for (const enrolment of enrolled) {
    const attendedHours = hoursOf.get(enrolment.residentId.toString()) ?? 0;
    const { share, meetsShare } = attendanceShare(
      attendedHours,
      hours,
      services.config.COMPLETION_MIN_ATTENDANCE_SHARE,
    );
    let completion: Record<string, unknown> = { attendedHours, share, certified: false };
    if (meetsShare) {
      certified += 1;
      const number = certificateNumber(cohortId.toString(), certified);
      const person = people.get(enrolment.residentId.toString()) as Held | undefined;
      const next =
        person === undefined
          ? null
          : withAward(person, trainingAward(cohort, number, issuedOn), (name) => tradeConcept(name)?.code);
      if (next !== null)
        residentWrites.push({
          updateOne: {
            filter: { _id: enrolment.residentId },
            update: { $set: { skills: next.skills, certificates: next.certificates } },
          },
        });
      completion = { ...completion, certified: true, certificateNumber: number };
    }
    enrolmentWrites.push({ updateOne: { filter: { _id: enrolment._id }, update: { $set: { completion } } } });
  }
  if (residentWrites.length > 0) await residents.bulkWrite(residentWrites, { ordered: false });
  if (enrolmentWrites.length > 0) await enrollments.bulkWrite(enrolmentWrites, { ordered: false });
  await cohorts.updateOne({ _id: cohortId }, { $set: { certified } });
  return certified;
}

const STEPS: readonly SyntheticFairStep[] = ['checked-in', 'interviewed', 'intent', 'hired'];

/** The plan refers to the county's records by the generator's ids; a miss is a bug in this loader. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the county year refers to a record the county does not have');
  return value;
}
