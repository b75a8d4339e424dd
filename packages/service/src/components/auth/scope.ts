import type { Model, QueryFilter, UpdateQuery } from 'mongoose';
import type { Role } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import type { Principal } from './tokens.ts';

/** Every collection whose reads and writes go through a scope. */
export type Resource =
  | 'households'
  | 'residents'
  | 'employers'
  | 'openings'
  | 'cohorts'
  | 'enrollments'
  | 'sessions'
  | 'attendance'
  | 'fairs'
  | 'booths'
  | 'registrations'
  | 'placements'
  | 'followups'
  | 'alerts'
  | 'grids'
  | 'recommendations'
  | 'audit';

type Filter = Record<string, unknown>;
type ScopeRule = (principal: Principal) => Filter;

const everything: ScopeRule = () => ({});
const ownTownships: ScopeRule = (principal) =>
  principal.role === 'staff' ? { townshipCode: op({ $in: [...principal.townships] }) } : { _id: null };
const ownProvider =
  (field: string): ScopeRule =>
  (principal) =>
    principal.role === 'provider' ? { [field]: principal.providerId } : { _id: null };
/** A grid worker: rows in their townships whose `field` names them. */
const ownAssignments =
  (field: string): ScopeRule =>
  (principal) =>
    principal.role === 'grid-worker'
      ? { townshipCode: op({ $in: [...principal.townships] }), [field]: principal.sub }
      : { _id: null };
const ownEmployer =
  (field: string, extra: Filter = {}): ScopeRule =>
  (principal) =>
    principal.role === 'employer' ? { [field]: principal.employerId, ...extra } : { _id: null };

/**
 * THE scope table: which rows of each collection a role may see or change. A role missing from a row
 * sees nothing. Every query on these collections is built by `Scoped` below, which ANDs this filter in.
 */
const SCOPE: Readonly<Record<Resource, Partial<Record<Role, ScopeRule>>>> = {
  households: { admin: everything, auditor: everything, staff: ownTownships },
  residents: { admin: everything, auditor: everything, staff: ownTownships },
  employers: { admin: everything, auditor: everything, staff: everything, employer: ownEmployer('_id') },
  openings: {
    admin: everything,
    auditor: everything,
    staff: everything,
    employer: ownEmployer('employerId'),
  },
  cohorts: { admin: everything, auditor: everything, staff: everything, provider: ownProvider('providerId') },
  enrollments: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    provider: ownProvider('providerId'),
  },
  sessions: {
    admin: everything,
    auditor: everything,
    staff: everything,
    provider: ownProvider('providerId'),
  },
  attendance: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    provider: ownProvider('providerId'),
  },
  fairs: { admin: everything, auditor: everything, staff: everything, employer: everything },
  booths: { admin: everything, auditor: everything, staff: everything, employer: ownEmployer('employerId') },
  registrations: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    // Employers see their own booth's registrations, and only of residents who agreed to share.
    employer: ownEmployer('employerId', { shareWithEmployers: true }),
  },
  placements: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    employer: ownEmployer('employerId'),
  },
  followups: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    'grid-worker': ownAssignments('assignedTo'),
  },
  alerts: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    'grid-worker': ownAssignments('assignedTo'),
  },
  grids: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    'grid-worker': ownAssignments('workers.workerId'),
  },
  recommendations: {
    admin: everything,
    auditor: everything,
    staff: ownTownships,
    // An employer sees recommendations for its own openings, of residents who agreed to share.
    employer: ownEmployer('employerId', { shareWithEmployers: true }),
  },
  audit: { admin: everything, auditor: everything },
};

/** The filter a principal's queries on `resource` are confined to; null when they see nothing. */
export function scopeFilter(resource: Resource, principal: Principal): Filter | null {
  const rule = SCOPE[resource][principal.role];
  return rule === undefined ? null : rule(principal);
}

function isOperator(value: unknown): value is { $in: unknown[] } {
  return typeof value === 'object' && value !== null && '$in' in value;
}

/** Does a document about to be written fall inside a scope filter (equality and `$in` only)? */
export function withinScope(scope: Filter, doc: Record<string, unknown>): boolean {
  return Object.entries(scope).every(([key, expected]) => {
    const actual = doc[key];
    if (isOperator(expected)) return expected.$in.some((value) => String(value) === String(actual));
    return String(expected) === String(actual);
  });
}

export interface PageRequest {
  readonly page: number;
  readonly limit: number;
  readonly sort?: Record<string, 1 | -1>;
}

/**
 * A collection seen through one principal's scope: the only way route code reads or writes scoped
 * collections. Out-of-scope rows are simply not found (404 at the edge), never "forbidden".
 */
export class Scoped<T> {
  readonly #model: Model<T>;
  readonly #scope: Filter | null;
  readonly resource: Resource;

  constructor(model: Model<T>, resource: Resource, principal: Principal) {
    this.#model = model;
    this.resource = resource;
    this.#scope = scopeFilter(resource, principal);
  }

  #where(filter: Filter): QueryFilter<T> | null {
    if (this.#scope === null) return null;
    const scopeKeys = Object.keys(this.#scope);
    if (scopeKeys.length === 0) return filter;
    // Side by side when no key collides (keeps `_id` lookups on the index); otherwise both must hold.
    if (scopeKeys.every((key) => !(key in filter))) return { ...filter, ...this.#scope };
    return { $and: [this.#scope, filter] };
  }

  async findOne(filter: Filter, projection?: Record<string, 0 | 1>): Promise<T | null> {
    const where = this.#where(filter);
    if (where === null) return null;
    return this.#model.findOne(where, projection).lean<T>();
  }

  async findById(id: string, projection?: Record<string, 0 | 1>): Promise<T | null> {
    return this.findOne({ _id: id }, projection);
  }

  /** Like findById, but a miss is NOT_FOUND. */
  async get(id: string, projection?: Record<string, 0 | 1>): Promise<T> {
    const found = await this.findById(id, projection);
    if (found === null) throw new AppError('NOT_FOUND');
    return found;
  }

  async list(filter: Filter, page: PageRequest): Promise<{ items: T[]; total: number }> {
    const where = this.#where(filter);
    if (where === null) return { items: [], total: 0 };
    const [items, total] = await Promise.all([
      this.#model
        .find(where)
        .sort(page.sort ?? { _id: -1 })
        .skip((page.page - 1) * page.limit)
        .limit(page.limit)
        .lean<T[]>(),
      this.#model.countDocuments(where),
    ]);
    return { items, total };
  }

  async count(filter: Filter): Promise<number> {
    const where = this.#where(filter);
    if (where === null) return 0;
    return this.#model.countDocuments(where);
  }

  /** Every in-scope row matching `filter`, in `_id` order, streamed (jobs and reports over a county's rows). */
  async *each(filter: Filter, projection?: Record<string, 0 | 1>): AsyncGenerator<T> {
    const where = this.#where(filter);
    if (where === null) return;
    const cursor = this.#model.find(where, projection).sort({ _id: 1 }).batchSize(1000).lean<T[]>().cursor();
    for await (const doc of cursor) yield doc;
  }

  /** Updates one in-scope row and returns it as stored after the update; a miss is NOT_FOUND. */
  async update(id: string, update: UpdateQuery<T>): Promise<T> {
    const where = this.#where({ _id: id });
    if (where === null) throw new AppError('NOT_FOUND');
    const updated = await this.#model.findOneAndUpdate(where, update, { returnDocument: 'after' }).lean<T>();
    if (updated === null) throw new AppError('NOT_FOUND');
    return updated;
  }

  /** Updates every in-scope row matching `filter`; returns how many changed. */
  async updateMany(filter: Filter, update: UpdateQuery<T>): Promise<number> {
    const where = this.#where(filter);
    if (where === null) return 0;
    const result = await this.#model.updateMany(where, update);
    return result.modifiedCount;
  }

  /** Updates the in-scope row matching `filter` (e.g. an `updatedAt` it was read with); null when none does. */
  async updateOne(filter: Filter, update: UpdateQuery<T>): Promise<T | null> {
    const where = this.#where(filter);
    if (where === null) return null;
    return this.#model.findOneAndUpdate(where, update, { returnDocument: 'after' }).lean<T>();
  }

  /** Deletes one in-scope row by id (undoing a row an import wrote a moment ago); true when it was there. */
  async remove(id: string): Promise<boolean> {
    const where = this.#where({ _id: id });
    if (where === null) return false;
    return (await this.#model.deleteOne(where)).deletedCount === 1;
  }

  /**
   * An aggregation over the in-scope rows only: the scope is the first `$match`. `match` is the caller's
   * own filter, written in the service (aggregations are not cast, so field names need not be in the schema).
   */
  async aggregate<R>(match: Filter, pipeline: Record<string, unknown>[]): Promise<R[]> {
    const where = this.#where(match);
    if (where === null) return [];
    return this.#model.aggregate<R>([{ $match: where }, ...pipeline] as never[]).exec();
  }

  /**
   * Whether any row, in scope or not, matches: only for columns that are unique county-wide (an ID
   * number's HMAC, a household key), where an insert would reveal the same through DUPLICATE anyway.
   */
  async existsAnywhere(filter: Filter): Promise<boolean> {
    return (await this.#model.exists(filter)) !== null;
  }

  /**
   * Inserts rows that must all fall inside the scope (FORBIDDEN otherwise, nothing written), unordered:
   * rows that fail (a duplicate key) do not stop the others. Returns how many were inserted.
   */
  async insertMany(
    docs: readonly Record<string, unknown>[],
  ): Promise<{ inserted: number; duplicates: number }> {
    const scope = this.#scope;
    if (scope === null || !docs.every((doc) => withinScope(scope, doc))) throw new AppError('FORBIDDEN');
    if (docs.length === 0) return { inserted: 0, duplicates: 0 };
    try {
      // lean: callers build rows from zod-validated input; hydrating documents costs more than the write.
      const now = new Date();
      const created = await this.#model.insertMany(
        docs.map((doc) => ({ createdAt: now, updatedAt: now, ...doc })) as unknown as T[],
        { ordered: false, lean: true },
      );
      return { inserted: created.length, duplicates: 0 };
    } catch (error) {
      const failed = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!Array.isArray(failed) || failed.some((item) => (item.code ?? item.err?.code) !== 11000))
        throw error;
      return { inserted: docs.length - failed.length, duplicates: failed.length };
    }
  }

  /**
   * Updates the one row with unique `key` (`$set: set`), or inserts `{ ...key, ...onInsert, ...set }` when
   * there is none; the row must fall inside the scope (FORBIDDEN otherwise). Idempotent per key, and safe
   * when two callers race on the same key (the loser of the insert updates instead).
   */
  async upsert(key: Filter, set: Record<string, unknown>, onInsert: Record<string, unknown>): Promise<T> {
    const doc = { ...key, ...onInsert, ...set };
    if (this.#scope === null || !withinScope(this.#scope, doc)) throw new AppError('FORBIDDEN');
    const where = this.#where(key);
    if (where === null) throw new AppError('FORBIDDEN');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const updated = await this.#model
        .findOneAndUpdate(where, { $set: set }, { returnDocument: 'after' })
        .lean<T>();
      if (updated !== null) return updated;
      try {
        return await this.insert(doc);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    // The key is taken, yet not by a row this scope sees: as if it did not exist.
    throw new AppError('NOT_FOUND');
  }

  /** Inserts a row that must fall inside the scope (FORBIDDEN otherwise) and returns it as stored. */
  async insert(doc: Record<string, unknown>): Promise<T> {
    if (this.#scope === null || !withinScope(this.#scope, doc)) throw new AppError('FORBIDDEN');
    const [created] = await this.#model.insertMany([doc as unknown as T]);
    if (created === undefined) throw new AppError('INTERNAL', { detail: 'insert returned nothing' });
    return created.toObject();
  }
}
