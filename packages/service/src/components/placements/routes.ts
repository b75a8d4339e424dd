import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Page,
  Placement,
  PlacementCreate,
  PlacementListQuery,
  PlacementUpdate,
  RecordId,
  placementReach,
  provinceOf,
} from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined, viewOfOne } from '../../infra/http/paging.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { UNKNOWN_RESIDENT, summariesOf } from '../residents/summaries.ts';
import type { PlacementDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });

export async function placementViews(
  services: Services,
  principal: Principal,
  docs: PlacementDoc[],
): Promise<Placement[]> {
  const summaries = await summariesOf(
    services,
    docs.map((doc) => doc.residentId),
    principal.role,
  );
  return docs.map((doc) => ({
    id: doc._id.toString(),
    resident: summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
    townshipCode: doc.townshipCode,
    employerId: doc.employerId.toString(),
    ...(doc.openingId === undefined ? {} : { openingId: doc.openingId.toString() }),
    countyCode: doc.countyCode,
    crossProvince: doc.crossProvince,
    ...(doc.reach === undefined ? {} : { reach: doc.reach }),
    startedOn: doc.startedOn,
    ...(doc.endedOn === undefined ? {} : { endedOn: doc.endedOn }),
    monthlyWage: doc.monthlyWage,
    source: doc.source,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  }));
}

function onePlacement(services: Services, principal: Principal, doc: PlacementDoc): Promise<Placement> {
  return viewOfOne((docs: PlacementDoc[]) => placementViews(services, principal, docs), doc);
}

export const placementRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/placements',
    permission: 'placements:write',
    tag: 'placements',
    summary: 'Record that a resident started work (local or cross-province)',
    body: PlacementCreate,
    response: Placement,
    status: 201,
    async handle({ body, principal, services }) {
      const resident = await services
        .scoped('residents', principal)
        .get(body.residentId, { _id: 1, townshipCode: 1 });
      await services.scoped('employers', principal).get(body.employerId, { _id: 1 });
      if (
        body.openingId !== undefined &&
        (await services
          .scoped('openings', principal)
          .findOne({ _id: body.openingId, employerId: body.employerId })) === null
      )
        throw new AppError('NOT_FOUND');
      const created = await services.scoped('placements', principal).insert({
        ...body,
        residentId: resident._id,
        townshipCode: resident.townshipCode,
        employerId: new Types.ObjectId(body.employerId),
        ...(body.openingId === undefined ? {} : { openingId: new Types.ObjectId(body.openingId) }),
        crossProvince: provinceOf(body.countyCode) !== provinceOf(services.config.HOME_COUNTY_CODE),
        reach: placementReach(resident.townshipCode.slice(0, 6), body.countyCode),
      });
      return onePlacement(services, principal, created);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/placements',
    permission: 'placements:read',
    tag: 'placements',
    summary: 'List placements in your scope',
    query: PlacementListQuery,
    response: Page(Placement),
    async handle({ query, principal, services }) {
      const { page, limit, crossProvince, ...rest } = query;
      const filter = stripUndefined({
        ...rest,
        crossProvince: crossProvince === undefined ? undefined : crossProvince === 'true',
      });
      const result = await pageOf(
        services.scoped('placements', principal),
        filter,
        { page, limit },
        (doc) => doc,
      );
      return { ...result, items: await placementViews(services, principal, result.items) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/placements/:id',
    permission: 'placements:read',
    tag: 'placements',
    summary: 'Get a placement',
    params: IdParams,
    response: Placement,
    async handle({ params, principal, services }) {
      return onePlacement(services, principal, await services.scoped('placements', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/placements/:id',
    permission: 'placements:write',
    tag: 'placements',
    summary: 'Record an end date or a new wage',
    params: IdParams,
    body: PlacementUpdate,
    response: Placement,
    async handle({ params, body, principal, services }) {
      const placements = services.scoped('placements', principal);
      if (body.endedOn !== undefined) {
        const stored = await placements.get(params.id, { startedOn: 1 });
        if (body.endedOn < stored.startedOn)
          throw new AppError('VALIDATION_FAILED', {
            issues: [{ path: 'body.endedOn', message: 'ends before it started' }],
          });
      }
      const updated = await placements.update(params.id, { $set: stripUndefined(body) });
      return onePlacement(services, principal, updated);
    },
  }),
];
