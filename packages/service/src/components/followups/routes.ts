import { Types } from 'mongoose';
import { z } from 'zod';
import { FollowUp, FollowUpCreate, FollowUpListQuery, Page, RecordId } from '@anju/shared';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined } from '../../infra/http/paging.ts';
import type { FollowUpDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });

function followUpView(doc: FollowUpDoc): FollowUp {
  return {
    id: doc._id.toString(),
    placementId: doc.placementId.toString(),
    residentId: doc.residentId.toString(),
    townshipCode: doc.townshipCode,
    month: doc.month,
    employed: doc.employed,
    monthlyIncome: doc.monthlyIncome,
    ...(doc.note === undefined ? {} : { note: doc.note }),
    recordedBy: doc.recordedBy,
    createdAt: doc.createdAt.toISOString(),
  };
}

export const followUpRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/followups',
    permission: 'followups:write',
    tag: 'followups',
    summary: 'Record a monthly income follow-up of a placement (one per placement per month)',
    body: FollowUpCreate,
    response: FollowUp,
    status: 201,
    async handle({ body, principal, services }) {
      const placement = await services
        .scoped('placements', principal)
        .get(body.placementId, { _id: 1, residentId: 1, townshipCode: 1 });
      try {
        const created = await services.scoped('followups', principal).insert({
          ...body,
          placementId: new Types.ObjectId(body.placementId),
          residentId: placement.residentId,
          townshipCode: placement.townshipCode,
          monthKey: `${body.placementId}:${body.month}`,
          recordedBy: principal.sub,
        });
        return followUpView(created);
      } catch (error) {
        if (isDuplicateKey(error)) throw new AppError('DUPLICATE', { cause: error });
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/followups',
    permission: 'followups:read',
    tag: 'followups',
    summary: 'List follow-ups in your scope',
    query: FollowUpListQuery,
    response: Page(FollowUp),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(
        services.scoped('followups', principal),
        stripUndefined(filter),
        { page, limit },
        followUpView,
      );
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
      return followUpView(await services.scoped('followups', principal).get(params.id));
    },
  }),
];
