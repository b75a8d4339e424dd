import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Alert,
  AlertAcknowledge,
  AlertListQuery,
  FollowUp,
  FollowUpCreate,
  FollowUpListQuery,
  FollowUpRecord,
  OverdueQuery,
  Page,
  RecordId,
} from '@anju/shared';
import { op } from '../../infra/db.ts';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined, viewOfOne } from '../../infra/http/paging.ts';
import { bureauDate } from '../../infra/time.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { UNKNOWN_RESIDENT, summariesOf } from '../residents/summaries.ts';
import { assessFollowUp } from './assess.ts';
import type { AlertDoc, FollowUpDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });

async function followUpViews(
  services: Services,
  principal: Principal,
  docs: FollowUpDoc[],
): Promise<FollowUp[]> {
  const summaries = await summariesOf(
    services,
    docs.map((doc) => doc.residentId),
    principal.role,
  );
  return docs.map((doc) => ({
    id: doc._id.toString(),
    placementId: doc.placementId.toString(),
    residentId: doc.residentId.toString(),
    resident: summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
    ...(doc.householdId === undefined ? {} : { householdId: doc.householdId.toString() }),
    townshipCode: doc.townshipCode,
    month: doc.month,
    status: doc.status,
    ...(doc.gridId === undefined ? {} : { gridId: doc.gridId.toString() }),
    ...stripUndefined({
      grid: doc.grid,
      assignedTo: doc.assignedTo,
      dueOn: doc.dueOn,
      jobStatus: doc.jobStatus,
      employed: doc.employed,
      monthlyIncome: doc.monthlyIncome,
      note: doc.note,
      recordedBy: doc.recordedBy,
      recordedAt: doc.recordedAt?.toISOString(),
    }),
    createdAt: doc.createdAt.toISOString(),
  }));
}

function oneFollowUp(services: Services, principal: Principal, doc: FollowUpDoc): Promise<FollowUp> {
  return viewOfOne((docs: FollowUpDoc[]) => followUpViews(services, principal, docs), doc);
}

async function alertViews(services: Services, principal: Principal, docs: AlertDoc[]): Promise<Alert[]> {
  const summaries = await summariesOf(
    services,
    docs.map((doc) => doc.residentId),
    principal.role,
  );
  return docs.map((doc) => ({
    id: doc._id.toString(),
    kind: doc.kind,
    status: doc.status,
    townshipCode: doc.townshipCode,
    householdId: doc.householdId.toString(),
    resident: summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
    followUpId: doc.followUpId.toString(),
    month: doc.month,
    ...(doc.gridId === undefined ? {} : { gridId: doc.gridId.toString() }),
    ...stripUndefined({
      assignedTo: doc.assignedTo,
      householdIncome: doc.householdIncome,
      householdSize: doc.householdSize,
      perCapitaIncome: doc.perCapitaIncome,
      line: doc.line,
      acknowledgedBy: doc.acknowledgedBy,
      acknowledgedAt: doc.acknowledgedAt?.toISOString(),
      note: doc.note,
    }),
    createdAt: doc.createdAt.toISOString(),
  }));
}

function oneAlert(services: Services, principal: Principal, doc: AlertDoc): Promise<Alert> {
  return viewOfOne((docs: AlertDoc[]) => alertViews(services, principal, docs), doc);
}

export const followUpRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/followups',
    permission: 'followups:write',
    tag: 'followups',
    summary:
      'Record a monthly income follow-up of a placement outside the monthly round (one per placement per month; 409 DUPLICATE when it exists — record that one instead)',
    body: FollowUpCreate,
    response: FollowUp,
    status: 201,
    async handle({ body, principal, services }) {
      const placement = await services
        .scoped('placements', principal)
        .get(body.placementId, { _id: 1, residentId: 1, townshipCode: 1 });
      const resident = await services
        .scoped('residents', principal)
        .findById(placement.residentId.toString(), { householdId: 1 });
      const { jobStatus, ...rest } = body;
      let created: FollowUpDoc;
      try {
        created = await services.scoped('followups', principal).insert({
          ...rest,
          placementId: new Types.ObjectId(body.placementId),
          residentId: placement.residentId,
          ...(resident === null ? {} : { householdId: resident.householdId }),
          townshipCode: placement.townshipCode,
          monthKey: `${body.placementId}:${body.month}`,
          status: 'recorded',
          jobStatus: jobStatus ?? (body.employed ? 'employed' : 'job-lost'),
          recordedBy: principal.sub,
          recordedAt: new Date(),
        });
      } catch (error) {
        if (isDuplicateKey(error)) throw new AppError('DUPLICATE', { cause: error });
        throw error;
      }
      await assessFollowUp(services, created);
      return oneFollowUp(services, principal, created);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/followups',
    permission: 'followups:read',
    tag: 'followups',
    summary: 'List follow-ups in your scope (a grid worker: those assigned to them)',
    query: FollowUpListQuery,
    response: Page(FollowUp),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      const result = await pageOf(
        services.scoped('followups', principal),
        stripUndefined(filter),
        { page, limit },
        (doc) => doc,
      );
      return { ...result, items: await followUpViews(services, principal, result.items) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/followups/overdue',
    permission: 'followups:read',
    tag: 'followups',
    summary: 'Pending follow-ups past their due day, per grid (oldest first)',
    query: OverdueQuery,
    response: Page(FollowUp),
    async handle({ query, principal, services }) {
      const { page, limit, grid, asOf } = query;
      if (grid !== undefined) await services.scoped('grids', principal).get(grid, { _id: 1 });
      const result = await pageOf(
        services.scoped('followups', principal),
        {
          status: 'pending',
          dueOn: op({ $lt: asOf ?? bureauDate(new Date()) }),
          ...(grid === undefined ? {} : { gridId: grid }),
        },
        { page, limit, sort: { dueOn: 1, _id: 1 } },
        (doc) => doc,
      );
      return { ...result, items: await followUpViews(services, principal, result.items) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/followups/:id',
    permission: 'followups:read',
    tag: 'followups',
    summary: 'Get a follow-up',
    params: IdParams,
    response: FollowUp,
    async handle({ params, principal, services }) {
      return oneFollowUp(services, principal, await services.scoped('followups', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/followups/:id/record',
    permission: 'followups:record',
    tag: 'followups',
    summary:
      'Record a visit: job status and this month’s income (again to correct it). A lost job, or household income per person under the monitoring line, raises an alert and asks for re-matching',
    params: IdParams,
    body: FollowUpRecord,
    response: FollowUp,
    async handle({ params, body, principal, services }) {
      const recorded = await services.scoped('followups', principal).update(params.id, {
        $set: {
          status: 'recorded',
          jobStatus: body.jobStatus,
          employed: body.jobStatus !== 'job-lost',
          monthlyIncome: body.monthlyIncome,
          ...(body.note === undefined ? {} : { note: body.note }),
          recordedBy: principal.sub,
          recordedAt: new Date(),
        },
      });
      await assessFollowUp(services, recorded);
      return oneFollowUp(services, principal, recorded);
    },
  }),
];

export const alertRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/alerts',
    permission: 'alerts:read',
    tag: 'followups',
    summary:
      'Households at risk in your scope: lost jobs and income under the monitoring line (newest first)',
    query: AlertListQuery,
    response: Page(Alert),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      const result = await pageOf(
        services.scoped('alerts', principal),
        stripUndefined(filter),
        { page, limit },
        (doc) => doc,
      );
      return { ...result, items: await alertViews(services, principal, result.items) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/alerts/:id',
    permission: 'alerts:read',
    tag: 'followups',
    summary: 'Get an alert',
    params: IdParams,
    response: Alert,
    async handle({ params, principal, services }) {
      return oneAlert(services, principal, await services.scoped('alerts', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/alerts/:id/acknowledge',
    permission: 'alerts:write',
    tag: 'followups',
    summary: 'Acknowledge an alert with what was done (409 ALREADY_ACKNOWLEDGED the second time)',
    params: IdParams,
    body: AlertAcknowledge,
    response: Alert,
    async handle({ params, body, principal, services }) {
      const alerts = services.scoped('alerts', principal);
      const changed = await alerts.updateMany(
        { _id: params.id, status: 'open' },
        {
          $set: {
            status: 'acknowledged',
            acknowledgedBy: principal.sub,
            acknowledgedAt: new Date(),
            note: body.note,
          },
        },
      );
      const alert = await alerts.get(params.id);
      if (changed === 0) throw new AppError('ALREADY_ACKNOWLEDGED');
      return oneAlert(services, principal, alert);
    },
  }),
];
