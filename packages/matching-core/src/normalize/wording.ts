import type { SkillLevel } from '@anju/shared';

// How residents and employers wrap a trade name: a stated skill level, experience, and filler words.
// Everything here works on cleaned text (NFKC, lower case, no spaces or punctuation).

/** 职业技能等级 as written → stored level (1 = 五级/初级工 … 5 = 一级/高级技师); longest first. */
const LEVEL_TOKENS: readonly (readonly [string, SkillLevel])[] = [
  ['高级技师', 5],
  ['初级工', 1],
  ['中级工', 2],
  ['高级工', 3],
  ['技师', 4],
  ['初级', 1],
  ['中级', 2],
  ['高级', 3],
  ['五级', 1],
  ['四级', 2],
  ['三级', 3],
  ['二级', 4],
  ['一级', 5],
  ['5级', 1],
  ['4级', 2],
  ['3级', 3],
  ['2级', 4],
  ['1级', 5],
];

/** Words before a trade name that say nothing about the trade ("做过", "熟练" …); longest first. */
const PREFIXES: readonly string[] = [
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
}

/** Takes a stated level off the start or end of the text: 高级电工 → 电工, 3. */
export function splitLevel(text: string): LevelSplit {
  for (const [token, level] of LEVEL_TOKENS) {
    if (text.length > token.length && text.startsWith(token))
      return { text: text.slice(token.length), level };
    if (text.length > token.length && text.endsWith(token))
      return { text: text.slice(0, -token.length), level };
    if (text === token) return { text: '', level };
  }
  return { text };
}

export interface Peeled {
  /** Texts to look up, in order: the text as given first, so a name that contains a filler is found whole. */
  readonly lookups: readonly string[];
  /** The text with the wrapping taken off, for the pinyin, fuzzy and broader rules. */
  readonly core: string;
  /** A skill level stated in the text. */
  readonly level?: SkillLevel;
}

/** Peels wrapping off one layer at a time: a stated level, years of experience, fillers before and after. */
export function peel(text: string, suffixes: readonly string[] = SUFFIXES): Peeled {
  const lookups: string[] = [];
  const look = (candidate: string): void => {
    lookups.push(candidate);
    const weak = stripOne(candidate, WEAK_PREFIXES, 'start');
    if (weak !== candidate) lookups.push(weak);
  };
  const step = (from: string, to: string): string => {
    if (to === from || to.length === 0) return from;
    look(to);
    return to;
  };
  look(text);
  let level: SkillLevel | undefined;
  let core = text;
  for (let round = 0; round < 6; round++) {
    let next = core;
    if (level === undefined) {
      const split = splitLevel(next);
      if (split.level !== undefined) {
        level = split.level;
        next = step(next, split.text);
      }
    }
    if (next.includes('年')) next = step(next, next.replace(LEADING_YEARS, '').replace(TRAILING_YEARS, ''));
    next = step(next, stripOne(next, PREFIXES, 'start'));
    next = step(next, stripOne(next, suffixes, 'end'));
    if (next === core) break;
    core = next;
  }
  return level === undefined ? { lookups, core } : { lookups, core, level };
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
