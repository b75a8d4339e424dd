// Cell → value readers for county sheets: full-width text, numbers typed as text, dates typed as dates.
import { checkIdNumber, checkMobile, nationalLevelOf, type Mobility, type NationalLevel } from '@anju/shared';
import type { SheetCell } from '../../infra/xlsx.ts';
import type { LevelNumbering } from './columns.ts';
import type { ImportIssueCode } from './messages.ts';

/** A read value, or the code of what is wrong with the cell. Empty cells read as `undefined`. */
export type Read<T> =
  | { readonly ok: true; readonly value: T | undefined }
  | { readonly ok: false; readonly code: ImportIssueCode };

const ok = <T>(value: T | undefined): Read<T> => ({ ok: true, value });
const fail = <T>(code: ImportIssueCode): Read<T> => ({ ok: false, code });

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Any cell as trimmed NFKC text; whole numbers without a decimal point, dates as YYYY-MM-DD. */
export function textOf(cell: SheetCell | undefined): string | undefined {
  if (cell === undefined) return undefined;
  switch (cell.kind) {
    case 'empty':
      return undefined;
    case 'text': {
      const text = cell.text.normalize('NFKC').trim();
      return text === '' ? undefined : text;
    }
    case 'number':
      return Number.isInteger(cell.value) ? cell.value.toFixed(0) : String(cell.value);
    case 'date':
      return isoDate(cell.value);
    case 'boolean':
      return cell.value ? '是' : '否';
  }
}

export function readText(cell: SheetCell | undefined, max: number): Read<string> {
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  return Array.from(text).length > max ? fail('TOO_LONG') : ok(text);
}

/**
 * A 身份证号 as stored text. A numeric cell is refused: 18 digits do not fit a double, so Excel has already
 * lost the last ones, and guessing them back is not possible.
 */
export function readIdNumber(cell: SheetCell | undefined): Read<string> {
  if (cell?.kind === 'number') return fail('ID_AS_NUMBER');
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  const checked = checkIdNumber(text.replace(/[\s'‘’]/g, ''));
  return checked.ok ? ok(checked.value) : fail(checked.code);
}

export function readMobile(cell: SheetCell | undefined): Read<string> {
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  const checked = checkMobile(text.replace(/['‘’]/g, ''));
  return checked.ok ? ok(checked.value) : fail('PHONE_FORMAT');
}

/** A whole number of people, yuan or hours: `3,000`, `3000元`, `3000元/月`, `20人` and numeric cells. */
export function readWholeNumber(cell: SheetCell | undefined): Read<number> {
  if (cell?.kind === 'number')
    return Number.isInteger(cell.value) && cell.value >= 0 ? ok(cell.value) : fail('NUMBER_FORMAT');
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  const bare = text.replace(/[,，\s]|元|\/月|每月|人|名|个|小时|h$/gi, '');
  return /^\d{1,7}$/.test(bare) ? ok(Number(bare)) : fail('NUMBER_FORMAT');
}

/** A wage: one amount, or a range `3000-4500` / `3000~4500元` / `3000至4500`. */
export function readWageRange(cell: SheetCell | undefined): Read<{ min: number; max: number }> {
  if (cell?.kind === 'number') {
    const single = readWholeNumber(cell);
    return single.ok && single.value !== undefined
      ? ok({ min: single.value, max: single.value })
      : fail('WAGE_FORMAT');
  }
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  const parts = text.replace(/[,，\s]|元|\/月|每月/g, '').split(/[-~～—–至到]/);
  if (parts.length > 2 || parts.some((part) => !/^\d{1,6}$/.test(part))) return fail('WAGE_FORMAT');
  const [min, max] = [Number(parts[0]), Number(parts[parts.length - 1])];
  return min <= max ? ok({ min, max }) : fail('WAGE_FORMAT');
}

const YES = new Set(['是', '有', 'y', 'yes', '1', 'true', '√', '✓', '包', '包住', '提供', '需要']);
const NO = new Set([
  '否',
  '无',
  '没有',
  'n',
  'no',
  '0',
  'false',
  '×',
  '✗',
  '不包',
  '不包住',
  '不提供',
  '不需要',
  '/',
]);

export function readYesNo(cell: SheetCell | undefined): Read<boolean> {
  if (cell?.kind === 'boolean') return ok(cell.value);
  const text = textOf(cell)?.toLowerCase();
  if (text === undefined) return ok(undefined);
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return fail('YES_NO_FORMAT');
}

/** The words for each 职业技能等级, national numbering (1 = 一级/高级技师 … 5 = 五级/初级工). */
const LEVEL_WORDS: Readonly<Record<string, NationalLevel>> = {
  初级: 5,
  初级工: 5,
  五级: 5,
  中级: 4,
  中级工: 4,
  四级: 4,
  高级: 3,
  高级工: 3,
  三级: 3,
  技师: 2,
  二级: 2,
  高级技师: 1,
  一级: 1,
};

/**
 * One 职业技能等级 in the national numbering. Words are always read (中级, 四级, 四级/中级工, 高级工(三级));
 * so is a digit with 级 (3级 is 三级). A bare number says nothing of which end is highest, so it is read
 * only in the numbering the column's header declares, and refused (LEVEL_NUMBER_AMBIGUOUS) otherwise.
 */
export function readLevel(text: string, numbering: LevelNumbering | undefined): Read<NationalLevel> {
  const bare = text.normalize('NFKC').replace(/\s|职业技能|等级证?|证书/g, '');
  const named = /^([1-5])级$/.exec(bare)?.[1];
  if (named !== undefined) return ok(Number(named));
  if (/^\d+(\.\d+)?$/.test(bare)) {
    if (numbering === undefined) return fail('LEVEL_NUMBER_AMBIGUOUS');
    if (!/^[1-5]$/.test(bare)) return fail('LEVEL_FORMAT');
    // Numbers that run upwards (1 = 五级 … 5 = 一级) are the rank the core keeps internally.
    return ok(numbering === 'national' ? Number(bare) : nationalLevelOf(Number(bare)));
  }
  // 五级/初级工 or 高级工(三级): every part a level word, all the same level.
  const levels = new Set(
    bare
      .split(/[/()]/)
      .filter((part) => part !== '')
      .map((part) => LEVEL_WORDS[part]),
  );
  const [level] = levels;
  return levels.size === 1 && level !== undefined ? ok(level) : fail('LEVEL_FORMAT');
}

const MOBILITY_WORDS: Readonly<Record<string, Mobility>> = {
  县内: 'local',
  本县: 'local',
  就近: 'local',
  就地: 'local',
  就近就业: 'local',
  家门口: 'local',
  本地: 'local',
  不外出: 'local',
  省内: 'province',
  本省: 'province',
  省外: 'national',
  跨省: 'national',
  外省: 'national',
  全国: 'national',
  不限: 'national',
  均可: 'national',
};

export function readMobility(cell: SheetCell | undefined): Read<Mobility> {
  const text = textOf(cell)?.replace(/\s|务工|就业/g, '');
  if (text === undefined || text === '') return ok(undefined);
  const mobility = MOBILITY_WORDS[text];
  return mobility === undefined ? fail('MOBILITY_FORMAT') : ok(mobility);
}

/** A 6-digit GB/T 2260 code at the start of the cell (`520121`, `520121 开阳县`). */
export function readCountyCode(cell: SheetCell | undefined): Read<string> {
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  const code = /^([1-9]\d{5})(?!\d)/.exec(text)?.[1];
  return code === undefined ? fail('COUNTY_FORMAT') : ok(code);
}

export function readTownshipCode(cell: SheetCell | undefined): Read<string> {
  const text = textOf(cell);
  if (text === undefined) return ok(undefined);
  const code = /^([1-9]\d{8})(?!\d)/.exec(text)?.[1];
  return code === undefined ? fail('TOWNSHIP_FORMAT') : ok(code);
}

/** Splits a list cell (`电焊、砌筑`, `电焊,砌筑`, `电焊；砌筑`, one per line) into its items. */
export function splitList(text: string | undefined): string[] {
  return splitOn(text, /[、,，;；/|\n]+/);
}

/** Splits a level cell like a list, but keeps `五级/初级工` whole: the slash joins two names of one level. */
export function splitLevels(text: string | undefined): string[] {
  return splitOn(text, /[、,，;；|\n]+/);
}

function splitOn(text: string | undefined, separators: RegExp): string[] {
  if (text === undefined) return [];
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== '无');
}

/** The sex a 身份证号 records: its 17th character, odd for men. */
export function sexOfIdNumber(idNumber: string): '男' | '女' {
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女';
}
