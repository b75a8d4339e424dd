// At the fair: check-in, interview outcome, intent reached (达成意向) and hire, each a staff action on a
// registration, in that order. A hire creates the placement; nothing here happens without a person (PII-09).
import { Types } from 'mongoose';
import { z } from 'zod';
import {
  CheckInRequest,
  HireRequest,
  HireResult,
  IntentRequest,
  InterviewRequest,
  RecordId,
  Registration,
  placementReach,
  provinceOf,
} from '@anju/shared';
import { op } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { placementViews } from '../placements/routes.ts';
import type { FairStep, RegistrationDoc } from './model.ts';
import { registrationViews } from './routes.ts';

const RegistrationParams = z.strictObject({ id: RecordId, registrationId: RecordId });
type Params = z.output<typeof RegistrationParams>;

const ACTIVE = ['enrolled', 'waitlisted', 'claiming'];

async function current(services: Services, principal: Principal, params: Params): Promise<RegistrationDoc> {
  const found = await services
    .scoped('registrations', principal)
    .findOne({ _id: params.registrationId, fairId: params.id });
  if (found === null) throw new AppError('NOT_FOUND');
  return found;
}

async function view(services: Services, principal: Principal, params: Params): Promise<Registration> {
  const [shown] = await registrationViews(
    services,
    principal,
    [await current(services, principal, params)],
    true,
  );
  if (shown === undefined) throw new AppError('INTERNAL');
  return shown;
}

/**
 * Applies `update` when the registration is in the state `when` describes; otherwise says why not:
 * NOT_FOUND outside the scope, NOT_ACTIVE when cancelled, INVALID_STATE when an earlier step is missing.
 */
async function step(
  services: Services,
  principal: Principal,
  params: Params,
  when: Record<string, unknown>,
  update: Record<string, unknown>,
  missing: string,
): Promise<void> {
  const changed = await services
    .scoped('registrations', principal)
    .updateMany(
      { _id: params.registrationId, fairId: params.id, status: op({ $in: ACTIVE }), ...when },
      update,
    );
  if (changed === 1) return;
  const registration = await current(services, principal, params);
  if (!ACTIVE.includes(registration.status)) throw new AppError('NOT_ACTIVE');
  throw new AppError('INVALID_STATE', { detail: missing });
}

/** The opening must be one of the registration's booth's openings. */
async function boothOpening(
  services: Services,
  principal: Principal,
  registration: RegistrationDoc,
  openingId: string,
) {
  const booth = await services
    .scoped('booths', principal)
    .get(registration.holderId.toString(), { openingIds: 1 });
  if (!booth.openingIds.some((id) => id.toString() === openingId)) throw new AppError('NOT_FOUND');
  return services.scoped('openings', principal).get(openingId);
}

/** Equality and `$in` only: the service's own queries use no operator a user could smuggle in (INJ-01). */
const atStep = (...steps: (FairStep | null)[]) => ({ step: op({ $in: steps }) });

export const outcomeRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/registrations/:registrationId/check-in',
    permission: 'registrations:write',
    tag: 'fairs',
    summary: 'Check a registered resident in at the fair (签到); checking in twice changes nothing',
    params: RegistrationParams,
    body: CheckInRequest,
    response: Registration,
    async handle({ params, principal, services }) {
      const registration = await current(services, principal, params);
      if (!ACTIVE.includes(registration.status)) throw new AppError('NOT_ACTIVE');
      if (registration.step === undefined)
        await services
          .scoped('registrations', principal)
          .updateMany(
            { _id: params.registrationId, step: null },
            { $set: { step: 'checked-in', checkedInAt: new Date() } },
          );
      return view(services, principal, params);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/registrations/:registrationId/interview',
    permission: 'registrations:write',
    tag: 'fairs',
    summary: 'Record the interview’s outcome (after check-in; may be corrected until a hire)',
    params: RegistrationParams,
    body: InterviewRequest,
    response: Registration,
    async handle({ params, body, principal, services }) {
      const registration = await current(services, principal, params);
      if (body.openingId !== undefined) await boothOpening(services, principal, registration, body.openingId);
      await step(
        services,
        principal,
        params,
        atStep('checked-in', 'interviewed'),
        {
          $set: {
            step: 'interviewed',
            interview: {
              outcome: body.outcome,
              ...(body.openingId === undefined ? {} : { openingId: new Types.ObjectId(body.openingId) }),
              ...(body.note === undefined ? {} : { note: body.note }),
              at: new Date(),
              by: principal.sub,
            },
          },
        },
        'check the resident in first (an interview is recorded before any intent)',
      );
      return view(services, principal, params);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/registrations/:registrationId/intent',
    permission: 'registrations:write',
    tag: 'fairs',
    summary: 'Record that resident and employer reached an intent (达成意向) on one of the booth’s openings',
    params: RegistrationParams,
    body: IntentRequest,
    response: Registration,
    async handle({ params, body, principal, services }) {
      const registration = await current(services, principal, params);
      await boothOpening(services, principal, registration, body.openingId);
      await step(
        services,
        principal,
        params,
        { 'interview.outcome': 'passed', ...atStep('interviewed', 'intent') },
        {
          $set: {
            step: 'intent',
            intent: {
              openingId: new Types.ObjectId(body.openingId),
              ...(body.note === undefined ? {} : { note: body.note }),
              at: new Date(),
              by: principal.sub,
            },
          },
        },
        'an intent needs a passed interview (or the resident is already hired)',
      );
      return view(services, principal, params);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/registrations/:registrationId/hire',
    permission: 'registrations:write',
    tag: 'fairs',
    summary:
      'Hire (录用) after an intent: creates the placement, local / in-province / cross-province from the county codes',
    params: RegistrationParams,
    body: HireRequest,
    response: HireResult,
    status: 201,
    async handle({ params, body, principal, services }) {
      const registration = await current(services, principal, params);
      const openingId = body.openingId ?? registration.intent?.openingId.toString();
      if (openingId === undefined) throw new AppError('INVALID_STATE', { detail: 'a hire needs an intent' });
      const opening = await boothOpening(services, principal, registration, openingId);
      // One hire per registration without a transaction: the registration is claimed first, by one
      // conditional update, then the placement is written with the id it names.
      const placementId = new Types.ObjectId();
      await step(
        services,
        principal,
        params,
        atStep('intent'),
        {
          $set: {
            step: 'hired',
            hire: { placementId, openingId: opening._id, at: new Date(), by: principal.sub },
          },
        },
        'a hire needs an intent first (or the resident is already hired)',
      );
      let placement;
      try {
        placement = await services.scoped('placements', principal).insert({
          _id: placementId,
          residentId: registration.residentId,
          townshipCode: registration.townshipCode,
          employerId: opening.employerId,
          openingId: opening._id,
          countyCode: opening.countyCode,
          crossProvince: provinceOf(opening.countyCode) !== provinceOf(services.config.HOME_COUNTY_CODE),
          reach: placementReach(registration.townshipCode.slice(0, 6), opening.countyCode),
          startedOn: body.startedOn,
          monthlyWage: body.monthlyWage,
          source: 'fair',
        });
      } catch (error) {
        await services
          .scoped('registrations', principal)
          .updateMany(
            { _id: params.registrationId, 'hire.placementId': placementId },
            { $set: { step: 'intent' }, $unset: { hire: 1 } },
          );
        throw error;
      }
      const [placementView] = await placementViews(services, principal, [placement]);
      if (placementView === undefined) throw new AppError('INTERNAL');
      return { registration: await view(services, principal, params), placement: placementView };
    },
  }),
];
