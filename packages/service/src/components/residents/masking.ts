import type { Role } from '@anju/shared';

/** Staff, admins and auditors see the region and the last four (`5201**********123X`); others the ends only. */
export function maskIdNumber(idNumber: string, role: Role): string {
  if (role === 'employer' || role === 'provider' || role === 'grid-worker')
    return `${idNumber.slice(0, 1)}${'*'.repeat(Math.max(idNumber.length - 2, 0))}${idNumber.slice(-1)}`;
  return `${idNumber.slice(0, 4)}${'*'.repeat(Math.max(idNumber.length - 8, 0))}${idNumber.slice(-4)}`;
}

/** `13800138000` → `138****8000` */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***` (family name kept, the rest hidden). */
export function maskName(name: string): string {
  const characters = Array.from(name);
  return `${characters[0] ?? ''}${'*'.repeat(Math.max(characters.length - 1, 1))}`;
}
