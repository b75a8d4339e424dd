import { Schema, type Model, type Types } from 'mongoose';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import { op } from '../../infra/db.ts';

/** Something with a fixed number of seats: a cohort, a fair booth. */
export interface SeatHolderDoc {
  _id: Types.ObjectId;
  seats: number;
  taken: number;
  /** The entries whose own claim took a seat, newest last (bounded): how a cut-off claim is settled. */
  claimed?: Types.ObjectId[];
}

/** The schema path of `claimed`, for the holders' schemas; not read unless asked for. */
export const CLAIMED_PATH = { type: [Schema.Types.ObjectId], default: undefined, select: false } as const;

/** `claiming` lasts between the entry's insert and its seat claim; shown as waitlisted. */
export type SeatEntryStatus = 'claiming' | 'enrolled' | 'waitlisted' | 'cancelled';

/** One resident's claim on a holder's seat: an enrolment, a registration. */
export interface SeatEntryDoc {
  _id: Types.ObjectId;
  holderId: Types.ObjectId;
  residentId: Types.ObjectId;
  townshipCode: string;
  status: SeatEntryStatus;
  /** `holder:resident` while active, unique: one active claim per resident (cancelled ones get a suffix). */
  activeKey: string;
  promotedAt?: Date;
  cancelledAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** At most this many promote-after-release rounds per call; each round moves one seat. */
const MAX_FILL_ROUNDS = 1000;
/** How many seat-taking claims a holder remembers (far more than can be cut off within STALE_CLAIM_MS). */
const CLAIMED_LOG = 2000;
/** A claim still `claiming` after this long was cut off (its request lost the database mid-way). */
const STALE_CLAIM_MS = 60_000;
/** How often one process looks for cut-off claims of one holder. */
const REPAIR_EVERY_MS = 30_000;

/**
 * Seats without overbooking and without transactions: a seat is claimed by ONE conditional `$inc`
 * (`taken < seats`); who waits is kept in a FIFO order by entry id (arrival order); a freed seat is
 * handed straight to the oldest waiting entry with one conditional update, so concurrent cancellations
 * each promote a different person and a newcomer never jumps the queue.
 */
export class SeatLedger<H extends SeatHolderDoc, E extends SeatEntryDoc> {
  readonly #holders: Model<H>;
  readonly #entries: Model<E>;
  readonly #lastRepair = new Map<string, number>();

  constructor(holders: Model<H>, entries: Model<E>) {
    this.#holders = holders;
    this.#entries = entries;
  }

  /** The unique key of an active claim; scoped by `scopeKey` (a cohort, or a fair across its booths). */
  static activeKey(scopeKey: string, residentId: string): string {
    return `${scopeKey}:${residentId}`;
  }

  /**
   * Inserts the entry and claims a seat for it, or puts it on the waitlist. A second active claim of the
   * same resident (same `activeKey`) is ALREADY_ACTIVE (409).
   */
  async claim(entry: Omit<E, 'status' | 'createdAt' | 'updatedAt'>): Promise<SeatEntryStatus> {
    try {
      await this.#entries.insertMany([{ ...entry, status: 'claiming' } as unknown as E]);
    } catch (error) {
      if (isDuplicateKey(error)) throw new AppError('ALREADY_ACTIVE', { cause: error });
      throw error;
    }
    if (await this.#takeSeat(entry.holderId, entry._id)) {
      const seated = await this.#entries.updateOne(
        { _id: entry._id, status: 'claiming' },
        { $set: { status: 'enrolled' } },
      );
      if (seated.modifiedCount === 1) return 'enrolled';
      // Settled by `repair` meanwhile: the seat is this entry's.
      const now = await this.#entries.findById(entry._id, { status: 1 }).lean<Pick<SeatEntryDoc, 'status'>>();
      if (now?.status === 'enrolled') return 'enrolled';
      // Cancelled while claiming: the seat goes on to the next person.
      await this.#holders.updateOne({ _id: entry.holderId }, { $inc: { taken: -1 } });
      await this.fill(entry.holderId);
      return 'cancelled';
    }
    this.#repairNowAndThen(entry.holderId);
    await this.#entries.updateOne({ _id: entry._id, status: 'claiming' }, { $set: { status: 'waitlisted' } });
    // A seat may have been freed while this entry was not yet waiting: hand it to the oldest waiting entry.
    await this.fill(entry.holderId);
    const stored = await this.#entries
      .findById(entry._id, { status: 1 })
      .lean<Pick<SeatEntryDoc, 'status'>>();
    return stored?.status ?? 'waitlisted';
  }

  /**
   * Cancels an active entry. A cancelled seat goes to the oldest waiting entry (exactly one), else back
   * to the holder. Returns false when the entry was not active.
   */
  async cancel(entryId: Types.ObjectId): Promise<boolean> {
    const current = await this.#entries
      .findById(entryId, { activeKey: 1 })
      .lean<Pick<SeatEntryDoc, 'activeKey'>>();
    if (current === null) return false;
    // Only the update that flips an active entry wins; a retired key frees the unique index for a new claim.
    const before = await this.#entries
      .findOneAndUpdate(
        { _id: entryId, status: op({ $in: ['enrolled', 'waitlisted', 'claiming'] }) },
        {
          $set: {
            status: 'cancelled',
            cancelledAt: new Date(),
            activeKey: `${current.activeKey}:cancelled:${entryId.toString()}`,
          },
        },
        { projection: { status: 1, holderId: 1 }, returnDocument: 'before' },
      )
      .lean<Pick<SeatEntryDoc, 'status' | 'holderId'>>();
    if (before === null) return false;
    if (before.status !== 'enrolled') return true;
    if (await this.#promoteOldest(before.holderId)) return true;
    await this.#holders.updateOne({ _id: before.holderId }, { $inc: { taken: -1 } });
    await this.fill(before.holderId);
    return true;
  }

  /** While a seat is free and someone waits, move the oldest waiting entry onto a seat. */
  async fill(holderId: Types.ObjectId): Promise<void> {
    for (let round = 0; round < MAX_FILL_ROUNDS; round += 1) {
      if (!(await this.#takeSeat(holderId))) return;
      if (await this.#promoteOldest(holderId)) continue;
      await this.#holders.updateOne({ _id: holderId }, { $inc: { taken: -1 } });
      return;
    }
  }

  /**
   * Settles claims cut off mid-way (the database was lost between their steps) that are still `claiming`
   * `staleAfterMs` or more after they began (0: every claim so far, even one begun this millisecond): one
   * whose seat claim landed (it is in the holder's `claimed` log) is enrolled,
   * any other joins the waitlist, and free seats go to the waitlist. Without it such a claim would hold a
   * seat nobody uses and block its resident. Returns how many it settled.
   */
  async repair(holderId: Types.ObjectId, staleAfterMs = STALE_CLAIM_MS): Promise<number> {
    const stale = await this.#entries
      .find(
        { holderId, status: 'claiming', createdAt: op({ $lte: new Date(Date.now() - staleAfterMs) }) },
        { _id: 1 },
      )
      .lean<Pick<SeatEntryDoc, '_id'>[]>();
    if (stale.length === 0) return 0;
    const holder = await this.#holders
      .findById(holderId, { claimed: 1 })
      .lean<Pick<SeatHolderDoc, 'claimed'>>();
    const seated = new Set((holder?.claimed ?? []).map(String));
    for (const { _id } of stale) {
      await this.#entries.updateOne(
        { _id, status: 'claiming' },
        { $set: { status: seated.has(_id.toString()) ? 'enrolled' : 'waitlisted' } },
      );
    }
    await this.fill(holderId);
    return stale.length;
  }

  /** Looks for cut-off claims of a full holder, at most every REPAIR_EVERY_MS per process, in the background. */
  #repairNowAndThen(holderId: Types.ObjectId): void {
    const key = holderId.toString();
    const now = Date.now();
    if (now - (this.#lastRepair.get(key) ?? 0) < REPAIR_EVERY_MS) return;
    this.#lastRepair.set(key, now);
    this.repair(holderId).catch(() => undefined);
  }

  /** 1 = next in line; undefined when the entry is not waiting. */
  async waitlistPosition(
    entry: Pick<SeatEntryDoc, '_id' | 'holderId' | 'status'>,
  ): Promise<number | undefined> {
    if (entry.status !== 'waitlisted' && entry.status !== 'claiming') return undefined;
    const ahead = await this.#entries.countDocuments({
      holderId: entry.holderId,
      status: 'waitlisted',
      _id: op({ $lt: entry._id }),
    });
    return ahead + 1;
  }

  /** One conditional update: a seat if one is free, logged under the entry's id when a claim takes it. */
  async #takeSeat(holderId: Types.ObjectId, entryId?: Types.ObjectId): Promise<boolean> {
    const taken = await this.#holders
      .findOneAndUpdate(
        { _id: holderId, $expr: op({ $lt: ['$taken', '$seats'] }) },
        entryId === undefined
          ? { $inc: { taken: 1 } }
          : { $inc: { taken: 1 }, $push: { claimed: { $each: [entryId], $slice: -CLAIMED_LOG } } },
        { projection: { _id: 1 } },
      )
      .lean();
    return taken !== null;
  }

  async #promoteOldest(holderId: Types.ObjectId): Promise<boolean> {
    const promoted = await this.#entries
      .findOneAndUpdate(
        { holderId, status: 'waitlisted' },
        { $set: { status: 'enrolled', promotedAt: new Date() } },
        { sort: { _id: 1 }, projection: { _id: 1 } },
      )
      .lean();
    return promoted !== null;
  }
}
