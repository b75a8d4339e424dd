import { pinyin } from 'pinyin-pro';

// Spaces, punctuation and symbols carry no meaning in a trade name ("电 焊", "焊工（中级）", "B-2").
const SEPARATORS = /[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu;
const HAN = /\p{Script=Han}/u;
const LATIN_LETTERS = /^[a-z]+$/;

/**
 * The one text normalisation every label and every input goes through: NFKC (full-width → half-width,
 * compatibility forms folded), lower case, no spaces, punctuation or symbols.
 */
export function cleanText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Only ASCII letters: text someone may have typed as pinyin or pinyin initials. */
export function isLatinWord(text: string): boolean {
  return LATIN_LETTERS.test(text);
}

export interface Pinyin {
  /** Toneless syllables joined, ü written v: 电焊工 → `dianhangong`, 绿化 → `lvhua`. */
  readonly full: string;
  /** First letter of each syllable: 电焊工 → `dhg`. */
  readonly initials: string;
}

/** Pinyin of cleaned text, read as words; characters that are not Han stay as they are (B2货车 → `b2huoche`). */
export function pinyinOf(cleaned: string): Pinyin {
  const syllables = pinyin(cleaned, { toneType: 'none', type: 'array', v: true });
  let full = '';
  let initials = '';
  for (const syllable of syllables) {
    const lower = syllable.toLowerCase();
    full += lower;
    initials += lower.charAt(0);
  }
  return { full, initials };
}

// Readings of single characters, cached: reading a query character by character costs a map look-up per
// character instead of a dictionary pass (polyphones get their most common reading).
const charReadings = new Map<string, string>();
const MAX_CACHED_READINGS = 50_000;

/** Toneless pinyin of cleaned text read one character at a time: quick, for texts nobody has seen. */
export function charPinyinOf(cleaned: string): string {
  let full = '';
  for (const char of cleaned) {
    let reading = charReadings.get(char);
    if (reading === undefined) {
      reading = hasHan(char) ? pinyin(char, { toneType: 'none', v: true }).toLowerCase() : char;
      if (charReadings.size >= MAX_CACHED_READINGS) charReadings.clear();
      charReadings.set(char, reading);
    }
    full += reading;
  }
  return full;
}
