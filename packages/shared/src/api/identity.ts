import { z } from 'zod';

/** GB/T 2260 province codes: the first two digits of a 身份证号. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The outcome of `checkIdNumber` / `checkMobile`: the normalised value, or the code of what is wrong. */
export type IdentityCheck =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly code: 'ID_FORMAT' | 'ID_PROVINCE' | 'ID_BIRTH_DATE' | 'ID_CHECK_CHARACTER' | 'PHONE_FORMAT';
    };

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

function isRealDate(year: number, month: number, day: number, today: Date): boolean {
  if (year < 1900) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  return date.getTime() <= today.getTime();
}

/**
 * Normalises and validates an 18-character 身份证号 (GB 11643): NFKC (full-width digits), upper-case X,
 * province prefix, a real birth date not in the future, and the MOD 11-2 check character.
 * Never echoes the input in its result.
 */
export function checkIdNumber(input: string, today: Date = new Date()): IdentityCheck {
  const value = input.normalize('NFKC').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'ID_FORMAT' };
  if (!PROVINCES.has(value.slice(0, 2))) return { ok: false, code: 'ID_PROVINCE' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isRealDate(year, month, day, today)) return { ok: false, code: 'ID_BIRTH_DATE' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'ID_CHECK_CHARACTER' };
  return { ok: true, value };
}

/** Normalises and validates a mainland mobile number: NFKC, separators and a +86 prefix dropped, 1[3-9]xxxxxxxxx. */
export function checkMobile(input: string): IdentityCheck {
  const value = input
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^(?:\+86|0086)/, '');
  if (!/^1[3-9]\d{9}$/.test(value)) return { ok: false, code: 'PHONE_FORMAT' };
  return { ok: true, value };
}

/** A 身份证号 as a request field: validated, normalised to 18 ASCII characters. */
export const IdNumber = z
  .string()
  .max(40)
  .transform((input, ctx) => {
    const checked = checkIdNumber(input);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: `not a valid 身份证号 (${checked.code})` });
    return z.NEVER;
  })
  .describe('18-character 身份证号 (GB 11643); full-width digits and a lower-case x are accepted');
export type IdNumber = z.output<typeof IdNumber>;

/** A mainland mobile number as a request field, normalised to 11 digits. */
export const MobilePhone = z
  .string()
  .max(24)
  .transform((input, ctx) => {
    const checked = checkMobile(input);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: 'not a mainland mobile number' });
    return z.NEVER;
  })
  .describe('mainland mobile number, e.g. 13800138000');
export type MobilePhone = z.output<typeof MobilePhone>;
