import { pinyin } from 'pinyin-pro';
import type { Licence, Occupation } from '../taxonomy/types.ts';
import type { Random } from './random.ts';

/** The longest skill or licence text the input schemas accept. */
const MAX_TEXT = 40;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * How people write trades and licences on a form or say them to a grid worker: everyday phrasings of the
 * county's trades (see trades.ts), with 会/做过 phrasing, pinyin, initials and the odd typo. Variants never
 * change the trade (no dropped characters: 电焊工 minus 焊 would be 电工, a different trade).
 */
export class Spelling {
  readonly #pinyin = new Map<string, string>();
  readonly #initials = new Map<string, string>();

  /**
   * A resident's own words for a trade they have worked in: one of the trade's everyday phrasings, with
   * 会/做过 wording, pinyin, initials and the odd typo. `craft` says whether 会 fits (会电焊, not 会普工).
   */
  residentSkill(says: readonly string[], craft: boolean, fallback: string, random: Random): string {
    const base = says.length > 0 ? random.pick(says) : fallback;
    return fit(this.#phrase(craft, base, random), fallback);
  }

  #phrase(craft: boolean, base: string, random: Random): string {
    const roll = random.next();
    if (roll < 0.56) return base;
    if (roll < 0.68) {
      if (!craft) return `做过${base}`;
      return base.startsWith('会') ? base : `会${base}`;
    }
    if (roll < 0.76) return `${random.pick(['做过', '干过'])}${base}`;
    if (roll < 0.8) return `${base}${random.pick(['经验', '工作'])}`;
    if (roll < 0.88) return HAN_ONLY.test(base) ? this.#fullPinyin(base) : base;
    if (roll < 0.9) return HAN_ONLY.test(base) && base.length >= 2 ? this.#initialsOf(base) : base;
    if (roll < 0.95) return /[工员师傅]$/u.test(base) ? base : `${base}师傅`;
    return typo(base, random);
  }

  /**
   * How an employer names the occupation of an opening: mostly as postings do, sometimes by the official
   * name, now and then by the concept id (a sheet exported from Anju).
   */
  openingOccupation(posts: readonly string[], occupation: Occupation, random: Random): string {
    const roll = random.next();
    if (roll < 0.08) return fit(occupation.id, occupation.name);
    if (roll < 0.35 || posts.length === 0) return fit(occupation.name, occupation.id);
    return fit(random.pick(posts), occupation.name);
  }

  /** A skill an employer lists: the official name or the words of postings. */
  openingSkill(posts: readonly string[], occupation: Occupation, random: Random): string {
    if (posts.length === 0 || random.chance(0.5)) return fit(occupation.name, occupation.id);
    return fit(random.pick(posts), occupation.name);
  }

  /** A licence as written on a form: its title, its item, or what people call the card. */
  licence(licence: Licence, title: string, random: Random): string {
    const roll = random.next();
    if (roll < 0.25) return fit(title, licence.name);
    if (licence.aliases.length === 0 || roll < 0.45) return fit(licence.name, licence.id);
    return fit(random.pick(licence.aliases), licence.name);
  }

  #fullPinyin(text: string): string {
    let found = this.#pinyin.get(text);
    if (found === undefined) {
      found = pinyin(text, { toneType: 'none', type: 'array' }).join('').toLowerCase();
      this.#pinyin.set(text, found);
    }
    return found;
  }

  #initialsOf(text: string): string {
    let found = this.#initials.get(text);
    if (found === undefined) {
      found = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
      this.#initials.set(text, found);
    }
    return found;
  }
}

/** Two neighbouring characters swapped, or one doubled: a slip of the keyboard, same trade. */
function typo(text: string, random: Random): string {
  const characters = Array.from(text);
  if (characters.length >= 3 && random.chance(0.5)) {
    const at = random.int(0, characters.length - 2);
    [characters[at], characters[at + 1]] = [characters[at + 1] as string, characters[at] as string];
    return characters.join('');
  }
  const at = random.int(0, characters.length - 1);
  characters.splice(at, 0, characters[at] as string);
  return characters.join('');
}

/** Keeps texts inside the schemas' limits; a blank or over-long variant falls back to `fallback`. */
function fit(text: string, fallback: string): string {
  const trimmed = text.trim();
  if (trimmed.length > 0 && trimmed.length <= MAX_TEXT) return trimmed;
  return clip(fallback.trim(), MAX_TEXT);
}

/** At most `max` UTF-16 units (what the schemas count), never splitting a character. */
export function clip(text: string, max: number): string {
  let clipped = '';
  for (const character of text) {
    if (clipped.length + character.length > max) break;
    clipped += character;
  }
  return clipped;
}
