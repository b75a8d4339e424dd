import type { Principal } from '../auth/tokens.ts';

export const FAIR_MATCHING = 'fair-matching';
export const REMATCH = 'rematch';

/** Whose residents a matching job for a fair in `countyCode` may read, given who asks. */
export interface MatchingReach {
  readonly townshipCodes: string[];
  readonly allTownships: boolean;
}

/**
 * Admins match every township of the fair's county; staff the townships of that county they hold
 * (township codes start with the 6-digit county code). Anyone else, or staff with no township there,
 * cannot run it (null).
 */
export function matchingReach(principal: Principal, countyCode: string): MatchingReach | null {
  switch (principal.role) {
    case 'admin':
      return { townshipCodes: [], allTownships: true };
    case 'staff': {
      const townshipCodes = principal.townships.filter((code) => code.startsWith(countyCode));
      return townshipCodes.length === 0 ? null : { townshipCodes, allTownships: false };
    }
    case 'auditor':
    case 'provider':
    case 'employer':
      return null;
  }
}
