// Synthetic people for the service tests: valid-looking, never real. The PII-04 scan looks for exactly these.
import { idCheckCharacter } from '@anju/shared';

/** A valid synthetic 身份证号 for sequence number `n` (province 52, birth dates in the 1980s). */
export function syntheticIdNumber(n: number): string {
  const birth = `198${n % 10}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`;
  const first17 = `520121${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

/** A synthetic mainland mobile number for sequence number `n`. */
export function syntheticPhone(n: number): string {
  return `139${String(n).padStart(8, '0')}`;
}

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['秀英', '建国', '桂兰', '志强', '海燕', '明', '芳', '伟', '娜', '军'];

/** A synthetic two- or three-character name for sequence number `n`. */
export function syntheticName(n: number): string {
  return `${FAMILY[n % 10] ?? '王'}${GIVEN[Math.floor(n / 10) % 10] ?? '明'}`;
}

/** Every name `syntheticName` gives. */
export const SEEDED_NAMES: readonly string[] = Array.from({ length: 100 }, (_, n) => syntheticName(n));
