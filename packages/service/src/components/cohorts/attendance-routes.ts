import { Types } from 'mongoose';
import { z } from 'zod';
import {
  AttendanceListQuery,
  AttendanceMark,
  AttendanceRecord,
  CohortProgress,
  Page,
  RecordId,
  Session,
  SessionCreate,
  SessionListQuery,
} from '@anju/shared';
import { op } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { pageOf } from '../../infra/http/paging.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { UNKNOWN_RESIDENT, summariesOf } from '../residents/summaries.ts';
import { attendanceShare, isFinished } from './lifecycle.ts';
import type { AttendanceDoc, SessionDoc } from './model.ts';

const IdParams = z.strictObject({ id: RecordId });
const SessionParams = z.strictObject({ id: RecordId, sessionId: RecordId });

/** Bounds of one cohort's register: seats (≤ 1000) × sessions stay far below these. */
const MAX_SESSIONS = 1000;
const MAX_ATTENDANCE_ROWS = 100_000;

function sessionView(doc: SessionDoc): Session {
  return {
    id: doc._id.toString(),
    cohortId: doc.cohortId.toString(),
    heldOn: doc.heldOn,
    hours: doc.hours,
    ...(doc.topic === undefined ? {} : { topic: doc.topic }),
    createdAt: doc.createdAt.toISOString(),
  };
}

async function attendanceViews(
  services: Services,
  principal: Principal,
  docs: AttendanceDoc[],
): Promise<AttendanceRecord[]> {
  const summaries = await summariesOf(
    services,
    docs.map((doc) => doc.residentId),
    principal.role,
  );
  return docs.map((doc) => ({
    id: doc._id.toString(),
    cohortId: doc.cohortId.toString(),
    sessionId: doc.sessionId.toString(),
    resident: summaries.get(doc.residentId.toString()) ?? UNKNOWN_RESIDENT(doc.residentId.toString()),
    present: doc.present,
    hours: doc.hours,
    markedBy: doc.markedBy,
    updatedAt: doc.updatedAt.toISOString(),
  }));
}

export const attendanceRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/cohorts/:id/sessions',
    permission: 'cohorts:write',
    tag: 'cohorts',
    summary: 'Add a class session (课次) with its hours (学时) to an open or running cohort',
    params: IdParams,
    body: SessionCreate,
    response: Session,
    status: 201,
    async handle({ params, body, principal, services }) {
      const cohort = await services
        .scoped('cohorts', principal)
        .get(params.id, { _id: 1, providerId: 1, status: 1 });
      if (isFinished(cohort.status)) throw new AppError('COHORT_FINISHED');
      return sessionView(
        await services.scoped('sessions', principal).insert({
          ...body,
          cohortId: cohort._id,
          providerId: cohort.providerId,
          createdBy: principal.sub,
        }),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/:id/sessions',
    permission: 'cohorts:read',
    tag: 'cohorts',
    summary: 'List a cohort’s sessions by date',
    params: IdParams,
    query: SessionListQuery,
    response: Page(Session),
    async handle({ params, query, principal, services }) {
      await services.scoped('cohorts', principal).get(params.id, { _id: 1 });
      return pageOf(
        services.scoped('sessions', principal),
        { cohortId: params.id },
        { ...query, sort: { heldOn: 1, _id: 1 } },
        sessionView,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/cohorts/:id/sessions/:sessionId/attendance',
    permission: 'attendance:write',
    tag: 'cohorts',
    summary:
      'Mark a running cohort’s session register: present or absent per enrolled resident (marking again overwrites; 409 NOT_ENROLLED for anyone without a seat)',
    params: SessionParams,
    body: AttendanceMark,
    response: Page(AttendanceRecord),
    async handle({ params, body, principal, services }) {
      const cohort = await services
        .scoped('cohorts', principal)
        .get(params.id, { _id: 1, providerId: 1, status: 1 });
      const session = await services
        .scoped('sessions', principal)
        .findOne({ _id: params.sessionId, cohortId: params.id });
      if (session === null) throw new AppError('NOT_FOUND');
      if (cohort.status !== 'running') throw new AppError('COHORT_NOT_RUNNING');
      const residentIds = [...new Set(body.records.map((record) => record.residentId))];
      const { items: seats } = await services
        .scoped('enrollments', principal)
        .list(
          { cohortId: params.id, status: 'enrolled', residentId: op({ $in: residentIds }) },
          { page: 1, limit: residentIds.length },
        );
      const seatOf = new Map(seats.map((seat) => [seat.residentId.toString(), seat]));
      // All or nothing: the register is checked whole before any line of it is written.
      const missing = body.records
        .map((record, index) => ({ record, index }))
        .filter(({ record }) => !seatOf.has(record.residentId));
      if (missing.length > 0)
        throw new AppError('NOT_ENROLLED', {
          issues: missing.map(({ index }) => ({
            path: `body.records.${String(index)}.residentId`,
            message: 'no seat in this cohort',
          })),
        });
      const attendance = services.scoped('attendance', principal);
      const stored: AttendanceDoc[] = [];
      for (const record of body.records) {
        const seat = seatOf.get(record.residentId);
        if (seat === undefined) continue;
        stored.push(
          await attendance.upsert(
            { attendanceKey: `${params.sessionId}:${record.residentId}` },
            { present: record.present, hours: session.hours, markedBy: principal.sub },
            {
              cohortId: cohort._id,
              sessionId: session._id,
              residentId: new Types.ObjectId(record.residentId),
              providerId: cohort.providerId,
              townshipCode: seat.townshipCode,
            },
          ),
        );
      }
      const unique = [...new Map(stored.map((doc) => [doc._id.toString(), doc])).values()];
      const items = await attendanceViews(services, principal, unique);
      return { items, page: 1, limit: items.length, total: items.length };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/:id/sessions/:sessionId/attendance',
    permission: 'attendance:read',
    tag: 'cohorts',
    summary: 'A session’s register (staff see their townships’ residents, providers their cohorts)',
    params: SessionParams,
    query: AttendanceListQuery,
    response: Page(AttendanceRecord),
    async handle({ params, query, principal, services }) {
      const session = await services
        .scoped('sessions', principal)
        .findOne({ _id: params.sessionId, cohortId: params.id }, { _id: 1 });
      if (session === null) throw new AppError('NOT_FOUND');
      const page = await pageOf(
        services.scoped('attendance', principal),
        { sessionId: params.sessionId },
        { ...query, sort: { _id: 1 } },
        (doc) => doc,
      );
      return { ...page, items: await attendanceViews(services, principal, page.items) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/cohorts/:id/progress',
    permission: 'attendance:read',
    tag: 'cohorts',
    summary:
      'Each enrolled resident’s attended hours against the share completion requires (COMPLETION_MIN_ATTENDANCE_SHARE)',
    params: IdParams,
    response: CohortProgress,
    async handle({ params, principal, services }) {
      const cohort = await services.scoped('cohorts', principal).get(params.id);
      const [sessions, seats, present] = await Promise.all([
        services
          .scoped('sessions', principal)
          .list({ cohortId: params.id }, { page: 1, limit: MAX_SESSIONS }),
        services
          .scoped('enrollments', principal)
          .list(
            { cohortId: params.id, status: 'enrolled' },
            { page: 1, limit: cohort.seats, sort: { _id: 1 } },
          ),
        services
          .scoped('attendance', principal)
          .list({ cohortId: params.id, present: true }, { page: 1, limit: MAX_ATTENDANCE_ROWS }),
      ]);
      const hoursOf = new Map<string, number>();
      for (const record of present.items)
        hoursOf.set(
          record.residentId.toString(),
          (hoursOf.get(record.residentId.toString()) ?? 0) + record.hours,
        );
      const summaries = await summariesOf(
        services,
        seats.items.map((seat) => seat.residentId),
        principal.role,
      );
      const minShare = services.config.COMPLETION_MIN_ATTENDANCE_SHARE;
      return {
        cohortId: params.id,
        status: cohort.status,
        hours: cohort.hours,
        heldHours: sessions.items.reduce((sum, session) => sum + session.hours, 0),
        requiredShare: minShare,
        requiredHours: Math.round(minShare * cohort.hours * 100) / 100,
        items: seats.items.map((seat) => {
          const attendedHours =
            seat.completion?.attendedHours ?? hoursOf.get(seat.residentId.toString()) ?? 0;
          return {
            enrollmentId: seat._id.toString(),
            resident:
              summaries.get(seat.residentId.toString()) ?? UNKNOWN_RESIDENT(seat.residentId.toString()),
            attendedHours,
            ...attendanceShare(attendedHours, cohort.hours, minShare),
            ...(seat.completion?.certificateNumber === undefined
              ? {}
              : { certificateNumber: seat.completion.certificateNumber }),
          };
        }),
      };
    },
  }),
];
