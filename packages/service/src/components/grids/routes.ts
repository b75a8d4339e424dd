import { z } from 'zod';
import { Grid, GridCreate, GridListQuery, GridUpdate, Page, RecordId } from '@anju/shared';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined } from '../../infra/http/paging.ts';
import type { GridDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });

function gridView(doc: GridDoc): Grid {
  return {
    id: doc._id.toString(),
    townshipCode: doc.townshipCode,
    community: doc.community,
    name: doc.name,
    workers: doc.workers.map(({ workerId, name, fullTime }) => ({ workerId, name, fullTime })),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export const gridRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/grids',
    permission: 'grids:write',
    tag: 'followups',
    summary:
      'Register a grid (网格) of a community with its grid workers; households name it in their `grid` field (409 DUPLICATE for a name taken in that community)',
    body: GridCreate,
    response: Grid,
    status: 201,
    async handle({ body, principal, services }) {
      try {
        return gridView(await services.scoped('grids', principal).insert({ ...body }));
      } catch (error) {
        if (isDuplicateKey(error)) throw new AppError('DUPLICATE', { cause: error });
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/grids',
    permission: 'grids:read',
    tag: 'followups',
    summary: 'List grids in your scope (a grid worker: their own)',
    query: GridListQuery,
    response: Page(Grid),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(services.scoped('grids', principal), stripUndefined(filter), { page, limit }, gridView);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/grids/:id',
    permission: 'grids:read',
    tag: 'followups',
    summary: 'Get a grid with its workers',
    params: IdParams,
    response: Grid,
    async handle({ params, principal, services }) {
      return gridView(await services.scoped('grids', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/grids/:id',
    permission: 'grids:write',
    tag: 'followups',
    summary: 'Replace a grid’s workers (next month’s follow-ups go to the new full-time worker)',
    params: IdParams,
    body: GridUpdate,
    response: Grid,
    async handle({ params, body, principal, services }) {
      return gridView(await services.scoped('grids', principal).update(params.id, { $set: body }));
    },
  }),
];
