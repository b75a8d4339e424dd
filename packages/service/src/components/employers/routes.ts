import { z } from 'zod';
import {
  Employer,
  EmployerCreate,
  EmployerListQuery,
  EmployerUpdate,
  Opening,
  OpeningCreate,
  OpeningListQuery,
  OpeningUpdate,
  Page,
  RecordId,
  provinceOf,
} from '@anju/shared';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined } from '../../infra/http/paging.ts';
import type { EmployerDoc, OpeningDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });

function employerView(doc: EmployerDoc): Employer {
  return {
    id: doc._id.toString(),
    name: doc.name,
    ...(doc.creditCode === undefined ? {} : { creditCode: doc.creditCode }),
    countyCode: doc.countyCode,
    kind: doc.kind,
    ...(doc.contactName === undefined ? {} : { contactName: doc.contactName }),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function openingView(doc: OpeningDoc): Opening {
  const { _id, employerId, createdAt, updatedAt, ...rest } = doc;
  return {
    ...rest,
    kind: rest.kind as Opening['kind'],
    id: _id.toString(),
    employerId: employerId.toString(),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export const employerRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/employers',
    permission: 'employers:write',
    tag: 'employers',
    summary: 'Register an employer (firm, 帮扶车间, public body, labour agency)',
    body: EmployerCreate,
    response: Employer,
    status: 201,
    async handle({ body, principal, services }) {
      return employerView(await services.scoped('employers', principal).insert({ ...body }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/employers',
    permission: 'employers:read',
    tag: 'employers',
    summary: 'List employers (an employer sees itself only)',
    query: EmployerListQuery,
    response: Page(Employer),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(
        services.scoped('employers', principal),
        stripUndefined(filter),
        { page, limit },
        employerView,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/employers/:id',
    permission: 'employers:read',
    tag: 'employers',
    summary: 'Get an employer',
    params: IdParams,
    response: Employer,
    async handle({ params, principal, services }) {
      return employerView(await services.scoped('employers', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/employers/:id',
    permission: 'employers:write',
    tag: 'employers',
    summary: 'Update an employer',
    params: IdParams,
    body: EmployerUpdate,
    response: Employer,
    async handle({ params, body, principal, services }) {
      return employerView(
        await services.scoped('employers', principal).update(params.id, { $set: stripUndefined(body) }),
      );
    },
  }),
];

export const openingRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/openings',
    permission: 'openings:write',
    tag: 'employers',
    summary: 'Post an opening: local, 帮扶车间, 公益性岗位 or 劳务协作 cross-province',
    body: OpeningCreate,
    response: Opening,
    status: 201,
    async handle({ body, principal, services }) {
      await services.scoped('employers', principal).get(body.employerId);
      const crossProvince = provinceOf(body.countyCode) !== provinceOf(services.config.HOME_COUNTY_CODE);
      return openingView(await services.scoped('openings', principal).insert({ ...body, crossProvince }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/openings',
    permission: 'openings:read',
    tag: 'employers',
    summary: 'List openings (an employer sees its own)',
    query: OpeningListQuery,
    response: Page(Opening),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(
        services.scoped('openings', principal),
        stripUndefined(filter),
        { page, limit },
        openingView,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/openings/:id',
    permission: 'openings:read',
    tag: 'employers',
    summary: 'Get an opening',
    params: IdParams,
    response: Opening,
    async handle({ params, principal, services }) {
      return openingView(await services.scoped('openings', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/openings/:id',
    permission: 'openings:write',
    tag: 'employers',
    summary: 'Update an opening',
    params: IdParams,
    body: OpeningUpdate,
    response: Opening,
    async handle({ params, body, principal, services }) {
      return openingView(
        await services.scoped('openings', principal).update(params.id, { $set: stripUndefined(body) }),
      );
    },
  }),
];
