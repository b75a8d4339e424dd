import { provinceOf, type CountyCode } from '@anju/shared';

/** Does work at `workplace` take someone living in `home` out of their province? */
export function isCrossProvince(home: CountyCode, workplace: CountyCode): boolean {
  return provinceOf(home) !== provinceOf(workplace);
}

/** Where `workplace` is seen from `home`: 0 the same county, 1 the same province, 2 another province. */
export function relationOf(home: CountyCode, workplace: CountyCode): 0 | 1 | 2 {
  if (home === workplace) return 0;
  return isCrossProvince(home, workplace) ? 2 : 1;
}
