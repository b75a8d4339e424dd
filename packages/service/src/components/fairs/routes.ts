import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Booth,
  BoothCreate,
  Fair,
  FairCreate,
  FairListQuery,
  FairUpdate,
  Page,
  PageQuery,
  RecordId,
  Registration,
  RegistrationCreate,
  RegistrationListQuery,
} from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined } from '../../infra/http/paging.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { SeatLedger } from '../capacity/seat-ledger.ts';
import { seatEntryFields } from '../capacity/views.ts';
import { op } from '../../infra/db.ts';
import { UNKNOWN_RESIDENT, summariesOf } from '../residents/summaries.ts';
import type { BoothDoc, FairDoc, RegistrationDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });
const RegistrationParams = z.strictObject({ id: RecordId, registrationId: RecordId });

function fairView(doc: FairDoc): Fair {
  const { _id, createdAt, updatedAt, ...rest } = doc;
  return {
    ...rest,
    id: _id.toString(),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

function boothView(doc: BoothDoc): Booth {
  return {
    id: doc._id.toString(),
    fairId: doc.fairId.toString(),
    employerId: doc.employerId.toString(),
    name: doc.name,
    seats: doc.seats,
    taken: doc.taken,
    openingIds: doc.openingIds.map(String),
    createdAt: doc.createdAt.toISOString(),
  };
}

export async function registrationViews(
  services: Services,
  principal: Principal,
  docs: RegistrationDoc[],
  withPosition: boolean,
): Promise<Registration[]> {
  const summaries = await summariesOf(
    services,
    docs.map((doc) => doc.residentId),
    principal.role,
  );
  return Promise.all(
    docs.map(async (doc) => ({
      ...seatEntryFields(
        doc,
        summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
        withPosition ? await services.boothSeats.waitlistPosition(doc) : undefined,
      ),
      fairId: doc.fairId.toString(),
      boothId: doc.holderId.toString(),
      ...outcomeFields(doc),
    })),
  );
}

/** What happened at the fair: check-in, interview, intent, hire (staff actions, see outcomes.ts). */
function outcomeFields(doc: RegistrationDoc) {
  const { step, checkedInAt, interview, intent, hire } = doc;
  return {
    ...(step === undefined ? {} : { step }),
    ...(checkedInAt === undefined ? {} : { checkedInAt: checkedInAt.toISOString() }),
    ...(interview === undefined
      ? {}
      : {
          interview: {
            outcome: interview.outcome,
            ...(interview.openingId === undefined ? {} : { openingId: interview.openingId.toString() }),
            ...(interview.note === undefined ? {} : { note: interview.note }),
            at: interview.at.toISOString(),
          },
        }),
    ...(intent === undefined
      ? {}
      : {
          intent: {
            openingId: intent.openingId.toString(),
            ...(intent.note === undefined ? {} : { note: intent.note }),
            at: intent.at.toISOString(),
          },
        }),
    ...(hire === undefined
      ? {}
      : {
          hire: {
            placementId: hire.placementId.toString(),
            openingId: hire.openingId.toString(),
            at: hire.at.toISOString(),
          },
        }),
  };
}

export const fairRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs',
    permission: 'fairs:write',
    tag: 'fairs',
    summary: 'Announce a job fair (招聘会)',
    body: FairCreate,
    response: Fair,
    status: 201,
    async handle({ body, principal, services }) {
      return fairView(await services.scoped('fairs', principal).insert({ ...body, status: 'open' }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/fairs',
    permission: 'fairs:read',
    tag: 'fairs',
    summary: 'List job fairs',
    query: FairListQuery,
    response: Page(Fair),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(services.scoped('fairs', principal), stripUndefined(filter), { page, limit }, fairView);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/fairs/:id',
    permission: 'fairs:read',
    tag: 'fairs',
    summary: 'Get a job fair',
    params: IdParams,
    response: Fair,
    async handle({ params, principal, services }) {
      return fairView(await services.scoped('fairs', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/fairs/:id',
    permission: 'fairs:write',
    tag: 'fairs',
    summary: 'Update a job fair',
    params: IdParams,
    body: FairUpdate,
    response: Fair,
    async handle({ params, body, principal, services }) {
      return fairView(
        await services.scoped('fairs', principal).update(params.id, { $set: stripUndefined(body) }),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/booths',
    permission: 'booths:write',
    tag: 'fairs',
    summary: 'Give an employer a booth with a number of interview slots',
    params: IdParams,
    body: BoothCreate,
    response: Booth,
    status: 201,
    async handle({ params, body, principal, services }) {
      await services.scoped('fairs', principal).get(params.id, { _id: 1 });
      await services.scoped('employers', principal).get(body.employerId, { _id: 1 });
      const openings = services.scoped('openings', principal);
      const owned = await openings.list(
        { _id: op({ $in: body.openingIds }), employerId: body.employerId },
        { page: 1, limit: 50 },
      );
      if (owned.total !== new Set(body.openingIds).size) throw new AppError('NOT_FOUND');
      const booth = await services.scoped('booths', principal).insert({
        fairId: new Types.ObjectId(params.id),
        employerId: new Types.ObjectId(body.employerId),
        name: body.name,
        seats: body.seats,
        taken: 0,
        openingIds: body.openingIds.map((id) => new Types.ObjectId(id)),
      });
      return boothView(booth);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/fairs/:id/booths',
    permission: 'booths:read',
    tag: 'fairs',
    summary: 'List a fair’s booths (an employer sees its own)',
    params: IdParams,
    query: PageQuery,
    response: Page(Booth),
    async handle({ params, query, principal, services }) {
      await services.scoped('fairs', principal).get(params.id, { _id: 1 });
      return pageOf(services.scoped('booths', principal), { fairId: params.id }, query, boothView);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/registrations',
    permission: 'registrations:write',
    tag: 'fairs',
    summary: 'Register a resident at a booth: an interview slot, or the booth’s FIFO waitlist',
    params: IdParams,
    body: RegistrationCreate,
    response: Registration,
    status: 201,
    async handle({ params, body, principal, services }) {
      const fair = await services.scoped('fairs', principal).get(params.id, { _id: 1, status: 1 });
      if (fair.status !== 'open') throw new AppError('NOT_ACTIVE');
      const booth = await services.scoped('booths', principal).findOne(
        { _id: body.boothId, fairId: params.id },
        {
          _id: 1,
          employerId: 1,
        },
      );
      if (booth === null) throw new AppError('NOT_FOUND');
      const resident = await services.scoped('residents', principal).get(body.residentId, {
        _id: 1,
        townshipCode: 1,
        consent: 1,
      });
      const entryId = new Types.ObjectId();
      await services.boothSeats.claim({
        _id: entryId,
        holderId: booth._id,
        fairId: fair._id,
        employerId: booth.employerId,
        residentId: resident._id,
        townshipCode: resident.townshipCode,
        shareWithEmployers: resident.consent.shareWithEmployers,
        // One registration per resident per fair, whichever booth.
        activeKey: SeatLedger.activeKey(fair._id.toString(), resident._id.toString()),
        createdBy: principal.sub,
      });
      const stored = await services.scoped('registrations', principal).get(entryId.toString());
      const [view] = await registrationViews(services, principal, [stored], true);
      if (view === undefined) throw new AppError('INTERNAL');
      return view;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/fairs/:id/registrations',
    permission: 'registrations:read',
    tag: 'fairs',
    summary: 'List registrations (employers: their booth, consenting residents only, masked)',
    params: IdParams,
    query: RegistrationListQuery,
    response: Page(Registration),
    async handle({ params, query, principal, services }) {
      await services.scoped('fairs', principal).get(params.id, { _id: 1 });
      const { page, limit, boothId, status } = query;
      const filter = stripUndefined({ fairId: params.id, holderId: boothId, status });
      const result = await pageOf(
        services.scoped('registrations', principal),
        filter,
        { page, limit, sort: { _id: 1 } },
        (doc) => doc,
      );
      return { ...result, items: await registrationViews(services, principal, result.items, false) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/registrations/:registrationId/cancel',
    permission: 'registrations:write',
    tag: 'fairs',
    summary: 'Cancel a registration; the freed slot promotes the first waitlisted person',
    params: RegistrationParams,
    response: Registration,
    async handle({ params, principal, services }) {
      const registrations = services.scoped('registrations', principal);
      const doc = await registrations.findOne({ _id: params.registrationId, fairId: params.id }, { _id: 1 });
      if (doc === null) throw new AppError('NOT_FOUND');
      if (!(await services.boothSeats.cancel(doc._id))) throw new AppError('NOT_ACTIVE');
      const stored = await registrations.get(params.registrationId);
      const [view] = await registrationViews(services, principal, [stored], true);
      if (view === undefined) throw new AppError('INTERNAL');
      return view;
    },
  }),
];
