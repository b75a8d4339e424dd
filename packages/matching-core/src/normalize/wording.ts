import type { SkillLevel } from '@anju/shared';

// How residents and employers wrap a trade name: a stated skill level, experience, and filler words.
// Everything here works on cleaned text (NFKC, lower case, no spaces or punctuation).

/**
 * 职业技能等级 as written → stored level (1 = 五级/初级工 … 5 = 一级/高级技师); longest first. A `bare`
 * token (初级, 中级, 高级) is also how shops grade their own staff (高级月嫂): see `Lookup.bareGrade`.
 */
const LEVEL_TOKENS: readonly (readonly [string, SkillLevel, 'named' | 'bare' | 'title'])[] = [
  ['一级高级技师', 5, 'named'],
  ['二级技师', 4, 'named'],
  ['三级高级工', 3, 'named'],
  ['四级中级工', 2, 'named'],
  ['五级初级工', 1, 'named'],
  ['高级技师', 5, 'title'],
  ['初级工', 1, 'named'],
  ['中级工', 2, 'named'],
  ['高级工', 3, 'named'],
  ['技师', 4, 'title'],
  ['初级', 1, 'bare'],
  ['中级', 2, 'bare'],
  ['高级', 3, 'bare'],
  ['五级', 1, 'named'],
  ['四级', 2, 'named'],
  ['三级', 3, 'named'],
  ['二级', 4, 'named'],
  ['一级', 5, 'named'],
  ['5级', 1, 'named'],
  ['4级', 2, 'named'],
  ['3级', 3, 'named'],
  ['2级', 4, 'named'],
  ['1级', 5, 'named'],
];

/**
 * Shops' own grades and praise (金牌月嫂, 资深保姆, 首席发型师): never a 职业技能等级, peeled like fillers.
 * Longest first.
 */
const GRADE_WORDS: readonly string[] = [
  '皇冠级',
  '金牌',
  '银牌',
  '铜牌',
  '星级',
  '五星',
  '四星',
  '三星',
  '皇冠',
  '资深',
  '首席',
  '明星',
  '王牌',
  '优秀',
  '专业',
  '老牌',
];

/** Words before a trade name that say nothing about the trade ("做过", "熟练" …); longest first. */
const PREFIXES: readonly string[] = [
  // The document a level is stated on (国家职业资格三级, 职业技能等级证书四级).
  '职业技能等级证书',
  '国家职业资格',
  '职业技能等级',
  '职业资格',
  '从事过',
  '做过',
  '干过',
  '当过',
  '做了',
  '干了',
  '从事',
  '熟练',
  '熟悉',
  '擅长',
  '懂得',
  '精通',
  '本人',
  '我是',
  '我会',
  ...GRADE_WORDS,
];

/**
 * One-character fillers ("会电焊", "能开叉车"). Too many real words start with them (会计, 有机, 能源), so
 * they are only peeled to look the rest up, never to guess at it.
 */
const WEAK_PREFIXES: readonly string[] = ['会', '能', '懂', '有'];

/** Words after a trade name ("师傅", "经验", "工作" …); longest first. */
const SUFFIXES: readonly string[] = [
  '工作经验',
  '相关工作',
  '都可以',
  '工作',
  '经验',
  '师傅',
  '师父',
  '熟手',
  '老手',
  '均可',
  '都行',
  '方面',
  '岗位',
  '相关',
  '以上',
  '人员',
  '工人',
];

/** Licence texts also carry the document's name ("叉车证", "焊工操作证"). */
const LICENCE_SUFFIXES: readonly string[] = ['操作证', '上岗证', '资格证', '证书', '证件', '证'];

const YEARS = '(?:\\d+|[一二两三四五六七八九十几多半]+)(?:个)?(?:多)?年(?:以上)?(?:的)?(?:工作)?(?:经验)?';
const LEADING_YEARS = new RegExp(`^${YEARS}`, 'u');
const TRAILING_YEARS = new RegExp(`${YEARS}$`, 'u');

export interface LevelSplit {
  readonly text: string;
  readonly level?: SkillLevel;
  /** The level came from 初级/中级/高级 alone, which shops also use for grades of their own. */
  readonly bareGrade?: boolean;
}

/**
 * Takes a stated level off the start or end of the text: 高级电工 → 电工, 3. 技师 after a name is a level
 * only after a trade's name ending in 工 (电工技师, 焊工高级技师); in 按摩技师, 美发技师 it is a job title.
 */
export function splitLevel(text: string): LevelSplit {
  for (const [token, level, kind] of LEVEL_TOKENS) {
    // The text is nothing but a level (a roster's 等级 column: 四级, 高级技师).
    if (text === token) return kind === 'bare' ? { text: '', level, bareGrade: true } : { text: '', level };
    if (text.length < token.length) continue;
    const split = (rest: string): LevelSplit =>
      kind === 'bare' ? { text: rest, level, bareGrade: true } : { text: rest, level };
    if (text.startsWith(token)) return split(text.slice(token.length));
    if (text.endsWith(token)) {
      const rest = text.slice(0, -token.length);
      if (kind !== 'title' || rest.endsWith('工')) return split(rest);
    }
  }
  return { text };
}

/** A text to look up, with the level (if any) that was peeled off on the way to it. */
export interface Lookup {
  readonly text: string;
  readonly level?: SkillLevel;
  readonly bareGrade?: boolean;
}

export interface Peeled {
  /** Texts to look up, in order: the text as given first, so a name that contains a filler is found whole. */
  readonly lookups: readonly Lookup[];
  /** The text with the wrapping taken off, for the pinyin, fuzzy and broader rules. */
  readonly core: string;
  /** A skill level stated in the text, read off on the way to `core`. */
  readonly level?: SkillLevel;
  readonly bareGrade?: boolean;
}

/**
 * Titles and 执业资格 with grades of their own (初级职称, 二级建造师, 高级工程师): their 一级/高级 is not a
 * 职业技能等级.
 */
const OWN_GRADES: readonly string[] = [
  '职称',
  '建造师',
  '工程师',
  '造价师',
  '经济师',
  '会计师',
  '医师',
  '教师',
  '律师',
  '监理',
];

/** Peels wrapping off one layer at a time: a stated level, years of experience, fillers before and after. */
export function peel(text: string, suffixes: readonly string[] = SUFFIXES): Peeled {
  const lookups: Lookup[] = [];
  // Read as if a level were already found: none is read from such a text.
  const ownGrades = OWN_GRADES.some((word) => text.includes(word));
  let level: LevelSplit | undefined = ownGrades ? { text } : undefined;
  const look = (candidate: string): void => {
    const stated =
      level?.level === undefined ? {} : { level: level.level, bareGrade: level.bareGrade === true };
    lookups.push({ text: candidate, ...stated });
    const weak = stripOne(candidate, WEAK_PREFIXES, 'start');
    if (weak !== candidate) lookups.push({ text: weak, ...stated });
  };
  const step = (from: string, to: string): string => {
    if (to === from || to.length === 0) return from;
    look(to);
    return to;
  };
  look(text);
  let core = text;
  for (let round = 0; round < 6; round++) {
    let next = core;
    if (level === undefined) {
      const split = splitLevel(next);
      if (split.level !== undefined) {
        level = split;
        // Nothing but a level (四级): nothing is left to read a trade from.
        if (split.text === '')
          return {
            lookups,
            core: '',
            level: split.level,
            ...(split.bareGrade === true ? { bareGrade: true } : {}),
          };
        next = step(next, split.text);
      }
    }
    if (next.includes('年')) next = step(next, next.replace(LEADING_YEARS, '').replace(TRAILING_YEARS, ''));
    next = step(next, stripOne(next, PREFIXES, 'start'));
    next = step(next, stripOne(next, suffixes, 'end'));
    if (next === core) break;
    core = next;
  }
  if (level?.level === undefined) return { lookups, core };
  return level.bareGrade === true
    ? { lookups, core, level: level.level, bareGrade: true }
    : { lookups, core, level: level.level };
}

/** Suffixes for licence texts: the document's own name first, then the usual wrapping. */
export const LICENCE_WRAPPING: readonly string[] = [...LICENCE_SUFFIXES, ...SUFFIXES];

function stripOne(text: string, words: readonly string[], side: 'start' | 'end'): string {
  for (const word of words) {
    if (text.length <= word.length) continue;
    if (side === 'start' && text.startsWith(word)) return text.slice(word.length);
    if (side === 'end' && text.endsWith(word)) return text.slice(0, -word.length);
  }
  return text;
}
