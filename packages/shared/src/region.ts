import { z } from 'zod';

/** A 6-digit GB/T 2260 administrative code; the first two digits are the province. */
export const CountyCode = z.string().regex(/^[1-9]\d{5}$/, 'a 6-digit GB/T 2260 code');
export type CountyCode = z.infer<typeof CountyCode>;

/** The province part of a county code: two codes in different provinces make a cross-province move. */
export function provinceOf(code: CountyCode): string {
  return code.slice(0, 2);
}
