import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { op } from '../../infra/db.ts';
import { isDuplicateKey } from '../../infra/errors.ts';
import { daysInMonth } from '../../infra/time.ts';
import type { Services } from '../../services.ts';
import { responsibleWorker, type GridDoc } from '../grids/model.ts';
import type { HouseholdDoc, ResidentDoc } from '../residents/model.ts';
import type { FollowUpDoc } from './model.ts';
import { dueOn } from './monitoring.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MONTHLY_FOLLOW_UPS = 'monthly-follow-ups';
/** How long a tick's owner has before another instance may take a crashed run over. */
export const TICK_LEASE_MS = 15 * 60_000;
const BATCH = 500;

export interface MonthlyFollowUps {
  /** Placements active on the 1st of the month. */
  readonly placements: number;
  /** Follow-ups created now; the others existed already. */
  readonly created: number;
}

export interface TickOutcome {
  /** The deterministic id every instance computes for this tick: `monthly-follow-ups:YYYY-MM`. */
  readonly tickId: string;
  readonly month: string;
  /** True for the one call that ran the tick; false for every other (and for a re-run). */
  readonly ran: boolean;
  readonly skipped?: 'done' | 'running-elsewhere';
  readonly placements?: number;
  readonly created?: number;
}

function checkMonth(month: string): void {
  if (!MONTH.test(month)) throw new TypeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`);
}

/**
 * Creates one pending follow-up for `month` per placement active on its 1st day, assigned to the
 * resident's grid worker (the household's grid, matched by township, community and name). Idempotent:
 * the unique `placementId:month` key means running it again creates nothing new.
 *
 * The tick runs as the system, for every township; hence the raw models.
 */
export async function createMonthlyFollowUps(services: Services, month: string): Promise<MonthlyFollowUps> {
  checkMonth(month);
  const { placements, residents, households, grids, followups } = services.models;
  const first = `${month}-01`;
  const due = dueOn(month, services.config.FOLLOWUP_DUE_DAY, daysInMonth(month));
  const tickId = `${MONTHLY_FOLLOW_UPS}:${month}`;
  const gridOf = new Map(
    (await grids.find({}, { townshipCode: 1, community: 1, name: 1, workers: 1 }).lean<GridDoc[]>()).map(
      (grid) => [`${grid.townshipCode}|${grid.community}|${grid.name}`, grid],
    ),
  );
  let total = 0;
  let created = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await placements
      .find(
        {
          ...(after === undefined ? {} : { _id: op({ $gt: after }) }),
          startedOn: op({ $lte: first }),
          $or: [{ endedOn: null }, { endedOn: op({ $gte: first }) }],
        },
        { _id: 1, residentId: 1, townshipCode: 1 },
      )
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean();
    if (batch.length === 0) break;
    after = batch.at(-1)?._id;
    total += batch.length;
    const people = await residents
      .find({ _id: op({ $in: batch.map((p) => p.residentId) }) }, { householdId: 1 })
      .lean<Pick<ResidentDoc, '_id' | 'householdId'>[]>();
    const householdOf = new Map(people.map((person) => [person._id.toString(), person.householdId]));
    const homes = await households
      .find(
        { _id: op({ $in: [...new Set(people.map((person) => person.householdId.toString()))] }) },
        { townshipCode: 1, community: 1, grid: 1 },
      )
      .lean<Pick<HouseholdDoc, '_id' | 'townshipCode' | 'community' | 'grid'>[]>();
    const homeOf = new Map(homes.map((home) => [home._id.toString(), home]));
    const operations = batch.map((placement) => {
      const householdId = householdOf.get(placement.residentId.toString());
      const home = householdId === undefined ? undefined : homeOf.get(householdId.toString());
      const grid =
        home?.grid === undefined
          ? undefined
          : gridOf.get(`${home.townshipCode}|${home.community}|${home.grid}`);
      const worker = grid === undefined ? undefined : responsibleWorker(grid);
      const followUp: Omit<FollowUpDoc, '_id' | 'createdAt' | 'updatedAt'> = {
        placementId: placement._id,
        residentId: placement.residentId,
        ...(householdId === undefined ? {} : { householdId }),
        townshipCode: placement.townshipCode,
        month,
        monthKey: `${placement._id.toString()}:${month}`,
        status: 'pending',
        ...(home?.grid === undefined ? {} : { grid: home.grid }),
        ...(grid === undefined ? {} : { gridId: grid._id }),
        ...(worker === undefined ? {} : { assignedTo: worker }),
        dueOn: due,
        tickId,
      };
      return {
        updateOne: {
          filter: { monthKey: followUp.monthKey },
          update: { $setOnInsert: followUp },
          upsert: true,
        },
      };
    });
    created += await upsertAll(followups, operations);
  }
  return { placements: total, created };
}

/** Runs upserts unordered; a key another writer inserted meanwhile is no error, it already exists. */
async function upsertAll(
  model: Services['models']['followups'],
  operations: Parameters<Services['models']['followups']['bulkWrite']>[0],
): Promise<number> {
  try {
    return (await model.bulkWrite(operations, { ordered: false })).upsertedCount;
  } catch (error) {
    const failure = error as { writeErrors?: { code?: number }[]; result?: { upsertedCount?: number } };
    const writeErrors = failure.writeErrors ?? [];
    if (writeErrors.length === 0 || !writeErrors.every((writeError) => writeError.code === 11000))
      throw error;
    return failure.result?.upsertedCount ?? 0;
  }
}

/**
 * The monthly tick, exactly once across any number of service instances: the tick has a
 * deterministic id, and the instance whose insert of that tick record succeeds runs it; the others find
 * the record and stand aside. A run that died leaves its lease to expire, after which the next call
 * takes it over (the creation it repeats is idempotent). Callable directly, so tests and operators need
 * no cron.
 */
export async function runMonthlyFollowUpTick(
  services: Services,
  month: string,
  options: { instanceId?: string; now?: Date } = {},
): Promise<TickOutcome> {
  checkMonth(month);
  const { ticks } = services.models;
  const tickId = `${MONTHLY_FOLLOW_UPS}:${month}`;
  const owner = options.instanceId ?? randomUUID();
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + TICK_LEASE_MS);
  let claimed = false;
  try {
    await ticks.create({
      _id: tickId,
      job: MONTHLY_FOLLOW_UPS,
      period: month,
      state: 'running',
      owner,
      leaseUntil,
      startedAt: now,
    });
    claimed = true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  if (!claimed) {
    const takenOver = await ticks.updateOne(
      { _id: tickId, state: 'running', leaseUntil: op({ $lt: now }) },
      { $set: { owner, leaseUntil, startedAt: now } },
    );
    if (takenOver.modifiedCount === 0) {
      const existing = await ticks.findById(tickId, { state: 1 }).lean();
      return {
        tickId,
        month,
        ran: false,
        skipped: existing?.state === 'done' ? 'done' : 'running-elsewhere',
      };
    }
  }
  const result = await createMonthlyFollowUps(services, month);
  await ticks.updateOne(
    { _id: tickId, owner },
    {
      $set: { state: 'done', finishedAt: new Date(), placements: result.placements, created: result.created },
    },
  );
  return { tickId, month, ran: true, ...result };
}
