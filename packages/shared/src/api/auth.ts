import { z } from 'zod';
import { PartyId, RecordId, TownshipCode } from './common.ts';

/** A console or API user's role; scoping (townships, provider, employer) comes with the token. */
export const Role = z.enum(['admin', 'staff', 'provider', 'employer', 'auditor', 'grid-worker']);
export type Role = z.infer<typeof Role>;

/**
 * The claims of an Anju access token besides `iss`, `aud`, `exp`: who, in which role, and the scope
 * (townships for staff and grid workers, a provider id for providers, an employer id for employers).
 */
export const TokenClaims = z.discriminatedUnion('role', [
  z.object({ sub: PartyId, role: z.literal('admin') }),
  z.object({ sub: PartyId, role: z.literal('auditor') }),
  z.object({ sub: PartyId, role: z.literal('staff'), townships: z.array(TownshipCode).min(1).max(50) }),
  z.object({ sub: PartyId, role: z.literal('provider'), providerId: PartyId }),
  z.object({ sub: PartyId, role: z.literal('employer'), employerId: RecordId }),
  // 网格员: `sub` is their worker id on a grid; they see the follow-ups assigned to them in their township.
  z.object({
    sub: PartyId,
    role: z.literal('grid-worker'),
    townships: z.array(TownshipCode).min(1).max(50),
  }),
]);
export type TokenClaims = z.infer<typeof TokenClaims>;
