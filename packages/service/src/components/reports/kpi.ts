import type { Types } from 'mongoose';
import type { KpiReport } from '@anju/shared';
import { op } from '../../infra/db.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { revealPriority } from '../residents/protect.ts';

export type ReportServices = Pick<Services, 'config' | 'cipher' | 'blindIndex' | 'scoped'>;

export interface KpiPeriod {
  /** First day, YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  readonly to: string;
}

const DAY_MS = 86_400_000;

/** The bureau's days are Asia/Shanghai days (UTC+8 all year, no daylight saving). */
function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;
}

/**
 * Where each figure comes from, in one place (the workflows' records are written by their own components):
 *
 * - registers, as they stand when the report is made (they keep no history, and a county's ledger is often
 *   imported long after the move): communities (distinct township + 安置社区 of households), households,
 *   residents (split by the encrypted 建档立卡 status: a household is registered poor when any member is),
 *   employers, openings;
 * - activities within the period:
 *   fairs held (`fairs.heldOn`), intents and hires (registrations whose `intent.at` / `hire.at`, the staff
 *   steps at the fair, fall in the period), classes (cohorts not cancelled, by `startsOn`), trained and
 *   certified (enrolments with a `completion` — and of them `completion.certified` — in cohorts completed
 *   in the period), placements by `startedOn`: near home (the home county; of which 帮扶车间 / 公益性岗位 by
 *   the opening's kind), in the province, cross-province;
 * - income change: for residents placed in the period, the mean of their follow-ups' income up to the
 *   period's last month minus their recorded pre-placement income (`monthlyIncomeBefore`); residents
 *   lacking either are left out and not counted.
 *
 * Every query runs through the caller's scope: staff get their townships' residents, households,
 * registrations, enrolments, placements and follow-ups; fairs, cohorts, employers and openings are the
 * county's for everyone who may read them.
 */
export async function kpiReport(
  services: ReportServices,
  principal: Principal,
  period: KpiPeriod,
  now: Date = new Date(),
): Promise<KpiReport> {
  const start = startOfDay(period.from);
  const end = new Date(startOfDay(period.to).getTime() + DAY_MS);
  // A fresh filter object per query: mongoose casts filters in place.
  const days = () => op({ $gte: period.from, $lte: period.to });
  const instants = { $gte: start, $lt: end };
  const scoped = <R extends Parameters<ReportServices['scoped']>[0]>(resource: R) =>
    services.scoped(resource, principal);
  const countBy = async (resource: 'registrations', field: string): Promise<number> => {
    const [row] = await scoped(resource).aggregate<{ n: number }>({}, [
      { $match: { [field]: instants } },
      { $group: { _id: null, n: { $sum: 1 } } },
    ]);
    return row?.n ?? 0;
  };

  const [households, communities, residents, registers, activities, placements] = await Promise.all([
    scoped('households').count({}),
    scoped('households')
      .aggregate<{ n: number }>({}, [
        { $group: { _id: { township: '$townshipCode', community: '$community' } } },
        { $group: { _id: null, n: { $sum: 1 } } },
      ])
      .then(([row]) => row?.n ?? 0),
    residentFigures(services, principal),
    Promise.all([
      scoped('employers').count({}),
      scoped('openings').count({}),
      scoped('openings')
        .aggregate<{ n: number }>({}, [{ $group: { _id: null, n: { $sum: '$headcount' } } }])
        .then(([row]) => row?.n ?? 0),
    ]),
    Promise.all([
      scoped('fairs').count({ heldOn: days() }),
      countBy('registrations', 'intent.at'),
      countBy('registrations', 'hire.at'),
      scoped('cohorts').count({ startsOn: days(), status: op({ $ne: 'cancelled' }) }),
      training(services, principal, instants),
    ]),
    placementFigures(services, principal, period),
  ]);
  const [employers, openings, positions] = registers;
  const [fairsHeld, intents, hires, classes, { trained, certified }] = activities;
  return {
    period: { from: period.from, to: period.to },
    scope: {
      county: principal.role !== 'staff',
      townships: principal.role === 'staff' ? [...principal.townships] : [],
    },
    communities,
    households: {
      total: households,
      registeredPoor: residents.poorHouseholds,
      relocatedAlongside: households - residents.poorHouseholds,
    },
    residents: {
      total: residents.total,
      registeredPoor: residents.registeredPoor,
      relocatedAlongside: residents.total - residents.registeredPoor,
    },
    fairsHeld,
    employers,
    openings,
    positions,
    intents,
    hires,
    classes,
    trained,
    certified,
    placements: placements.placements,
    income: placements.income,
    generatedAt: now.toISOString(),
  };
}

/** Enrolments completed in the period's cohorts: everyone enrolled at completion, and who was certified. */
async function training(
  services: ReportServices,
  principal: Principal,
  instants: { $gte: Date; $lt: Date },
): Promise<{ trained: number; certified: number }> {
  const completed: Types.ObjectId[] = [];
  for await (const cohort of services
    .scoped('cohorts', principal)
    .each({ completedAt: op({ ...instants }) }, { _id: 1 }))
    completed.push(cohort._id);
  if (completed.length === 0) return { trained: 0, certified: 0 };
  const [row] = await services
    .scoped('enrollments', principal)
    .aggregate<{ trained: number; certified: number }>({}, [
      { $match: { cohortId: { $in: completed }, completion: { $exists: true } } },
      {
        $group: {
          _id: null,
          trained: { $sum: 1 },
          certified: { $sum: { $cond: [{ $eq: ['$completion.certified', true] }, 1, 0] } },
        },
      },
    ]);
  return { trained: row?.trained ?? 0, certified: row?.certified ?? 0 };
}

/** Residents, and who of them is registered poor: the status is encrypted, so it is read row by row. */
async function residentFigures(
  services: ReportServices,
  principal: Principal,
): Promise<{ total: number; registeredPoor: number; poorHouseholds: number }> {
  let total = 0;
  let registeredPoor = 0;
  const poorHouseholds = new Set<string>();
  const rows = services.scoped('residents', principal).each({}, { _id: 1, householdId: 1, priorityEnc: 1 });
  for await (const resident of rows) {
    total += 1;
    if (revealPriority(services, resident)?.registeredPoor === true) {
      registeredPoor += 1;
      poorHouseholds.add(resident.householdId.toString());
    }
  }
  return { total, registeredPoor, poorHouseholds: poorHouseholds.size };
}

async function placementFigures(
  services: ReportServices,
  principal: Principal,
  period: KpiPeriod,
): Promise<Pick<KpiReport, 'placements' | 'income'>> {
  const home = services.config.HOME_COUNTY_CODE;
  const counts = {
    total: 0,
    nearHome: 0,
    assistanceWorkshop: 0,
    publicWelfare: 0,
    inProvince: 0,
    crossProvince: 0,
  };
  const nearHomeOpenings: Types.ObjectId[] = [];
  const placed = new Map<string, Types.ObjectId>();
  const rows = services
    .scoped('placements', principal)
    .each(
      { startedOn: op({ $gte: period.from, $lte: period.to }) },
      { _id: 1, residentId: 1, countyCode: 1, crossProvince: 1, openingId: 1 },
    );
  for await (const placement of rows) {
    counts.total += 1;
    if (placement.countyCode === home) {
      counts.nearHome += 1;
      if (placement.openingId !== undefined) nearHomeOpenings.push(placement.openingId);
    } else if (placement.crossProvince) counts.crossProvince += 1;
    else counts.inProvince += 1;
    placed.set(placement._id.toString(), placement.residentId);
  }
  if (nearHomeOpenings.length > 0) {
    const kinds = new Map<string, string>();
    const openings = services
      .scoped('openings', principal)
      .each({ _id: op({ $in: [...new Set(nearHomeOpenings.map(String))] }) }, { _id: 1, kind: 1 });
    for await (const opening of openings) kinds.set(opening._id.toString(), opening.kind);
    for (const id of nearHomeOpenings) {
      const kind = kinds.get(id.toString());
      if (kind === 'assistance-workshop') counts.assistanceWorkshop += 1;
      else if (kind === 'public-welfare') counts.publicWelfare += 1;
    }
  }
  return { placements: counts, income: await incomeChange(services, principal, period, placed) };
}

/** Mean follow-up income after placement against the income recorded before it, per placed resident. */
async function incomeChange(
  services: ReportServices,
  principal: Principal,
  period: KpiPeriod,
  placed: ReadonlyMap<string, Types.ObjectId>,
): Promise<KpiReport['income']> {
  const none = { residents: 0, averageBefore: null, averageAfter: null, averageChange: null };
  if (placed.size === 0) return none;
  const incomes = new Map<string, number[]>();
  const followUps = services.scoped('followups', principal).each(
    {
      placementId: op({ $in: [...placed.keys()] }),
      month: op({ $lte: period.to.slice(0, 7) }),
    },
    { residentId: 1, monthlyIncome: 1 },
  );
  for await (const followUp of followUps) {
    // A follow-up not yet visited has no income.
    if (followUp.monthlyIncome === undefined) continue;
    const key = followUp.residentId.toString();
    const list = incomes.get(key) ?? [];
    list.push(followUp.monthlyIncome);
    incomes.set(key, list);
  }
  if (incomes.size === 0) return none;
  const before: number[] = [];
  const after: number[] = [];
  const residents = services
    .scoped('residents', principal)
    .each({ _id: op({ $in: [...incomes.keys()] }) }, { _id: 1, monthlyIncomeBefore: 1 });
  for await (const resident of residents) {
    const earned = incomes.get(resident._id.toString());
    if (resident.monthlyIncomeBefore === undefined || earned === undefined) continue;
    before.push(resident.monthlyIncomeBefore);
    after.push(earned.reduce((sum, value) => sum + value, 0) / earned.length);
  }
  const averageBefore = mean(before);
  const averageAfter = mean(after);
  return {
    residents: before.length,
    averageBefore,
    averageAfter,
    averageChange: mean(after.map((value, index) => value - (before[index] ?? 0))),
  };
}
