import type { Role } from '@anju/shared';

/** Every permission a route can require. */
export const PERMISSIONS = [
  'households:read',
  'households:write',
  'residents:read',
  'residents:write',
  'residents:reveal',
  'employers:read',
  'employers:write',
  'openings:read',
  'openings:write',
  'cohorts:read',
  'cohorts:write',
  'enrollments:read',
  'enrollments:write',
  'attendance:read',
  'attendance:write',
  'proposals:read',
  'fairs:read',
  'fairs:write',
  'booths:read',
  'booths:write',
  'registrations:read',
  'registrations:write',
  'placements:read',
  'placements:write',
  'followups:read',
  'followups:write',
  'followups:record',
  /** Run the county-wide monthly tick by hand: a system act, for admins only. */
  'followups:tick',
  'alerts:read',
  'alerts:write',
  'grids:read',
  'grids:write',
  'audit:read',
  'reports:read',
  'jobs:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READS = PERMISSIONS.filter((permission) => permission.endsWith(':read'));

/**
 * Deny by default: a role holds exactly the permissions listed here. Scope (which township, provider,
 * employer) is a second check, in scope.ts.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = Object.freeze({
  admin: new Set(PERMISSIONS),
  staff: new Set(
    PERMISSIONS.filter((permission) => permission !== 'audit:read' && permission !== 'followups:tick'),
  ),
  provider: new Set<Permission>([
    'cohorts:read',
    'cohorts:write',
    'enrollments:read',
    'attendance:read',
    'attendance:write',
  ]),
  employer: new Set<Permission>([
    'employers:read',
    'openings:read',
    'openings:write',
    'fairs:read',
    'booths:read',
    'registrations:read',
    'placements:read',
  ]),
  // Auditors read everything, masked, and write nothing; not even a reveal.
  auditor: new Set<Permission>(READS),
  // Grid workers visit and record; what they see is narrowed to their assignments by scope.ts.
  'grid-worker': new Set<Permission>(['followups:read', 'followups:record', 'alerts:read', 'grids:read']),
});

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
