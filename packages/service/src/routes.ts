import { auditRoutes } from './components/audit/routes.ts';
import { attendanceRoutes } from './components/cohorts/attendance-routes.ts';
import { proposalRoutes } from './components/cohorts/proposals.ts';
import { cohortRoutes } from './components/cohorts/routes.ts';
import { employerRoutes, openingRoutes } from './components/employers/routes.ts';
import { outcomeRoutes } from './components/fairs/outcomes.ts';
import { fairRoutes } from './components/fairs/routes.ts';
import { alertRoutes, followUpRoutes } from './components/followups/routes.ts';
import { gridRoutes } from './components/grids/routes.ts';
import { followUpSheetRoutes } from './components/followups/sheets.ts';
import { followUpTickRoutes } from './components/followups/tick-routes.ts';
import { jobRoutes } from './components/jobs/routes.ts';
import { matchingRoutes } from './components/matching/routes.ts';
import { placementRoutes } from './components/placements/routes.ts';
import { importJobRoutes, importRoutes } from './components/imports/routes.ts';
import { reportRoutes } from './components/reports/routes.ts';
import { householdRoutes, residentRoutes } from './components/residents/routes.ts';
import type { Route } from './infra/http/route.ts';

/** The route table: every API route with its permission and schemas. Order matters only for `/lookup` before `/:id`. */
export const ROUTES: readonly Route[] = Object.freeze([
  ...householdRoutes,
  ...residentRoutes,
  ...employerRoutes,
  ...openingRoutes,
  // `/cohorts/proposals` before `/cohorts/:id`
  ...proposalRoutes,
  ...cohortRoutes,
  ...attendanceRoutes,
  ...fairRoutes,
  ...outcomeRoutes,
  ...matchingRoutes,
  ...placementRoutes,
  ...followUpSheetRoutes,
  ...followUpTickRoutes,
  ...followUpRoutes,
  ...alertRoutes,
  ...gridRoutes,
  ...importRoutes,
  ...importJobRoutes,
  ...reportRoutes,
  ...auditRoutes,
  ...jobRoutes,
]);
