// The commands of `anju-match`: argument checks, input validation and output shapes. No file I/O here; the
// adapter (src/cli.ts) passes it in as `CliIo`, and the matching library comes in as `MatchingLibrary`.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MatchOpening, MatchResident } from '@anju/shared';
import type { DistinctCase, NormalizationEvaluation, SynonymCase } from '../bench/evaluation.ts';
import type { BenchFigure } from '../bench/types.ts';
import { generateCounty } from '../synthetic/generate.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { AllocationObjective, MatchInput, MatchingLibrary, MatchLine } from './library.ts';

/** The file system as the commands need it; implementations throw `CliInputError` for unreadable input. */
export interface CliIo {
  readText(path: string): string;
  writeText(path: string, text: string): void;
  makeDirectory(path: string): void;
}

/** What the process prints and how it exits: 0 done, 1 internal error, 2 bad input or usage. */
export interface CliOutcome {
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/** The caller's input is wrong (arguments, files, records): exit 2 with the message. */
export class CliInputError extends Error {
  override readonly name = 'CliInputError' as const;
  /** Whether the command's synopsis helps (wrong or missing arguments, rather than bad files). */
  readonly showUsage: boolean;
  constructor(message: string, options?: { showUsage?: boolean }) {
    super(message);
    this.showUsage = options?.showUsage ?? false;
  }
}

/** Each command's synopsis and what it does, in the order the usage text lists them. */
const SYNOPSES: Readonly<Record<string, readonly [string, string]>> = {
  normalize: [
    'normalize <text>… [--licence] [--taxonomy FILE]',
    'trade texts (or, with --licence, licence texts) → taxonomy concepts',
  ],
  generate: [
    'generate --out DIR [--seed N] [--residents N] [--openings N] [--taxonomy FILE]',
    'a synthetic county → DIR/residents.json, openings.json, households.json',
  ],
  rank: [
    'rank --residents FILE --openings FILE [--top K] [--by resident|opening] [--as-of DATE] [--taxonomy FILE]',
    'top K openings per resident (or residents per opening), explained',
  ],
  allocate: [
    'allocate --residents FILE --openings FILE [--objective total-score|households-first] [--as-of DATE] [--taxonomy FILE]',
    'residents → openings under headcounts; every unassigned resident explained',
  ],
  gaps: [
    'gaps --residents FILE --openings FILE [--cutoff N] [--as-of DATE] [--taxonomy FILE]',
    'training demand: the skills and licences that would unlock the most openings',
  ],
  bench: [
    'bench [--json] [--evaluation DIR]',
    'the matching benchmarks, and normalisation precision/recall on the evaluation set in DIR',
  ],
};

export const USAGE = `usage: anju-match <command> [options]

${Object.values(SYNOPSES)
  .map(([synopsis, does]) => `  ${synopsis}\n      ${does}`)
  .join('\n')}

Output is JSON on stdout; errors go to stderr (exit 2 for bad input, 1 for internal errors).
--taxonomy FILE uses your own taxonomy (JSON) instead of the one shipped with the package.
--as-of DATE (YYYY-MM-DD, default today in China) is the day licences' 有效期 and 复审 dates are checked on.
--evaluation DIR holds synonyms.json and distinct.json (default: the repository's
test/matching-core/evaluation when it is there).
`;

function usageOf(command: string): string {
  const synopsis = SYNOPSES[command]?.[0];
  return synopsis === undefined ? USAGE : `usage: anju-match ${synopsis}`;
}

const MAX_RECORD_ERRORS = 10;

type Command = (args: readonly string[], io: CliIo, library: MatchingLibrary) => string | Promise<string>;

const COMMANDS: Readonly<Record<string, Command>> = {
  normalize: normalizeCommand,
  generate: generateCommand,
  rank: rankCommand,
  allocate: allocateCommand,
  gaps: gapsCommand,
  bench: benchCommand,
};

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  library: MatchingLibrary,
): Promise<CliOutcome> {
  const [name, ...args] = argv;
  if (name === undefined)
    return { exitCode: 2, stdout: '', stderr: `anju-match: no command given\n\n${USAGE}` };
  if (name === 'help' || name === '--help' || name === '-h')
    return { exitCode: 0, stdout: USAGE, stderr: '' };
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    return { exitCode: 2, stdout: '', stderr: `anju-match: unknown command "${name}"\n\n${USAGE}` };
  }
  try {
    return { exitCode: 0, stdout: await command(args, io, library), stderr: '' };
  } catch (error) {
    if (error instanceof CliInputError) {
      const usage = error.showUsage ? `\n${usageOf(name)}\n` : '';
      return { exitCode: 2, stdout: '', stderr: `anju-match ${name}: ${error.message}\n${usage}` };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: '', stderr: `anju-match ${name}: internal error: ${message}\n` };
  }
}

function normalizeCommand(args: readonly string[], io: CliIo, library: MatchingLibrary): string {
  const { values, positionals } = parse(
    args,
    { taxonomy: { type: 'string' }, licence: { type: 'boolean' } },
    true,
  );
  if (positionals.length === 0)
    throw new CliInputError('give at least one text to normalise', { showUsage: true });
  const taxonomy = taxonomyOf(values.taxonomy, io, library);
  const normalized =
    values.licence === true
      ? library.normalizeLicences(taxonomy, positionals)
      : library.normalize(taxonomy, positionals);
  const results = normalized.map((result) => ({
    input: result.input,
    code: result.code,
    name: result.name,
    rule: result.rule,
    confidence: result.confidence,
    // A stated level in the national numbering (1 = 一级/高级技师), and an assumption staff should check.
    ...(result.nationalLevel === undefined
      ? {}
      : { nationalLevel: result.nationalLevel, levelName: result.levelName }),
    ...(result.assumption === undefined ? {} : { assumption: result.assumption }),
    suggestions: result.suggestions,
  }));
  return formatJson(results);
}

function generateCommand(args: readonly string[], io: CliIo, library: MatchingLibrary): string {
  const { values } = parse(args, {
    seed: { type: 'string' },
    residents: { type: 'string' },
    openings: { type: 'string' },
    out: { type: 'string' },
    taxonomy: { type: 'string' },
  });
  if (values.out === undefined) throw new CliInputError('--out DIR is required', { showUsage: true });
  const seed = integerOption(values.seed, '--seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ?? 42;
  const residents = integerOption(values.residents, '--residents', 0, 5_000_000);
  const openings = integerOption(values.openings, '--openings', 0, 1_000_000);
  const taxonomy = taxonomyOf(values.taxonomy, io, library);
  const county = generateCounty({
    seed,
    taxonomy,
    ...(residents !== undefined ? { residents } : {}),
    ...(openings !== undefined ? { openings } : {}),
  });
  const files = {
    residents: join(values.out, 'residents.json'),
    openings: join(values.out, 'openings.json'),
    households: join(values.out, 'households.json'),
  };
  io.makeDirectory(values.out);
  io.writeText(files.residents, formatJson(county.residents));
  io.writeText(files.openings, formatJson(county.openings));
  io.writeText(files.households, formatJson(county.households));
  return formatJson({
    seed,
    taxonomy: taxonomy.version,
    population: county.households.reduce((sum, household) => sum + household.size, 0),
    households: county.households.length,
    residents: county.residents.length,
    openings: county.openings.length,
    files,
  });
}

function rankCommand(args: readonly string[], io: CliIo, library: MatchingLibrary): string {
  const { values } = parse(args, { ...MATCH_OPTIONS, top: { type: 'string' }, by: { type: 'string' } });
  const top = integerOption(values.top, '--top', 1, 10_000) ?? 10;
  const by = choiceOption(values.by, '--by', ['resident', 'opening'] as const) ?? 'resident';
  const input = matchInput(values, io, library);
  if (by === 'resident') {
    return formatJson(
      library.rankOpenings(input, top).map((ranking) => ({
        residentId: ranking.residentId,
        matches: ranking.matches.map((match) => ({ openingId: match.openingId, ...explanation(match) })),
      })),
    );
  }
  return formatJson(
    library.rankResidents(input, top).map((ranking) => ({
      openingId: ranking.openingId,
      matches: ranking.matches.map((match) => ({ residentId: match.residentId, ...explanation(match) })),
    })),
  );
}

function allocateCommand(args: readonly string[], io: CliIo, library: MatchingLibrary): string {
  const { values } = parse(args, { ...MATCH_OPTIONS, objective: { type: 'string' } });
  const mode: AllocationObjective =
    choiceOption(values.objective, '--objective', ['total-score', 'households-first'] as const) ??
    'total-score';
  const input = matchInput(values, io, library);
  const allocation = library.allocate(input, mode);
  const householdOf = new Map(input.residents.map((resident) => [resident.id, resident.householdId]));
  const households = new Set(
    allocation.assignments.map((assignment) => householdOf.get(assignment.residentId)),
  );
  households.delete(undefined);
  return formatJson({
    objective: allocation.assignments.reduce((sum, assignment) => sum + assignment.score, 0),
    householdsCovered: households.size,
    assignments: allocation.assignments.map(({ residentId, openingId, score }) => ({
      residentId,
      openingId,
      score,
    })),
    unassigned: allocation.unassigned.map(({ residentId, reason }) => ({ residentId, reason })),
  });
}

/** A resident with no eligible opening scoring at least this counts as unmatched in `gaps`. */
const DEFAULT_GAP_CUTOFF = 60;

function gapsCommand(args: readonly string[], io: CliIo, library: MatchingLibrary): string {
  const { values } = parse(args, { ...MATCH_OPTIONS, cutoff: { type: 'string' } });
  const cutoff = integerOption(values.cutoff, '--cutoff', 0, 100) ?? DEFAULT_GAP_CUTOFF;
  return formatJson(library.skillGaps(matchInput(values, io, library), cutoff));
}

/** Where the evaluation from outside sources lives in the repository (the CLI runs from its root). */
const DEFAULT_EVALUATION = 'test/matching-core/evaluation';

async function benchCommand(args: readonly string[], io: CliIo, library: MatchingLibrary): Promise<string> {
  const { values } = parse(args, { json: { type: 'boolean' }, evaluation: { type: 'string' } });
  if (library.bench === undefined) {
    throw new CliInputError(
      'the benchmarks run from the Anju repository (pnpm --silent anju-match bench); the published package does not ship them',
    );
  }
  // Read first: a wrong --evaluation DIR should fail before minutes of benchmarks.
  const cases = evaluationCases(io, values.evaluation);
  const figures = await library.bench();
  const evaluation = cases === undefined ? undefined : library.evaluate(cases.synonyms, cases.distinct);
  if (values.json === true) {
    const lines = figures.map((figure) => JSON.stringify(figure));
    if (evaluation !== undefined)
      lines.push(JSON.stringify({ name: 'normalisation evaluation', ...evaluation }));
    return lines.map((line) => `${line}\n`).join('');
  }
  return benchTable(figures) + (evaluation === undefined ? '' : evaluationLine(evaluation));
}

/** The evaluation set in `dir`; without `--evaluation`, the repository's when it is there. */
function evaluationCases(
  io: CliIo,
  dir: string | undefined,
): { synonyms: SynonymCase[]; distinct: DistinctCase[] } | undefined {
  const folder = dir ?? DEFAULT_EVALUATION;
  try {
    return {
      synonyms: casesOf(io, join(folder, 'synonyms.json'), isSynonymCase),
      distinct: casesOf(io, join(folder, 'distinct.json'), isDistinctCase),
    };
  } catch (error) {
    if (dir === undefined && error instanceof CliInputError) return undefined;
    throw error;
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function isSynonymCase(value: unknown): value is SynonymCase {
  const { words, occupation } = (value ?? {}) as { words?: unknown; occupation?: { code?: unknown } };
  return Array.isArray(words) && words.length > 0 && words.every(isText) && isText(occupation?.code);
}

function isDistinctCase(value: unknown): value is DistinctCase {
  const { a, b } = (value ?? {}) as { a?: unknown; b?: unknown };
  return isText(a) && isText(b);
}

/** A JSON array of cases of one kind; the first that is not names its index. */
function casesOf<T>(io: CliIo, path: string, isCase: (value: unknown) => value is T): T[] {
  const data = readJson(io, path);
  if (!Array.isArray(data)) throw new CliInputError(`${path}: expected a JSON array of cases`);
  const bad = (data as unknown[]).findIndex((value) => !isCase(value));
  if (bad >= 0) throw new CliInputError(`${path}: case ${String(bad)} is not of the expected shape`);
  return data as T[];
}

function evaluationLine(figures: NormalizationEvaluation): string {
  return (
    `normalisation on the evaluation from outside sources: precision ${figures.precision.toFixed(3)}, ` +
    `recall ${figures.recall.toFixed(3)} (${figures.words} words: ${figures.right} right, ${figures.wrong} wrong, ` +
    `${figures.unknown} unknown); ${figures.groupsUnified} of ${figures.groups} synonym groups on one concept; ` +
    `${figures.pairsMerged} of ${figures.pairs} must-differ pairs merged\n`
  );
}

const MATCH_OPTIONS = {
  residents: { type: 'string' },
  openings: { type: 'string' },
  taxonomy: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

function matchInput(
  values: {
    residents?: string | undefined;
    openings?: string | undefined;
    taxonomy?: string | undefined;
    'as-of'?: string | undefined;
  },
  io: CliIo,
  library: MatchingLibrary,
): MatchInput {
  const asOf = values['as-of'] ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new CliInputError(`--as-of must be a date such as 2026-12-01, got ${asOf}`, { showUsage: true });
  if (values.residents === undefined)
    throw new CliInputError('--residents FILE is required', { showUsage: true });
  if (values.openings === undefined)
    throw new CliInputError('--openings FILE is required', { showUsage: true });
  const residents = readRecords(io, values.residents, MatchResident);
  const openings = readRecords(io, values.openings, MatchOpening);
  const problems = [...residents.problems, ...openings.problems];
  if (problems.length > 0) throw new CliInputError(`invalid input\n${problems.join('\n')}`);
  return {
    taxonomy: taxonomyOf(values.taxonomy, io, library),
    residents: residents.records,
    openings: openings.records,
    asOf,
  };
}

/** Today in China (Asia/Shanghai), YYYY-MM-DD. */
function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

function explanation(match: MatchLine): MatchLine {
  return {
    score: match.score,
    factors: match.factors,
    licences: match.licences,
    blocking: match.blocking,
    missing: match.missing,
    unknowns: match.unknowns,
  };
}

/** The shape of a zod schema that `readRecords` uses; keeps zod itself out of this package's dependencies. */
interface RecordSchema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * A JSON array of records, each checked against `schema`. Problems name the file, the record (index and id)
 * and the field, e.g. `r.json: record 3 (id "R000004"): skills[0].level: Too big: expected number to be <=5`;
 * at most MAX_RECORD_ERRORS of them per file. A file that is not a JSON array throws `CliInputError`.
 */
export function readRecords<T extends { id: string }>(
  io: CliIo,
  path: string,
  schema: RecordSchema<T>,
): { records: T[]; problems: string[] } {
  const data = readJson(io, path);
  if (!Array.isArray(data)) throw new CliInputError(`${path}: expected a JSON array of records`);
  const records: T[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  (data as unknown[]).forEach((record, index) => {
    const name = `record ${index}${recordId(record)}`;
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${name}: ${fieldPath(issue.path)}: ${issue.message}`);
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) problems.push(`${name}: id: the same id as record ${first}`);
    else seen.set(parsed.data.id, index);
    records.push(parsed.data);
  });
  const shown = problems.slice(0, MAX_RECORD_ERRORS).map((problem) => `${path}: ${problem}`);
  if (problems.length > MAX_RECORD_ERRORS)
    shown.push(`${path}: … and ${problems.length - MAX_RECORD_ERRORS} more`);
  return { records, problems: shown };
}

function readJson(io: CliIo, path: string): unknown {
  const text = io.readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliInputError(
      `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function recordId(record: unknown): string {
  if (typeof record !== 'object' || record === null || !('id' in record)) return '';
  const { id } = record;
  return typeof id === 'string' || typeof id === 'number' ? ` (id ${JSON.stringify(id)})` : '';
}

/** `skills[0].level`; `(record)` for a problem with the record as a whole. */
function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(record)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function taxonomyOf(path: string | undefined, io: CliIo, library: MatchingLibrary): Taxonomy {
  if (path === undefined) return library.defaultTaxonomy();
  const data = readJson(io, path);
  const loaded = library.loadTaxonomy(data);
  if (!loaded.ok) throw new CliInputError(`${path}: not a taxonomy: ${loaded.message}`);
  return loaded.value;
}

type OptionSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

function parse<T extends OptionSpec>(
  args: readonly string[],
  options: T,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    // node:util reports unknown options, missing values and stray arguments as ERR_PARSE_ARGS_*.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new CliInputError((error as Error).message, { showUsage: true });
    }
    throw error;
  }
}

function integerOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = min === Number.MIN_SAFE_INTEGER ? '' : ` from ${min} to ${max}`;
    throw new CliInputError(`${name} must be an integer${range}, got "${value}"`);
  }
  return number;
}

function choiceOption<C extends string>(
  value: string | undefined,
  name: string,
  choices: readonly C[],
): C | undefined {
  if (value === undefined) return undefined;
  const found = choices.find((choice) => choice === value);
  if (found === undefined)
    throw new CliInputError(`${name} must be one of ${choices.join(', ')}, got "${value}"`);
  return found;
}

/**
 * JSON that stays readable and line-oriented at county scale: a top-level array has one element per line,
 * a top-level object one key per line with its arrays one element per line.
 */
export function formatJson(value: unknown): string {
  if (Array.isArray(value)) return `${arrayLines(value, '')}\n`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    if (entries.length === 0) return '{}\n';
    const lines = entries.map(
      ([key, inner]) =>
        `  ${JSON.stringify(key)}: ${Array.isArray(inner) ? arrayLines(inner, '  ') : JSON.stringify(inner)}`,
    );
    return `{\n${lines.join(',\n')}\n}\n`;
  }
  return `${JSON.stringify(value)}\n`;
}

function arrayLines(items: readonly unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `${indent}  ${jsonLine(item)}`).join(',\n')}\n${indent}]`;
}

/** JSON.stringify gives `undefined` (typed as string) for undefined and functions; print null like arrays do. */
function jsonLine(item: unknown): string {
  return item === undefined || typeof item === 'function' ? 'null' : JSON.stringify(item);
}

function benchTable(figures: readonly BenchFigure[]): string {
  const rows = figures.map((figure) => [
    figure.name,
    String(figure.items),
    `${figure.ratio.toFixed(1)}×`,
    `vs ${figure.baseline}`,
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] as string).length), 0));
  return rows
    .map(
      (row) =>
        `${(row[0] as string).padEnd(widths[0] as number)}  ${(row[1] as string).padStart(widths[1] as number)}  ${(row[2] as string).padStart(widths[2] as number)}  ${row[3] as string}\n`,
    )
    .join('');
}
