// Records written before the service spoke the national numbering hold Anju's old rank (`level`,
// `minLevel`: 1 = 五级 … 5 = 一级). `anju levels` rewrites them as `nationalLevel` / `minNationalLevel`
// (1 = 一级 … 5 = 五级), so that no rank is left to be read backwards: residents' skills and certificates,
// openings' skills, cohorts' award and the missing items of stored recommendations.
import { SkillLevel, nationalLevelOf, type NationalLevel } from '@anju/shared';
import type { mongo } from 'mongoose';
import type { Services } from '../../services.ts';
import { importHash } from '../imports/provenance.ts';

/** Where each collection may hold a rank: in the items of the array at `path`, or (`''`) on the record itself. */
const TARGETS = [
  { collection: 'residents', path: 'skills', from: 'level', to: 'nationalLevel' },
  { collection: 'residents', path: 'certificates', from: 'level', to: 'nationalLevel' },
  { collection: 'openings', path: 'skills', from: 'minLevel', to: 'minNationalLevel' },
  { collection: 'cohorts', path: '', from: 'level', to: 'nationalLevel' },
  { collection: 'recommendations', path: 'explanation.missing', from: 'minLevel', to: 'minNationalLevel' },
] as const;

type CollectionName = (typeof TARGETS)[number]['collection'];

export interface LevelMigrationOutcome {
  /** Records holding a rank, per collection (rewritten unless a dry run). */
  readonly found: Readonly<Record<CollectionName, number>>;
  readonly rewritten: number;
  /** Records edited while this ran: left for the next run. */
  readonly changedMeanwhile: number;
  /** Records with a rank outside 1–5, or a rank and a national level that disagree: left as they are. */
  readonly unreadable: readonly string[];
}

export interface LevelMigrationOptions {
  readonly dryRun?: boolean;
}

/** A stored rank as a national level; undefined when it is not a rank at all. */
function nationalOf(rank: unknown): NationalLevel | undefined {
  const parsed = SkillLevel.safeParse(rank);
  return parsed.success ? nationalLevelOf(parsed.data) : undefined;
}

/**
 * One item (a skill, a certificate, a missing item, a cohort) with its rank turned into a national level,
 * `null` when it holds no rank, or `'unreadable'` when the rank cannot be trusted.
 */
function converted(
  item: Record<string, unknown>,
  from: string,
  to: string,
): Record<string, unknown> | null | 'unreadable' {
  if (!(from in item)) return null;
  const { [from]: rank, ...rest } = item;
  const national = nationalOf(rank);
  if (national === undefined) return 'unreadable';
  // A record half-way (both fields) keeps its national level, if the two agree.
  if (to in rest && rest[to] !== national) return 'unreadable';
  return { ...rest, [to]: national };
}

/** The value at a dotted path (`explanation.missing`). */
function valueAt(doc: mongo.Document, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);
}

/**
 * Rewrites every rank as a national level. Each record is rewritten only if what was read is still
 * there (a concurrent edit wins; run again for it), `updatedAt` is left alone, and the hash an import keeps
 * of a field follows the rewrite when it matched the old value, so that the next import does not take the
 * rewrite for a manual edit. Running it again changes nothing.
 */
export async function migrateNationalLevels(
  services: Services,
  options: LevelMigrationOptions = {},
): Promise<LevelMigrationOutcome> {
  const { residents, openings, cohorts, recommendations } = services.models;
  // The driver's collections: the models' strict schemas no longer know the old fields.
  const collections: Record<CollectionName, mongo.Collection> = {
    residents: residents.collection,
    openings: openings.collection,
    cohorts: cohorts.collection,
    recommendations: recommendations.collection,
  };
  const found: Record<CollectionName, number> = { residents: 0, openings: 0, cohorts: 0, recommendations: 0 };
  const unreadable: string[] = [];
  let rewritten = 0;
  let changedMeanwhile = 0;

  for (const name of Object.keys(collections) as CollectionName[]) {
    const targets = TARGETS.filter((target) => target.collection === name);
    const query = {
      $or: targets.map((target) => ({
        [target.path === '' ? target.from : `${target.path}.${target.from}`]: { $exists: true },
      })),
    };
    for await (const doc of collections[name].find(query).sort({ _id: 1 })) {
      const filter: mongo.Document = { _id: doc._id };
      const set: mongo.Document = {};
      const unset: mongo.Document = {};
      let readable = true;
      for (const target of targets) {
        if (target.path === '') {
          // The record itself holds the rank (a cohort's award).
          const record = converted(doc, target.from, target.to);
          if (record === 'unreadable') readable = false;
          else if (record !== null) {
            filter[target.from] = (doc as Record<string, unknown>)[target.from];
            set[target.to] = record[target.to];
            unset[target.from] = '';
          }
          continue;
        }
        const value = valueAt(doc, target.path);
        if (!Array.isArray(value)) continue;
        const items = (value as Record<string, unknown>[]).map((item) =>
          converted(item, target.from, target.to),
        );
        if (items.includes('unreadable')) readable = false;
        if (items.every((item) => item === null || item === 'unreadable')) continue;
        const next = items.map((item, index) =>
          item === null || item === 'unreadable' ? (value[index] as unknown) : item,
        );
        filter[target.path] = value;
        set[target.path] = next;
        // The import's record of this field follows, if the field still held what the import wrote.
        const recorded = (doc.importHashes as Record<string, string> | undefined)?.[target.path];
        if (recorded !== undefined && recorded === importHash(services.blindIndex, name, target.path, value))
          set[`importHashes.${target.path}`] = importHash(services.blindIndex, name, target.path, next);
      }
      if (!readable) {
        unreadable.push(`${name}:${String(doc._id)}`);
        continue;
      }
      if (Object.keys(set).length === 0) continue;
      found[name] += 1;
      if (options.dryRun === true) continue;
      const result = await collections[name].updateOne(filter, {
        $set: set,
        ...(Object.keys(unset).length === 0 ? {} : { $unset: unset }),
      });
      rewritten += result.modifiedCount;
      changedMeanwhile += 1 - result.matchedCount;
    }
  }
  return { found, rewritten, changedMeanwhile, unreadable };
}
