import { nationalLevelName, nationalLevelOf, type SkillLevel } from '@anju/shared';
import { MatchingError } from '../errors.ts';
import type { LicenceId, OccupationId } from '../ids.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { charPinyinOf, cleanText, hasHan, isLatinWord } from '../taxonomy/text.ts';
import { conceptIndex, type ConceptIndex, type ConceptList } from './index-build.ts';
import type { NormalizeRule, Normalized, Normalizer, Suggestion } from './types.ts';
import { crossesContrast, isRoleWord, roleVariants, rolesAgree } from './roles.ts';
import { LICENCE_WRAPPING, peel, type Lookup } from './wording.ts';

/** Thresholds of `createNormalizer`; the defaults suit the shipped taxonomy. */
export interface NormalizerOptions {
  /** Lowest similarity (0..1) a fuzzy match needs; default 0.65 (one wrong character in three). */
  readonly minFuzzySimilarity?: number;
  /** How far the best fuzzy concept must lead the best different concept; default 0.15. */
  readonly minFuzzyMargin?: number;
  /** Most suggestions returned; default 5. */
  readonly maxSuggestions?: number;
}

interface Settings {
  readonly minFuzzySimilarity: number;
  readonly minFuzzyMargin: number;
  readonly maxSuggestions: number;
}

// Confidence by rule: exact and alias hits are certain; the rest say how sure the guess is.
const ROLE_SWAPPED = 0.95; // 挖掘机驾驶员 for 挖掘机司机
const PINYIN_TYPED = 0.9; // "dianhangong"
const PINYIN_SOUNDS_ALIKE = 0.85; // 电悍工 sounds like 电焊工
const PINYIN_INITIALS = 0.8; // "dhg"
const FUZZY_SCALE = 0.9; // a fuzzy match never reaches an alias hit
const AMBIGUOUS_SOUND = 0.5;
// Longer texts are not one trade name; they stay unknown rather than cost a scan.
const MAX_INPUT_LENGTH = 200;
const MAX_GUESS_LENGTH = 40;
// "电焊、氩弧焊", "保安/保洁": several trades in one cell of a roster.
const LIST_SEPARATORS = /[,，、/／;；|｜]+/u;

/**
 * Turns residents' and employers' words for trades (and licences) into taxonomy concepts. Rules, in order:
 * exact name or id → alias → the same name with its role word swapped (trades) → pinyin (typed, initials,
 * or sounding alike) → fuzzy (fuse.js, unambiguous only) → broader (a known name inside a longer text) →
 * unknown with suggestions. No guess crosses a contrast (高压/低压, 中式/西式) or a kind of role (司机 vs
 * 维修工). Deterministic and pure.
 */
export function createNormalizer(taxonomy: Taxonomy, options: NormalizerOptions = {}): Normalizer {
  const settings = settingsOf(options);
  const occupations: Lists = { index: conceptIndex(taxonomy, 'occupations'), list: 'occupations', taxonomy };
  const licences: Lists = { index: conceptIndex(taxonomy, 'licences'), list: 'licences', taxonomy };
  return Object.freeze({
    taxonomy,
    // The one place the ids become branded: every id below comes from the taxonomy's own lists.
    normalize: (text: string) => normalizeWith(occupations, settings, text) as Normalized<OccupationId>,
    normalizeLicence: (text: string) => normalizeWith(licences, settings, text) as Normalized<LicenceId>,
  });
}

/** One list of one taxonomy, with the taxonomy for what the index does not hold (grading, names). */
interface Lists {
  readonly index: ConceptIndex;
  readonly list: ConceptList;
  readonly taxonomy: Taxonomy;
}

function settingsOf(options: NormalizerOptions): Settings {
  const settings = {
    minFuzzySimilarity: options.minFuzzySimilarity ?? 0.65,
    minFuzzyMargin: options.minFuzzyMargin ?? 0.15,
    maxSuggestions: options.maxSuggestions ?? 5,
  };
  const unit = (value: number): boolean => Number.isFinite(value) && value >= 0 && value <= 1;
  if (!unit(settings.minFuzzySimilarity) || !unit(settings.minFuzzyMargin)) {
    throw new MatchingError('INVALID_OPTIONS', 'minFuzzySimilarity and minFuzzyMargin must be within 0..1');
  }
  if (
    !Number.isInteger(settings.maxSuggestions) ||
    settings.maxSuggestions < 0 ||
    settings.maxSuggestions > 50
  ) {
    throw new MatchingError('INVALID_OPTIONS', 'maxSuggestions must be an integer within 0..50');
  }
  return Object.freeze(settings);
}

function normalizeWith(lists: Lists, settings: Settings, text: string): Normalized<string> {
  if (typeof text !== 'string') {
    throw new MatchingError('INVALID_INPUT', `normalize expects a string, got ${typeof text}`);
  }
  const { index } = lists;
  // Fast path: a name, alias or id exactly as the data writes it.
  const known = index.verbatim.get(text);
  if (known !== undefined) return known;
  if (text.length > MAX_INPUT_LENGTH) return new Outcome(index, text, settings.maxSuggestions).unknown();
  if (LIST_SEPARATORS.test(text)) {
    const parts = text.split(LIST_SEPARATORS).filter((part) => cleanText(part) !== '');
    if (parts.length > 1) return normalizeList(lists, settings, text, parts);
  }
  return normalizeOne(lists, settings, text);
}

/**
 * "电焊、氩弧焊" names one trade if every named part is that trade or a kind of it (then the nearest such
 * trade); "保安/保洁" names two and stays unknown, with both suggested.
 */
function normalizeList(
  lists: Lists,
  settings: Settings,
  text: string,
  parts: readonly string[],
): Normalized<string> {
  const { index } = lists;
  const results = parts.map((part) => normalizeOne(lists, settings, part));
  const result = new Outcome(index, text, settings.maxSuggestions);
  result.level = results.find((part) => part.level !== undefined)?.level;
  const named: { code: string; rule: Exclude<NormalizeRule, 'unknown'>; confidence: number }[] = [];
  for (const part of results) {
    if (part.code !== null && part.rule !== 'unknown') {
      named.push({ code: part.code, rule: part.rule, confidence: part.confidence });
      result.suggest(part.code, part.confidence);
    }
    for (const suggestion of part.suggestions) result.suggest(suggestion.code, suggestion.confidence);
  }
  const common = index.nearestCommonBroader([...new Set(named.map((part) => part.code))]);
  const [first] = named;
  if (common === undefined || first === undefined) return result.unknown();
  const weakest = Math.min(...named.map((part) => part.confidence));
  const whole = named.length === results.length && named.every((part) => part.code === common);
  return whole ? result.found(common, first.rule, weakest) : result.found(common, 'broader', weakest * 0.8);
}

function normalizeOne(lists: Lists, settings: Settings, text: string): Normalized<string> {
  const { index, list, taxonomy } = lists;
  const result = new Outcome(index, text, settings.maxSuggestions);
  const cleaned = cleanText(text);
  if (cleaned === '') return result.unknown();
  const peeled = list === 'licences' ? peel(cleaned, LICENCE_WRAPPING) : peel(cleaned);
  const settle = (id: string, stated: Lookup | undefined): void => {
    // 高级月嫂 is a shop's grade; 高级电工 a 职业技能等级.
    const commercial = stated?.bareGrade === true && taxonomy.occupation(id)?.commercialGrades === true;
    result.level = list === 'licences' || commercial ? undefined : stated?.level;
  };
  for (const lookup of peeled.lookups) {
    const hit = index.keys.get(lookup.text);
    if (hit === undefined) continue;
    settle(hit.id, lookup);
    result.assumption = hit.assumption;
    return result.found(hit.id, hit.rule, 1);
  }
  const core = peeled.core;
  const stated: Lookup = {
    text: core,
    ...(peeled.level === undefined ? {} : { level: peeled.level }),
    ...(peeled.bareGrade === true ? { bareGrade: true } : {}),
  };
  if (core === '' || core.length > MAX_GUESS_LENGTH) {
    settle('', stated);
    return result.unknown();
  }

  const found =
    (list === 'occupations' ? byRole(index, core, result) : undefined) ??
    bySound(index, core, result) ??
    byFuzzy(index, core, settings, result) ??
    byContainedName(index, core, result);
  // Unknown or not, the level the text states is reported (a roster's 等级 column reads 四级).
  settle(found ?? '', stated);
  return found === undefined ? result.unknown() : result.built();
}

/**
 * The same trade with its role word swapped for another of its kind (挖掘机驾驶员 → 挖掘机司机, 木匠 → 木工),
 * or its bare object when that names a trade of the same kind of role (叉车操作手 → 叉车 → 叉车司机).
 */
function byRole(index: ConceptIndex, core: string, result: Outcome): string | undefined {
  for (const variant of roleVariants(core)) {
    const hit = index.keys.get(variant);
    if (hit === undefined || hit.assumption !== undefined) continue;
    if (!rolesAgree(core, index.names.get(hit.id) ?? variant)) continue;
    return result.guess(hit.id, 'role', ROLE_SWAPPED);
  }
  return undefined;
}

/** Pinyin typed in Latin letters, pinyin initials, or Han text that sounds like a known name. */
function bySound(index: ConceptIndex, core: string, result: Outcome): string | undefined {
  const attempts: (readonly [readonly string[] | undefined, number])[] = isLatinWord(core)
    ? [
        [index.pinyin.get(core), PINYIN_TYPED],
        [index.initials.get(core), PINYIN_INITIALS],
      ]
    : core.length >= 2 && hasHan(core)
      ? [[index.pinyin.get(charPinyinOf(core)), PINYIN_SOUNDS_ALIKE]]
      : [];
  for (const [ids, confidence] of attempts) {
    if (ids === undefined) continue;
    const alike = ids.filter((id) => !crossesContrast(core, cleanText(index.names.get(id) ?? '')));
    const common = index.commonConcept(alike);
    if (common !== undefined) return result.guess(common, 'pinyin', confidence);
    for (const id of alike) result.suggest(id, AMBIGUOUS_SOUND);
  }
  return undefined;
}

/**
 * A near spelling, accepted only when it is clearly closer to one concept than to any other: 电工 and
 * 电焊工 are one character apart and different trades, so a text between them stays unknown. Concepts
 * within the margin that are kinds of one another (点焊工 is a 焊工) resolve to the broader one.
 */
function byFuzzy(index: ConceptIndex, core: string, settings: Settings, result: Outcome): string | undefined {
  // A known name inside the text is the broader rule's business, not a typo; and a near spelling never
  // crosses a contrast (低压电工 is not a typo of 高压电工) or a kind of role.
  const matches = index.matcher
    .match(core, settings.maxSuggestions + 4)
    .filter((match) => !(match.text.length < core.length && core.includes(match.text)))
    .filter((match) => !crossesContrast(core, match.text) && rolesAgree(core, match.text));
  for (const match of matches) result.suggest(match.id, match.similarity * FUZZY_SCALE);
  const [best] = matches;
  if (best === undefined || best.similarity < settings.minFuzzySimilarity) return undefined;
  const close = matches.filter((match) => best.similarity - match.similarity < settings.minFuzzyMargin);
  const common = index.commonConcept(close.map((match) => match.id));
  if (common === undefined) return undefined;
  return result.guess(common, 'fuzzy', best.similarity * FUZZY_SCALE);
}

/**
 * A longer text that contains a known name (氩弧焊学徒 → 氩弧焊): the longest contained name wins when no
 * other concept is named by a contained text as long; several trades side by side stay unknown.
 */
function byContainedName(index: ConceptIndex, core: string, result: Outcome): string | undefined {
  const found: { id: string; start: number; end: number }[] = [];
  for (const length of index.keyLengths) {
    if (length >= core.length) continue;
    if (length < 2) break;
    for (let start = 0; start + length <= core.length; start++) {
      const key = core.slice(start, start + length);
      const hit = index.keys.get(key);
      // A role word alone (操作工, 师傅) names no trade inside a longer text.
      if (hit === undefined || hit.assumption !== undefined || isRoleWord(key)) continue;
      // 装载机修理工 names a repairer: the 装载机 inside it (a driver's trade) is not what it is.
      if (crossesContrast(core, key) || !rolesAgree(core, index.names.get(hit.id) ?? key)) continue;
      // "qc" names a trade in "qc员" but not inside a Latin word such as "aqcx".
      if (
        isAsciiWord(key) &&
        (isAsciiWord(core.charAt(start - 1)) || isAsciiWord(core.charAt(start + length)))
      ) {
        continue;
      }
      found.push({ id: hit.id, start, end: start + length });
    }
  }
  // Only names not inside a longer found name count (焊工 inside 氩弧焊工 is not a second trade).
  const maximal = found.filter(
    (inner) =>
      !found.some(
        (outer) =>
          outer !== inner &&
          outer.start <= inner.start &&
          outer.end >= inner.end &&
          outer.end - outer.start > inner.end - inner.start,
      ),
  );
  const [longest] = maximal; // `found` is ordered longest first
  if (longest === undefined) return undefined;
  const longestLength = longest.end - longest.start;
  const others = new Set(maximal.filter((m) => m.id !== longest.id).map((m) => m.id));
  for (const match of maximal)
    result.suggest(match.id, 0.3 + (0.4 * (match.end - match.start)) / core.length);
  const tie = maximal.some((m) => m.id !== longest.id && m.end - m.start === longestLength);
  if (tie) return undefined;
  const confidence = 0.5 + (0.3 * longestLength) / core.length - (others.size > 0 ? 0.1 : 0);
  return result.guess(longest.id, 'broader', confidence);
}

const ASCII_WORD = /^[a-z0-9]+$/;

function isAsciiWord(text: string): boolean {
  return ASCII_WORD.test(text);
}

const NO_SUGGESTIONS: readonly Suggestion<string>[] = Object.freeze([]);

/** Collects suggestions along the way and builds the final `Normalized`. */
class Outcome {
  level: SkillLevel | undefined;
  assumption: string | undefined;
  readonly #index: ConceptIndex;
  readonly #input: string;
  readonly #max: number;
  readonly #suggestions = new Map<string, number>();
  #guess: { id: string; rule: Exclude<NormalizeRule, 'unknown'>; confidence: number } | undefined;

  constructor(index: ConceptIndex, input: string, max: number) {
    this.#index = index;
    this.#input = input;
    this.#max = max;
  }

  suggest(id: string, confidence: number): void {
    const current = this.#suggestions.get(id);
    if (current === undefined || confidence > current) this.#suggestions.set(id, confidence);
  }

  /** Records a rule's answer, to be built once the level is settled; returns the id. */
  guess(id: string, rule: Exclude<NormalizeRule, 'unknown'>, confidence: number): string {
    this.#guess = { id, rule, confidence };
    return id;
  }

  /** The recorded guess, built. */
  built(): Normalized<string> {
    const guess = this.#guess;
    return guess === undefined ? this.unknown() : this.found(guess.id, guess.rule, guess.confidence);
  }

  found(id: string, rule: Exclude<NormalizeRule, 'unknown'>, confidence: number): Normalized<string> {
    const certain = rule === 'exact' || rule === 'alias';
    return this.#build(id, this.#index.names.get(id) ?? null, rule, confidence, certain ? undefined : id);
  }

  unknown(): Normalized<string> {
    // A level stated without a known trade is still reported (a roster's 等级 column reads 四级).
    this.assumption = undefined;
    return this.#build(null, null, 'unknown', 0, null);
  }

  #build(
    code: string | null,
    name: string | null,
    rule: NormalizeRule,
    confidence: number,
    /** `undefined`: no suggestions; a string or null: suggestions other than that concept. */
    exclude: string | null | undefined,
  ): Normalized<string> {
    const suggestions = exclude === undefined ? NO_SUGGESTIONS : this.#ranked(exclude);
    const base = { input: this.#input, code, name, rule, confidence: round(confidence), suggestions };
    const level = this.level;
    const stated =
      level === undefined
        ? {}
        : {
            nationalLevel: nationalLevelOf(level),
            levelName: nationalLevelName(nationalLevelOf(level)),
            level,
          };
    const assumed = this.assumption === undefined ? {} : { assumption: this.assumption };
    // Frozen like the precomputed results of the fast path: a caller cannot change what others see.
    return Object.freeze({ ...base, ...stated, ...assumed });
  }

  #ranked(exclude: string | null): readonly Suggestion<string>[] {
    if (this.#suggestions.size === 0 || this.#max === 0) return NO_SUGGESTIONS;
    const ranked = [...this.#suggestions]
      .filter(([id]) => id !== exclude)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, this.#max)
      .map(([id, confidence]) =>
        Object.freeze({ code: id, name: this.#index.names.get(id) ?? id, confidence: round(confidence) }),
      );
    return Object.freeze(ranked);
  }
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
