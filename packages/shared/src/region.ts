import { areaList } from '@vant/area-data';
import { z } from 'zod';

/** A 6-digit GB/T 2260 administrative code; the first two digits are the province. */
export const CountyCode = z.string().regex(/^[1-9]\d{5}$/, 'a 6-digit GB/T 2260 code');
export type CountyCode = z.infer<typeof CountyCode>;

/** The province part of a county code: two codes in different provinces make a cross-province move. */
export function provinceOf(code: CountyCode): string {
  return code.slice(0, 2);
}

/** The names a GB/T 2260 code stands for, from the province down; empty parts are left out. */
export interface PlaceName {
  readonly province?: string;
  /** The prefecture-level city (地级市, 自治州 …); left out for 直辖市 districts and 省直辖 counties. */
  readonly city?: string;
  readonly county?: string;
  /** The parts joined, as written on an address: 广东省佛山市顺德区. */
  readonly full: string;
}

// "县" and "市辖区" stand in the GB/T 2260 tables for a 直辖市's county and district groups: not names.
const PLACEHOLDERS = new Set(['县', '市辖区', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function part(list: Readonly<Record<string, string>>, code: string): string | undefined {
  const name = list[code];
  return name === undefined || PLACEHOLDERS.has(name) ? undefined : name;
}

/**
 * The name of a province, city or county code from the GB/T 2260 tables that `@vant/area-data` ships
 * (520121 → 贵州省贵阳市开阳县, 440600 → 广东省佛山市); `undefined` for a code the tables do not have.
 */
export function placeName(code: string): PlaceName | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const province = part(areaList.province_list, `${code.slice(0, 2)}0000`);
  if (province === undefined) return undefined;
  const isProvince = code.endsWith('0000');
  const isCity = !isProvince && code.endsWith('00');
  const city = isProvince ? undefined : part(areaList.city_list, `${code.slice(0, 4)}00`);
  const county = isProvince || isCity ? undefined : part(areaList.county_list, code);
  // A code below the province must name something the tables know, or it is not a real place.
  if (isCity && city === undefined) return undefined;
  if (!isProvince && !isCity && county === undefined) return undefined;
  // 北京市东城区, not 北京市北京市东城区: a 直辖市's city entry repeats the province.
  const shownCity = city === province ? undefined : city;
  return {
    province,
    ...(shownCity === undefined ? {} : { city: shownCity }),
    ...(county === undefined ? {} : { county }),
    full: [province, shownCity, county].filter((name) => name !== undefined).join(''),
  };
}
