import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Household,
  HouseholdCreate,
  HouseholdListQuery,
  HouseholdUpdate,
  Page,
  RecordId,
  Resident,
  ResidentCreate,
  ResidentExportRequest,
  MAX_EXPORT_ROWS,
  ResidentListQuery,
  ResidentLookup,
  ResidentUpdate,
  RevealRequest,
  RevealedResident,
} from '@anju/shared';
import { auditEntryFor } from '../audit/audit-log.ts';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, escapeRegExp, stripUndefined } from '../../infra/http/paging.ts';
import type { HouseholdDoc, ResidentDoc } from './model.ts';
import {
  ID_NUMBER_HMAC,
  PHONE_HMAC,
  protectIdNumber,
  protectPhone,
  protectPriority,
  residentView,
  revealIdNumber,
  revealPhone,
} from './protect.ts';

const IdParams = z.strictObject({ id: RecordId });

function householdView(doc: HouseholdDoc): Household {
  return {
    id: doc._id.toString(),
    townshipCode: doc.townshipCode,
    community: doc.community,
    ...(doc.grid === undefined ? {} : { grid: doc.grid }),
    ...(doc.address === undefined ? {} : { address: doc.address }),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export const householdRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/households',
    permission: 'households:write',
    tag: 'residents',
    summary: 'Create a household (户) in one of your townships',
    body: HouseholdCreate,
    response: Household,
    status: 201,
    async handle({ body, principal, services }) {
      return householdView(await services.scoped('households', principal).insert({ ...body }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/households',
    permission: 'households:read',
    tag: 'residents',
    summary: 'List households in your scope',
    query: HouseholdListQuery,
    response: Page(Household),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(
        services.scoped('households', principal),
        stripUndefined(filter),
        { page, limit },
        householdView,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/households/:id',
    permission: 'households:read',
    tag: 'residents',
    summary: 'Get a household',
    params: IdParams,
    response: Household,
    async handle({ params, principal, services }) {
      return householdView(await services.scoped('households', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/households/:id',
    permission: 'households:write',
    tag: 'residents',
    summary: 'Update a household',
    params: IdParams,
    body: HouseholdUpdate,
    response: Household,
    async handle({ params, body, principal, services }) {
      return householdView(
        await services.scoped('households', principal).update(params.id, { $set: stripUndefined(body) }),
      );
    },
  }),
];

export const residentRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/residents',
    permission: 'residents:write',
    tag: 'residents',
    summary: 'Register a resident of a household in your scope (ID number and phone are encrypted at rest)',
    body: ResidentCreate,
    response: Resident,
    status: 201,
    async handle({ body, principal, services }) {
      const household = await services.scoped('households', principal).get(body.householdId);
      const id = new Types.ObjectId();
      const { idNumber, phone, priority, householdId, ...rest } = body;
      const doc = {
        _id: id,
        householdId: new Types.ObjectId(householdId),
        townshipCode: household.townshipCode,
        ...rest,
        ...protectIdNumber(services, id, idNumber),
        ...(phone === undefined ? {} : protectPhone(services, id, phone)),
        ...(priority === undefined ? {} : protectPriority(services, id, priority)),
      };
      try {
        const created = await services.scoped('residents', principal).insert(doc);
        return residentView(services, created, principal.role);
      } catch (error) {
        if (isDuplicateKey(error)) throw new AppError('DUPLICATE', { cause: error });
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/residents',
    permission: 'residents:read',
    tag: 'residents',
    summary: 'List residents in your scope, masked',
    query: ResidentListQuery,
    response: Page(Resident),
    async handle({ query, principal, services }) {
      const { page, limit, name, skill, householdId, townshipCode } = query;
      const filter = stripUndefined({
        householdId,
        townshipCode,
        // A prefix search: the user's text is escaped, never a pattern.
        name: name === undefined ? undefined : new RegExp(`^${escapeRegExp(name)}`),
        'skills.name': skill,
      });
      return pageOf(services.scoped('residents', principal), filter, { page, limit }, (doc: ResidentDoc) =>
        residentView(services, doc, principal.role),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/residents/lookup',
    permission: 'residents:read',
    tag: 'residents',
    summary: 'Find residents by ID number or phone (matched on the HMAC column, so never in a URL)',
    body: ResidentLookup,
    response: z.object({ items: z.array(Resident) }),
    idempotent: false,
    async handle({ body, principal, services }) {
      const filter =
        'idNumber' in body
          ? { idNumberHmac: services.blindIndex.digest(ID_NUMBER_HMAC, body.idNumber) }
          : { phoneHmac: services.blindIndex.digest(PHONE_HMAC, body.phone) };
      const found = await services.scoped('residents', principal).list(filter, { page: 1, limit: 20 });
      return { items: found.items.map((doc) => residentView(services, doc, principal.role)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/residents/export',
    permission: 'residents:read',
    tag: 'residents',
    summary: `Export the residents in your scope, masked, at most ${MAX_EXPORT_ROWS} rows (audited with its reason)`,
    body: ResidentExportRequest,
    response: z.object({ items: z.array(Resident), total: z.number().int(), truncated: z.boolean() }),
    idempotent: false,
    audit: 'export',
    async handle({ body, principal, services }) {
      const filter = stripUndefined({ townshipCode: body.townshipCode });
      const found = await services
        .scoped('residents', principal)
        .list(filter, { page: 1, limit: MAX_EXPORT_ROWS, sort: { _id: 1 } });
      await services.audit.append(
        auditEntryFor(
          principal,
          'export',
          `residents:${body.townshipCode ?? 'scope'}:${found.items.length}`,
          'allowed',
          body.reason,
        ),
      );
      return {
        items: found.items.map((doc) => residentView(services, doc, principal.role)),
        total: found.total,
        truncated: found.total > found.items.length,
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/residents/:id',
    permission: 'residents:read',
    tag: 'residents',
    summary: 'Get a resident, masked for your role (each read is written to the audit log)',
    params: IdParams,
    response: Resident,
    audit: 'resident.read',
    async handle({ params, principal, services }) {
      const doc = await services.scoped('residents', principal).get(params.id);
      await services.audit.append(auditEntryFor(principal, 'resident.read', params.id, 'allowed'));
      return residentView(services, doc, principal.role);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/residents/:id',
    permission: 'residents:write',
    tag: 'residents',
    summary:
      'Update a resident: skills, levels, certificates, licences, mobility, wage, constraints, consent',
    params: IdParams,
    body: ResidentUpdate,
    response: Resident,
    async handle({ params, body, principal, services }) {
      const residents = services.scoped('residents', principal);
      const id = new Types.ObjectId(params.id);
      const { phone, priority, ...rest } = body;
      const updated = await residents.update(params.id, {
        $set: {
          ...stripUndefined(rest),
          ...(phone === undefined ? {} : protectPhone(services, id, phone)),
          ...(priority === undefined ? {} : protectPriority(services, id, priority)),
        },
      });
      if (body.consent !== undefined) {
        // Registrations carry the consent for the employer's scope filter: keep them in step.
        await services.models.registrations.updateMany(
          { residentId: id },
          { $set: { shareWithEmployers: body.consent.shareWithEmployers } },
        );
        await services.recommendations.syncConsent(id, body.consent.shareWithEmployers);
      }
      return residentView(services, updated, principal.role);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/residents/:id/reveal',
    permission: 'residents:reveal',
    tag: 'residents',
    summary:
      'Clear-text ID number and phone for a stated reason (audited; never stored as an idempotent reply)',
    params: IdParams,
    body: RevealRequest,
    response: RevealedResident,
    idempotent: false,
    audit: 'resident.reveal',
    async handle({ params, body, principal, services }) {
      const doc = await services
        .scoped('residents', principal)
        .get(params.id, { _id: 1, idNumberEnc: 1, phoneEnc: 1 });
      await services.audit.append(
        auditEntryFor(principal, 'resident.reveal', params.id, 'allowed', body.reason),
      );
      return { id: params.id, idNumber: revealIdNumber(services, doc), phone: revealPhone(services, doc) };
    },
  }),
];
