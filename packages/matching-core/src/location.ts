import { provinceOf, type CountyCode } from '@anju/shared';

/** Does work at `workplace` take someone living in `home` out of their province? */
export function isCrossProvince(home: CountyCode, workplace: CountyCode): boolean {
  return provinceOf(home) !== provinceOf(workplace);
}
