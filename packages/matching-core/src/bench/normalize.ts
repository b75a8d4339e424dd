import { createFullScanMatcher, type SkillMatcher } from '../normalize/matcher.ts';
import { createNormalizer } from '../normalize/normalizer.ts';
import type { Normalizer } from '../normalize/types.ts';
import { defaultTaxonomy } from '../taxonomy/load.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { BenchFigure } from './types.ts';

export interface NormalizeBenchOptions {
  /** Seed of the generated inputs; the same seed gives the same inputs. Default 42. */
  readonly seed?: number;
  /** Raw skill strings in the batch figure; default 137,500 (27,500 residents × 5 skills). */
  readonly batchSize?: number;
  /** Known-alias lookups timed; default 2,000,000. */
  readonly lookups?: number;
  /** Misspelt names sent down the fuzzy path; default 3,000. */
  readonly typos?: number;
  readonly taxonomy?: Taxonomy;
  /** Where the human-readable lines go; default `console.log`. */
  readonly log?: (line: string) => void;
}

/**
 * Normalisation benchmark: known-alias lookups and the fuzzy path against a plain fuse.js scan over every
 * name and alias (the baseline, measured in the same run), and a county-sized batch of colloquial
 * strings. Inputs are generated from the taxonomy with a seeded generator, so every run sees the same.
 */
export function benchNormalize(options: NormalizeBenchOptions = {}): BenchFigure[] {
  const taxonomy = options.taxonomy ?? defaultTaxonomy();
  const log =
    options.log ??
    ((line: string) => {
      console.log(line);
    });
  const random = seeded(options.seed ?? 42);
  const normalizer = createNormalizer(taxonomy);
  const labels = taxonomy.occupations.flatMap((o) =>
    [o.name, ...o.aliases].map((text) => ({ id: o.id, text })),
  );
  const fuse = createFullScanMatcher(labels);
  const fuseRate = fuseScanRate(
    fuse,
    labels.map((label) => label.text).filter((_, i) => i % 97 === 0),
  );

  const figures = [
    knownAliases(
      normalizer,
      labels.map((label) => label.text),
      options.lookups ?? 2_000_000,
      fuseRate,
      labels.length,
    ),
    fuzzyPath(normalizer, taxonomy, random, options.typos ?? 3_000, fuseRate, labels.length),
    countyBatch(normalizer, taxonomy, random, options.batchSize ?? 137_500, fuse),
  ];
  for (const figure of figures) log(describe(figure));
  return figures;
}

function knownAliases(
  normalizer: Normalizer,
  texts: readonly string[],
  lookups: number,
  fuseRate: number,
  labelCount: number,
): BenchFigure {
  let hits = 0;
  const run = (count: number): number => {
    const started = performance.now();
    for (let i = 0; i < count; i++)
      if (normalizer.normalize(texts[i % texts.length] ?? '').code !== null) hits++;
    return performance.now() - started;
  };
  run(Math.min(lookups, 100_000)); // warm-up
  hits = 0;
  const ms = run(lookups);
  const perSecond = (lookups / ms) * 1000;
  return {
    name: 'normalize: known aliases',
    items: lookups,
    baseline: `fuse.js search over all ${String(labelCount)} names and aliases`,
    ratio: perSecond / fuseRate,
    perSecond: Math.round(perSecond),
    baselinePerSecond: round(fuseRate, 1),
    resolved: hits / lookups,
  };
}

function fuzzyPath(
  normalizer: Normalizer,
  taxonomy: Taxonomy,
  random: () => number,
  count: number,
  fuseRate: number,
  labelCount: number,
): BenchFigure {
  // One wrong character in a name of three or more characters: text no map knows.
  const names = taxonomy.occupations.filter((o) => Array.from(o.name).length >= 3);
  const pool = Array.from(new Set(taxonomy.occupations.map((o) => o.name).join('')));
  const typos: { text: string; id: string }[] = [];
  while (typos.length < count) {
    const occupation = pick(names, random);
    const chars = Array.from(occupation.name);
    chars[Math.floor(random() * chars.length)] = pick(pool, random);
    const text = chars.join('');
    if (normalizer.normalize(text).rule !== 'exact') typos.push({ text, id: occupation.id });
  }
  for (const typo of typos.slice(0, 300)) normalizer.normalize(typo.text); // warm-up
  const micros: number[] = [];
  let right = 0;
  let wrong = 0;
  const started = performance.now();
  for (const typo of typos) {
    const before = performance.now();
    const result = normalizer.normalize(typo.text);
    micros.push((performance.now() - before) * 1000);
    if (result.code === typo.id) right++;
    else if (result.code !== null) wrong++;
  }
  const perSecond = (count / (performance.now() - started)) * 1000;
  micros.sort((a, b) => a - b);
  return {
    name: 'normalize: fuzzy path (one wrong character)',
    items: count,
    baseline: `fuse.js search over all ${String(labelCount)} names and aliases`,
    ratio: perSecond / fuseRate,
    perSecond: Math.round(perSecond),
    baselinePerSecond: round(fuseRate, 1),
    p50Micros: round(quantile(micros, 0.5), 1),
    p99Micros: round(quantile(micros, 0.99), 1),
    // Share of misspellings mapped back to their own occupation, and share mapped to another one.
    recall: round(right / count, 3),
    misread: round(wrong / count, 3),
  };
}

function countyBatch(
  normalizer: Normalizer,
  taxonomy: Taxonomy,
  random: () => number,
  size: number,
  fuse: SkillMatcher,
): BenchFigure {
  const texts = colloquialStrings(taxonomy, random, size);
  const started = performance.now();
  let known = 0;
  for (const text of texts) if (normalizer.normalize(text).code !== null) known++;
  const ms = performance.now() - started;
  // The baseline on a sample, scaled to the batch: scanning every string would take minutes.
  const sample = texts.filter((_, i) => i % Math.max(1, Math.floor(size / 200)) === 0);
  const baselineMs =
    (size / sample.length) *
    timeMs(() => {
      for (const text of sample) fuse.match(text, 5);
    });
  return {
    name: 'normalize: county batch of colloquial skill strings',
    items: size,
    baseline: `fuse.js search over all names and aliases per string (timed on ${String(sample.length)}, scaled)`,
    ratio: baselineMs / ms,
    ms: Math.round(ms),
    baselineMs: Math.round(baselineMs),
    perSecond: Math.round((size / ms) * 1000),
    known: round(known / size, 3),
  };
}

/**
 * Skill strings as a county roster holds them: mostly names and aliases as written, then the same with
 * fillers, levels, years, full-width letters, lists, misspellings, pinyin, apprentices, and some noise.
 */
function colloquialStrings(taxonomy: Taxonomy, random: () => number, size: number): string[] {
  const occupations = taxonomy.occupations;
  const pool = Array.from(new Set(occupations.map((o) => o.name).join('')));
  const before = ['会', '做过', '熟练', '高级', '中级', '3年', '十年', '我会'];
  const after = ['师傅', '经验', '工作', '（初级）', '技师', '3年'];
  const texts: string[] = [];
  for (let i = 0; i < size; i++) {
    const occupation = pick(occupations, random);
    const label = pick([occupation.name, ...occupation.aliases], random);
    const roll = random();
    if (roll < 0.55) texts.push(label);
    else if (roll < 0.7)
      texts.push(`${pick(before, random)}${label}${random() < 0.5 ? pick(after, random) : ''}`);
    else if (roll < 0.74) texts.push(fullWidth(` ${label} `));
    else if (roll < 0.8) texts.push(`${label}、${pick(occupations, random).name}`);
    else if (roll < 0.87) {
      const chars = Array.from(label);
      chars[Math.floor(random() * chars.length)] = pick(pool, random);
      texts.push(chars.join(''));
    } else if (roll < 0.91) texts.push(pick(taxonomy.pinyinOf(occupation.id)?.full ?? [label], random));
    else if (roll < 0.95) texts.push(`${label}${pick(['学徒', '小组长', '帮工'], random)}`);
    else texts.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(pool, random)).join(''));
  }
  return texts;
}

function fuseScanRate(fuse: SkillMatcher, queries: readonly string[]): number {
  fuse.match(queries[0] ?? '', 5); // warm-up
  const ms = timeMs(() => {
    for (const query of queries) fuse.match(query, 5);
  });
  return (queries.length / ms) * 1000;
}

function describe(figure: BenchFigure): string {
  const details = Object.entries(figure)
    .filter(([key]) => !['name', 'items', 'baseline', 'ratio'].includes(key))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return `${figure.name}: ${figure.ratio.toFixed(1)}× vs ${figure.baseline} (${String(figure.items)} items; ${details})`;
}

function timeMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

/** mulberry32: a small, fast, seeded generator; the benchmark must see the same inputs every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
