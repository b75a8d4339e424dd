import { expect } from 'chai';
import { SignJWT } from 'jose';
import request from 'supertest';
import { api, claims, startTestApp, type TestApp } from './support.ts';
import { buildWorld, type World } from './world.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('identity and access', () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  });
  after(async () => {
    await t.close();
  });

  describe('SEC-07: bearer tokens', () => {
    const get = (headers: Record<string, string>, path = '/api/v1/fairs') =>
      request(t.app).get(path).set(headers);

    it('SEC-07: a valid HS256 token with the right iss and aud is accepted', async () => {
      expect((await get({ Authorization: `Bearer ${world.tokens.admin}` })).status).to.equal(200);
    });

    it('SEC-07: no token, a malformed header or a token with a wrong signature is 401', async () => {
      expect((await get({})).status).to.equal(401);
      expect((await get({ Authorization: world.tokens.admin })).status).to.equal(401);
      expect((await get({ Authorization: `Basic ${world.tokens.admin}` })).status).to.equal(401);
      const [header, payload] = world.tokens.admin.split('.');
      expect((await get({ Authorization: `Bearer ${header!}.${payload!}.AAAA` })).status).to.equal(401);
    });

    it('SEC-07: alg:none is 401', async () => {
      const payload = {
        sub: 'x',
        role: 'admin',
        iss: t.config.JWT_ISSUER,
        aud: t.config.JWT_AUDIENCE,
        exp: 9e9,
      };
      const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
      const response = await get({ Authorization: `Bearer ${none}` });
      expect(response.status).to.equal(401);
      expect((response.body as { code: string }).code).to.equal('UNAUTHENTICATED');
    });

    it('SEC-07: an algorithm outside the fixed list (HS512 with the same secret) is 401', async () => {
      const token = await new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS512' })
        .setSubject('x')
        .setIssuer(t.config.JWT_ISSUER)
        .setAudience(t.config.JWT_AUDIENCE)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(t.config.JWT_SECRET));
      expect((await get({ Authorization: `Bearer ${token}` })).status).to.equal(401);
    });

    it('SEC-07: an expired token is 401', async () => {
      const expired = await t.token(claims.admin, { ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
      expect((await get({ Authorization: `Bearer ${expired}` })).status).to.equal(401);
    });

    it('SEC-07: a wrong audience or issuer is 401', async () => {
      const sign = (iss: string, aud: string) =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(iss)
          .setAudience(aud)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(t.config.JWT_SECRET));
      expect(
        (await get({ Authorization: `Bearer ${await sign(t.config.JWT_ISSUER, 'other-api')}` })).status,
      ).to.equal(401);
      expect(
        (await get({ Authorization: `Bearer ${await sign('evil', t.config.JWT_AUDIENCE)}` })).status,
      ).to.equal(401);
    });

    it('SEC-07: a token without exp or with claims of no Anju role is 401', async () => {
      const noExp = await new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer(t.config.JWT_ISSUER)
        .setAudience(t.config.JWT_AUDIENCE)
        .sign(new TextEncoder().encode(t.config.JWT_SECRET));
      expect((await get({ Authorization: `Bearer ${noExp}` })).status).to.equal(401);
      const godRole = await new SignJWT({ role: 'root' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer(t.config.JWT_ISSUER)
        .setAudience(t.config.JWT_AUDIENCE)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(t.config.JWT_SECRET));
      expect((await get({ Authorization: `Bearer ${godRole}` })).status).to.equal(401);
    });

    it('SEC-07: a token in the query string is 401, even next to a valid header', async () => {
      expect((await get({}, `/api/v1/fairs?access_token=${world.tokens.admin}`)).status).to.equal(401);
      expect(
        (
          await get(
            { Authorization: `Bearer ${world.tokens.admin}` },
            `/api/v1/fairs?token=${world.tokens.admin}`,
          )
        ).status,
      ).to.equal(401);
    });
  });

  describe('SEC-04: function-level authorization', () => {
    it('SEC-04: an auditor cannot write anything', async () => {
      const auditor = api(t.app, world.tokens.auditor);
      const writes = [
        auditor.post('/api/v1/households', { townshipCode: '520121001', community: 'x' }),
        auditor.patch(`/api/v1/residents/${world.a.residentIds[0]!}`, { mobility: 'local' }),
        auditor.post(`/api/v1/residents/${world.a.residentIds[0]!}/reveal`, { reason: '核对身份信息' }),
        auditor.post('/api/v1/fairs', { title: 'x', countyCode: '520121', venue: 'v', heldOn: '2026-01-01' }),
        auditor.post(`/api/v1/cohorts/${world.a.cohortId}/enrollments`, {
          residentId: world.a.residentIds[1],
        }),
        auditor.post('/api/v1/followups', {
          placementId: world.a.placementId,
          month: '2026-04',
          employed: true,
          monthlyIncome: 1,
        }),
      ];
      for (const response of await Promise.all(writes)) expect(response.status, response.text).to.equal(403);
      expect((await auditor.get(`/api/v1/residents/${world.a.residentIds[0]!}`)).status).to.equal(200);
    });

    it('SEC-04: a provider cannot touch fairs, residents or placements', async () => {
      const provider = api(t.app, world.tokens.providerA);
      for (const path of [
        '/api/v1/fairs',
        `/api/v1/fairs/${world.fairId}/registrations`,
        '/api/v1/residents',
        '/api/v1/placements',
      ])
        expect((await provider.get(path)).status, path).to.equal(403);
      expect(
        (
          await provider.post(`/api/v1/fairs/${world.fairId}/registrations`, {
            residentId: world.a.residentIds[0],
            boothId: world.a.boothId,
          })
        ).status,
      ).to.equal(403);
    });

    it('SEC-04: an employer sees only its booth’s registrations, and only of residents who consented', async () => {
      const admin = api(t.app, world.tokens.admin);
      // resident a[1] does not consent (odd sequence number): register them at A's booth too.
      await admin.post(`/api/v1/fairs/${world.fairId}/registrations`, {
        residentId: world.a.residentIds[1],
        boothId: world.a.boothId,
      });
      const all = await admin.get(`/api/v1/fairs/${world.fairId}/registrations`);
      expect((all.body as { total: number }).total).to.equal(3);
      const seen = await api(t.app, world.tokens.employerA).get(
        `/api/v1/fairs/${world.fairId}/registrations`,
      );
      expect(seen.status).to.equal(200);
      const items = (
        seen.body as { items: { id: string; boothId: string; resident: { idNumber: string } }[] }
      ).items;
      expect(items.map((item) => item.id)).to.deep.equal([world.a.registrationId]);
      expect(items[0]!.resident.idNumber).to.match(/^5\*{16}[\dX]$/);
    });

    it('SEC-04: a resident who withdraws consent disappears from the employer’s list', async () => {
      const staff = api(t.app, world.tokens.staffA);
      await staff.patch(`/api/v1/residents/${world.a.residentIds[0]!}`, {
        consent: { shareWithEmployers: false },
      });
      try {
        const seen = await api(t.app, world.tokens.employerA).get(
          `/api/v1/fairs/${world.fairId}/registrations`,
        );
        expect((seen.body as { total: number }).total).to.equal(0);
      } finally {
        await staff.patch(`/api/v1/residents/${world.a.residentIds[0]!}`, {
          consent: { shareWithEmployers: true },
        });
      }
    });
  });

  describe('SEC-01: object-level authorization', () => {
    interface Case {
      role: keyof World['tokens'];
      method: 'get' | 'patch' | 'post';
      path: (w: World, side: 'a' | 'b') => string;
      body?: (w: World, side: 'a' | 'b') => unknown;
      /** how to read the object back as admin, to check nothing changed */
      readBack?: (w: World, side: 'a' | 'b') => string;
    }
    const side = (w: World, s: 'a' | 'b') => w[s];
    const cases: Case[] = [
      { role: 'staffA', method: 'get', path: (w, s) => `/api/v1/households/${side(w, s).householdId}` },
      {
        role: 'staffA',
        method: 'patch',
        path: (w, s) => `/api/v1/households/${side(w, s).householdId}`,
        body: () => ({ community: '改名社区' }),
        readBack: (w, s) => `/api/v1/households/${side(w, s).householdId}`,
      },
      { role: 'staffA', method: 'get', path: (w, s) => `/api/v1/residents/${side(w, s).residentIds[0]!}` },
      {
        role: 'staffA',
        method: 'patch',
        path: (w, s) => `/api/v1/residents/${side(w, s).residentIds[0]!}`,
        body: () => ({ mobility: 'national' }),
        readBack: (w, s) => `/api/v1/residents/${side(w, s).residentIds[0]!}`,
      },
      {
        role: 'staffA',
        method: 'post',
        path: (w, s) => `/api/v1/residents/${side(w, s).residentIds[0]!}/reveal`,
        body: () => ({ reason: '电话回访核对' }),
      },
      {
        role: 'staffA',
        method: 'post',
        path: (w) => `/api/v1/cohorts/${w.a.cohortId}/enrollments`,
        body: (w, s) => ({ residentId: side(w, s).residentIds[1] }),
      },
      {
        role: 'staffA',
        method: 'get',
        path: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}/enrollments/${side(w, s).enrollmentId}`,
      },
      {
        role: 'staffA',
        method: 'post',
        path: (w, s) =>
          `/api/v1/cohorts/${side(w, s).cohortId}/enrollments/${side(w, s).enrollmentId}/cancel`,
        readBack: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}/enrollments/${side(w, s).enrollmentId}`,
      },
      {
        role: 'staffA',
        method: 'post',
        path: (w) => `/api/v1/fairs/${w.fairId}/registrations`,
        body: (w, s) => ({ residentId: side(w, s).residentIds[1], boothId: w.a.boothId }),
      },
      {
        role: 'staffA',
        method: 'post',
        path: (w, s) => `/api/v1/fairs/${w.fairId}/registrations/${side(w, s).registrationId}/cancel`,
      },
      { role: 'staffA', method: 'get', path: (w, s) => `/api/v1/placements/${side(w, s).placementId}` },
      {
        role: 'staffA',
        method: 'patch',
        path: (w, s) => `/api/v1/placements/${side(w, s).placementId}`,
        body: () => ({ monthlyWage: 1 }),
        readBack: (w, s) => `/api/v1/placements/${side(w, s).placementId}`,
      },
      {
        role: 'staffA',
        method: 'post',
        path: () => '/api/v1/placements',
        body: (w, s) => ({
          residentId: side(w, s).residentIds[0],
          employerId: w.a.employerId,
          countyCode: '520121',
          startedOn: '2026-02-01',
          monthlyWage: 2000,
        }),
      },
      { role: 'staffA', method: 'get', path: (w, s) => `/api/v1/followups/${side(w, s).followUpId}` },
      {
        role: 'staffA',
        method: 'post',
        path: () => '/api/v1/followups',
        body: (w, s) => ({
          placementId: side(w, s).placementId,
          month: '2026-05',
          employed: true,
          monthlyIncome: 1,
        }),
      },
      { role: 'providerA', method: 'get', path: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}` },
      {
        role: 'providerA',
        method: 'patch',
        path: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}`,
        body: () => ({ title: '改名' }),
        readBack: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}`,
      },
      {
        role: 'providerA',
        method: 'get',
        path: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}/enrollments`,
      },
      {
        role: 'providerA',
        method: 'get',
        path: (w, s) => `/api/v1/cohorts/${side(w, s).cohortId}/enrollments/${side(w, s).enrollmentId}`,
      },
      { role: 'employerA', method: 'get', path: (w, s) => `/api/v1/employers/${side(w, s).employerId}` },
      { role: 'employerA', method: 'get', path: (w, s) => `/api/v1/openings/${side(w, s).openingId}` },
      {
        role: 'employerA',
        method: 'patch',
        path: (w, s) => `/api/v1/openings/${side(w, s).openingId}`,
        body: () => ({ headcount: 99 }),
        readBack: (w, s) => `/api/v1/openings/${side(w, s).openingId}`,
      },
      {
        role: 'employerA',
        method: 'post',
        path: () => '/api/v1/openings',
        body: (w, s) => ({
          employerId: side(w, s).employerId,
          kind: 'local',
          title: '普工',
          occupation: '普工',
          countyCode: '520121',
          wage: { min: 2000, max: 3000 },
          headcount: 1,
        }),
      },
      { role: 'employerA', method: 'get', path: (w, s) => `/api/v1/placements/${side(w, s).placementId}` },
    ];

    // Names the ids in a test's title: `/api/v1/households/:householdId`.
    const named = (key: string) => `:${key}`;
    const namedSide = {
      householdId: named('householdId'),
      residentIds: [named('residentId'), named('residentId')],
      employerId: named('employerId'),
      openingId: named('openingId'),
      providerId: named('providerId'),
      cohortId: named('cohortId'),
      enrollmentId: named('enrollmentId'),
      boothId: named('boothId'),
      registrationId: named('registrationId'),
      placementId: named('placementId'),
      followUpId: named('followUpId'),
    };
    const namedWorld = { fairId: named('fairId'), a: namedSide, b: namedSide } as unknown as World;
    for (const c of cases) {
      const label = `${c.role} ${c.method.toUpperCase()} ${c.path(namedWorld, 'b')}`;
      it(`SEC-01: ${label} → 404 out of scope, no data, no write`, async () => {
        const admin = api(t.app, world.tokens.admin);
        const before: unknown = c.readBack ? (await admin.get(c.readBack(world, 'b'))).body : undefined;
        const client = api(t.app, world.tokens[c.role]);
        const call = (s: 'a' | 'b') =>
          c.method === 'get'
            ? client.get(c.path(world, s))
            : c.method === 'patch'
              ? client.patch(c.path(world, s), c.body?.(world, s) ?? {})
              : client.post(c.path(world, s), c.body?.(world, s));
        const outside = await call('b');
        expect(outside.status, outside.text).to.equal(404);
        expect(outside.headers['content-type']).to.match(/problem\+json/);
        expect(Object.keys(outside.body as object)).to.not.include.members(['id', 'items', 'idNumber']);
        if (c.readBack) expect((await admin.get(c.readBack(world, 'b'))).body).to.deep.equal(before);
        if (c.method === 'get') {
          const inside = await call('a');
          expect(inside.status, inside.text).to.equal(200);
        }
      });
    }
  });

  describe('SEC-02: lists', () => {
    it('SEC-02: no list returns another township’s rows', async () => {
      const staff = api(t.app, world.tokens.staffA);
      for (const path of [
        '/api/v1/households',
        '/api/v1/residents',
        '/api/v1/placements',
        '/api/v1/followups',
        `/api/v1/cohorts/${world.b.cohortId}/enrollments`,
        `/api/v1/fairs/${world.fairId}/registrations`,
        '/api/v1/residents?townshipCode=520121002',
      ]) {
        const response = await staff.get(path);
        expect(response.status, path).to.equal(200);
        const items = (response.body as { items: Record<string, unknown>[] }).items;
        for (const item of items) expect(JSON.stringify(item), path).to.not.include('520121002');
        const ids = JSON.stringify(items);
        for (const id of world.b.residentIds) expect(ids, path).to.not.include(id);
      }
      const lookup = await staff.post('/api/v1/residents/lookup', { phone: '13900000102' });
      expect((lookup.body as { items: unknown[] }).items).to.have.length(0);
    });

    it('SEC-02: a provider lists only its cohorts; an employer only itself and its openings', async () => {
      const cohorts = await api(t.app, world.tokens.providerA).get('/api/v1/cohorts');
      expect((cohorts.body as { items: { id: string }[] }).items.map((c) => c.id)).to.deep.equal([
        world.a.cohortId,
      ]);
      const employers = await api(t.app, world.tokens.employerA).get('/api/v1/employers');
      expect((employers.body as { items: { id: string }[] }).items.map((c) => c.id)).to.deep.equal([
        world.a.employerId,
      ]);
      const openings = await api(t.app, world.tokens.employerA).get('/api/v1/openings');
      expect((openings.body as { items: { id: string }[] }).items.map((c) => c.id)).to.deep.equal([
        world.a.openingId,
      ]);
    });

    it('SEC-02: unknown or repeated query keys are 400', async () => {
      const staff = api(t.app, world.tokens.staffA);
      for (const query of [
        '?foo=1',
        '?page=1&page=2',
        '?limit=10&limit=20',
        '?name=a&name=b',
        '?townshipCode[$ne]=x',
        '?%24where=1',
      ])
        expect((await staff.get(`/api/v1/residents${query}`)).status, query).to.equal(400);
      expect((await staff.get('/api/v1/audit/verify?x=1')).status).to.equal(403);
      expect((await api(t.app, world.tokens.auditor).get('/api/v1/audit/verify?x=1')).status).to.equal(400);
    });

    it('SEC-02: page size is capped at 100', async () => {
      const staff = api(t.app, world.tokens.staffA);
      expect((await staff.get('/api/v1/residents?limit=1000')).status).to.equal(400);
      expect((await staff.get('/api/v1/residents?limit=0')).status).to.equal(400);
      expect(((await staff.get('/api/v1/residents')).body as { limit: number }).limit).to.be.at.most(100);
    });
  });

  describe('SEC-05: mass assignment', () => {
    for (const extra of [
      { townshipCode: '520121002' },
      { role: 'admin' },
      { _id: '0123456789abcdef01234567' },
      { $set: { townshipCode: '520121002' } },
      { __proto__: { admin: true } },
      { idNumberHmac: 'x' },
      { taken: 0 },
    ]) {
      const key = Object.keys(extra)[0] ?? '__proto__';
      it(`SEC-05: an extra ${key} key is 400 and the stored document is unchanged`, async () => {
        const staff = api(t.app, world.tokens.staffA);
        const path = `/api/v1/residents/${world.a.residentIds[1]!}`;
        const before = (await staff.get(path)).body as Record<string, unknown>;
        const raw = `{"mobility":"national",${JSON.stringify(extra).slice(1)}`;
        const response = await request(t.app)
          .patch(path)
          .set('Authorization', `Bearer ${world.tokens.staffA}`)
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(response.status, response.text).to.equal(400);
        const after = (await staff.get(path)).body as Record<string, unknown>;
        expect(after).to.deep.equal(before);
        const cohort = await request(t.app)
          .patch(`/api/v1/cohorts/${world.a.cohortId}`)
          .set('Authorization', `Bearer ${world.tokens.admin}`)
          .set('Content-Type', 'application/json')
          .send(`{"title":"x",${JSON.stringify(extra).slice(1)}`);
        expect(cohort.status).to.equal(400);
      });
    }
  });
});
