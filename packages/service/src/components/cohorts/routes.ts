import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Cohort,
  CohortCreate,
  CohortListQuery,
  CohortTransition,
  CohortUpdate,
  Enrollment,
  EnrollmentCreate,
  EnrollmentListQuery,
  NationalLevel,
  Page,
  RecordId,
  nationalLevelName,
} from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf, stripUndefined } from '../../infra/http/paging.ts';
import type { Services } from '../../services.ts';
import { SeatLedger } from '../capacity/seat-ledger.ts';
import { seatEntryFields } from '../capacity/views.ts';
import { residentSummary } from '../residents/protect.ts';
import { UNKNOWN_RESIDENT, summariesOf } from '../residents/summaries.ts';
import type { Principal } from '../auth/tokens.ts';
import { completeCohort } from './completion.ts';
import { STAMP_OF, isFinished, planTransition } from './lifecycle.ts';
import type { CohortDoc, EnrollmentDoc } from './model.ts';
import { tradeConcept } from './trade.ts';

const IdParams = z.strictObject({ id: RecordId });
const EnrollmentParams = z.strictObject({ id: RecordId, enrollmentId: RecordId });

export function cohortView(doc: CohortDoc): Cohort {
  const { _id, createdAt, updatedAt, startedAt, completedAt, cancelledAt, ...rest } = doc;
  const level = NationalLevel.safeParse(doc.nationalLevel);
  return {
    ...rest,
    ...(level.success ? { levelName: nationalLevelName(level.data) } : {}),
    id: _id.toString(),
    ...(startedAt === undefined ? {} : { startedAt: startedAt.toISOString() }),
    ...(completedAt === undefined ? {} : { completedAt: completedAt.toISOString() }),
    ...(cancelledAt === undefined ? {} : { cancelledAt: cancelledAt.toISOString() }),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** The completion outcome of an enrolment, when its cohort has completed. */
function completionOf(doc: EnrollmentDoc) {
  return doc.completion === undefined ? {} : { completion: doc.completion };
}

async function enrollmentView(
  services: Services,
  principal: Principal,
  doc: EnrollmentDoc,
): Promise<Enrollment> {
  const summaries = await summariesOf(services, [doc.residentId], principal.role);
  const position = await services.cohortSeats.waitlistPosition(doc);
  return {
    ...seatEntryFields(
      doc,
      summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
      position,
    ),
    cohortId: doc.cohortId.toString(),
    ...completionOf(doc),
  };
}

export const cohortRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/cohorts',
    permission: 'cohorts:write',
    tag: 'cohorts',
    summary: 'Open a training cohort (培训班) with a fixed number of seats',
    body: CohortCreate,
    response: Cohort,
    status: 201,
    async handle({ body, principal, services }) {
      if (body.endsOn < body.startsOn)
        throw new AppError('VALIDATION_FAILED', {
          issues: [{ path: 'body.endsOn', message: 'ends before it starts' }],
        });
      const concept = tradeConcept(body.trade);
      return cohortView(
        await services.scoped('cohorts', principal).insert({
          ...body,
          ...(concept === undefined ? {} : { tradeCode: concept.code, tradeName: concept.name }),
          taken: 0,
          status: 'open',
        }),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts',
    permission: 'cohorts:read',
    tag: 'cohorts',
    summary: 'List cohorts (a provider sees its own)',
    query: CohortListQuery,
    response: Page(Cohort),
    async handle({ query, principal, services }) {
      const { page, limit, ...filter } = query;
      return pageOf(
        services.scoped('cohorts', principal),
        stripUndefined(filter),
        { page, limit },
        cohortView,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/:id',
    permission: 'cohorts:read',
    tag: 'cohorts',
    summary: 'Get a cohort with its seats taken',
    params: IdParams,
    response: Cohort,
    async handle({ params, principal, services }) {
      return cohortView(await services.scoped('cohorts', principal).get(params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/cohorts/:id',
    permission: 'cohorts:write',
    tag: 'cohorts',
    summary: 'Update a cohort (seats are fixed once opened; its state changes only by a transition)',
    params: IdParams,
    body: CohortUpdate,
    response: Cohort,
    async handle({ params, body, principal, services }) {
      const cohorts = services.scoped('cohorts', principal);
      const stored = await cohorts.get(params.id, { _id: 1, status: 1, startsOn: 1, endsOn: 1 });
      if (isFinished(stored.status)) throw new AppError('COHORT_FINISHED');
      // One date alone may not cross the stored other one.
      if ((body.endsOn ?? stored.endsOn) < (body.startsOn ?? stored.startsOn))
        throw new AppError('VALIDATION_FAILED', {
          issues: [{ path: 'body.endsOn', message: 'ends before it starts' }],
        });
      return cohortView(await cohorts.update(params.id, { $set: stripUndefined(body) }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/cohorts/:id/transitions',
    permission: 'cohorts:write',
    tag: 'cohorts',
    summary:
      'Move a cohort open → running → completed, or cancel it (409 INVALID_TRANSITION otherwise); completing certifies everyone who attended the required share of hours and asks for their re-matching',
    params: IdParams,
    body: CohortTransition,
    response: Cohort,
    async handle({ params, body, principal, services }) {
      const cohorts = services.scoped('cohorts', principal);
      // Decided on the stored state and applied by a conditional update; a concurrent move makes us decide again.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const cohort = await cohorts.get(params.id);
        const plan = planTransition(cohort.status, body.to);
        if (plan === 'refused') throw new AppError('INVALID_TRANSITION');
        if (plan === 'move') {
          const moved = await cohorts.updateMany(
            { _id: params.id, status: cohort.status },
            { $set: { status: body.to, [STAMP_OF[body.to]]: new Date() } },
          );
          if (moved === 0) continue;
        }
        // Completing again re-runs completion, which writes only what a first, interrupted run missed.
        if (body.to === 'completed') await completeCohort(services, await cohorts.get(params.id));
        return cohortView(
          plan === 'already' && body.to !== 'completed' ? cohort : await cohorts.get(params.id),
        );
      }
      throw new AppError('INVALID_TRANSITION');
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/cohorts/:id/enrollments',
    permission: 'enrollments:write',
    tag: 'cohorts',
    summary: 'Enrol a resident: claims a seat atomically, or joins the FIFO waitlist when the cohort is full',
    params: IdParams,
    body: EnrollmentCreate,
    response: Enrollment,
    status: 201,
    async handle({ params, body, principal, services }) {
      const cohort = await services
        .scoped('cohorts', principal)
        .get(params.id, { _id: 1, providerId: 1, status: 1 });
      if (cohort.status !== 'open') throw new AppError('NOT_ACTIVE');
      const resident = await services.scoped('residents', principal).get(body.residentId, {
        _id: 1,
        townshipCode: 1,
        name: 1,
        idNumberEnc: 1,
        phoneEnc: 1,
      });
      const entryId = new Types.ObjectId();
      await services.cohortSeats.claim({
        _id: entryId,
        holderId: cohort._id,
        cohortId: cohort._id,
        providerId: cohort.providerId,
        residentId: resident._id,
        townshipCode: resident.townshipCode,
        activeKey: SeatLedger.activeKey(cohort._id.toString(), resident._id.toString()),
        createdBy: principal.sub,
      });
      const stored = await services.scoped('enrollments', principal).get(entryId.toString());
      const position = await services.cohortSeats.waitlistPosition(stored);
      return {
        ...seatEntryFields(stored, residentSummary(services, resident, principal.role), position),
        cohortId: params.id,
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/:id/enrollments',
    permission: 'enrollments:read',
    tag: 'cohorts',
    summary: 'List a cohort’s enrolments in arrival order (staff see their townships’ residents)',
    params: IdParams,
    query: EnrollmentListQuery,
    response: Page(Enrollment),
    async handle({ params, query, principal, services }) {
      await services.scoped('cohorts', principal).get(params.id, { _id: 1 });
      const { page, limit, status } = query;
      const filter = stripUndefined({ cohortId: params.id, status });
      const result = await pageOf(
        services.scoped('enrollments', principal),
        filter,
        { page, limit, sort: { _id: 1 } },
        (doc) => doc,
      );
      const summaries = await summariesOf(
        services,
        result.items.map((doc) => doc.residentId),
        principal.role,
      );
      return {
        ...result,
        items: result.items.map((doc) => ({
          ...seatEntryFields(
            doc,
            summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
          ),
          cohortId: doc.cohortId.toString(),
          ...completionOf(doc),
        })),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/:id/enrollments/:enrollmentId',
    permission: 'enrollments:read',
    tag: 'cohorts',
    summary: 'Get one enrolment with its waitlist position',
    params: EnrollmentParams,
    response: Enrollment,
    async handle({ params, principal, services }) {
      const doc = await services
        .scoped('enrollments', principal)
        .findOne({ _id: params.enrollmentId, cohortId: params.id });
      if (doc === null) throw new AppError('NOT_FOUND');
      return enrollmentView(services, principal, doc);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/cohorts/:id/enrollments/:enrollmentId/cancel',
    permission: 'enrollments:write',
    tag: 'cohorts',
    summary: 'Cancel an enrolment; a freed seat promotes the first person on the waitlist',
    params: EnrollmentParams,
    response: Enrollment,
    async handle({ params, principal, services }) {
      const enrollments = services.scoped('enrollments', principal);
      const doc = await enrollments.findOne({ _id: params.enrollmentId, cohortId: params.id }, { _id: 1 });
      if (doc === null) throw new AppError('NOT_FOUND');
      // A completed cohort's enrolments are its record (certificates were numbered from them).
      const cohort = await services.scoped('cohorts', principal).findById(params.id, { status: 1 });
      if (cohort !== null && isFinished(cohort.status)) throw new AppError('COHORT_FINISHED');
      if (!(await services.cohortSeats.cancel(doc._id))) throw new AppError('NOT_ACTIVE');
      const stored = await enrollments.get(params.enrollmentId);
      return enrollmentView(services, principal, stored);
    },
  }),
];
