import { expect } from 'chai';
import { requestHash } from '@anju/service';
import { api, claims, listen, postJson, startTestApp, type TestApp } from './support.ts';

describe('Idempotency-Key on POSTs (IDEM-01)', () => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let token: string;
  const fair = { title: '春风行动', countyCode: '520121', venue: '社区广场', heldOn: '2026-02-20' };

  before(async () => {
    t = await startTestApp();
    server = await listen(t.app);
    token = await t.token(claims.admin);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  const fairs = () => t.services.models.fairs.countDocuments({});

  it('IDEM-01: the same key and body returns the stored first response and creates nothing more', async () => {
    const before = await fairs();
    const first = await postJson(`${server.url}/api/v1/fairs`, token, fair, {
      'Idempotency-Key': 'fair-create-0001',
    });
    const again = await postJson(
      `${server.url}/api/v1/fairs`,
      token,
      { ...fair },
      { 'Idempotency-Key': 'fair-create-0001' },
    );
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(await fairs()).to.equal(before + 1);
  });

  it('IDEM-01: key order in the body does not matter', async () => {
    const first = await postJson(`${server.url}/api/v1/fairs`, token, fair, {
      'Idempotency-Key': 'fair-create-0002',
    });
    const reordered = {
      heldOn: fair.heldOn,
      venue: fair.venue,
      countyCode: fair.countyCode,
      title: fair.title,
    };
    const again = await postJson(`${server.url}/api/v1/fairs`, token, reordered, {
      'Idempotency-Key': 'fair-create-0002',
    });
    expect(again.body.id).to.equal(first.body.id);
  });

  it('IDEM-01: the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    await postJson(`${server.url}/api/v1/fairs`, token, fair, { 'Idempotency-Key': 'fair-create-0003' });
    const other = await postJson(
      `${server.url}/api/v1/fairs`,
      token,
      { ...fair, venue: '体育馆' },
      { 'Idempotency-Key': 'fair-create-0003' },
    );
    expect(other.status).to.equal(422);
    expect(other.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
  });

  it('IDEM-01: while the first request with a key is running, a retry is 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    // The state "first request still running" as the first request leaves it in MongoDB.
    await t.services.db.db!.collection('idempotency_keys').insertOne({
      actor: 'admin-1',
      key: 'fair-create-0004',
      requestHash: requestHash('POST', '/api/v1/fairs', fair),
      state: 'running',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const before = await fairs();
    const retry = await postJson(`${server.url}/api/v1/fairs`, token, fair, {
      'Idempotency-Key': 'fair-create-0004',
    });
    expect(retry.status).to.equal(409);
    expect(retry.body.code).to.equal('IDEMPOTENCY_IN_PROGRESS');
    expect(await fairs()).to.equal(before);
  });

  it('IDEM-01: 20 concurrent retries with one key create exactly one record; every 2xx carries the same id', async () => {
    const before = await fairs();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        postJson(`${server.url}/api/v1/fairs`, token, fair, { 'Idempotency-Key': 'fair-create-0005' }),
      ),
    );
    expect(await fairs()).to.equal(before + 1);
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).to.be.greaterThan(0);
    expect(new Set(ok.map((r) => r.body.id)).size).to.equal(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).to.equal(true);
  });

  it('IDEM-01: keys are per caller, and a malformed key is 400', async () => {
    const other = await t.token(claims.staffA);
    const mine = await postJson(`${server.url}/api/v1/fairs`, token, fair, {
      'Idempotency-Key': 'shared-key-0006',
    });
    const theirs = await postJson(`${server.url}/api/v1/fairs`, other, fair, {
      'Idempotency-Key': 'shared-key-0006',
    });
    expect(theirs.status).to.equal(201);
    expect(theirs.body.id).to.not.equal(mine.body.id);
    const bad = await postJson(`${server.url}/api/v1/fairs`, token, fair, { 'Idempotency-Key': 'short' });
    expect(bad.status).to.equal(400);
  });

  it('IDEM-01: a replayed error is the same error (a 409 duplicate stays 409)', async () => {
    const client = api(t.app, token);
    const household = await client.post('/api/v1/households', {
      townshipCode: '520121001',
      community: '幸福社区',
    });
    const body = {
      householdId: (household.body as { id: string }).id,
      name: '赵明',
      idNumber: '11010519491231002X',
      mobility: 'local',
      consent: { shareWithEmployers: false },
    };
    await postJson(`${server.url}/api/v1/residents`, token, body);
    const first = await postJson(`${server.url}/api/v1/residents`, token, body, {
      'Idempotency-Key': 'dup-resident-7',
    });
    const again = await postJson(`${server.url}/api/v1/residents`, token, body, {
      'Idempotency-Key': 'dup-resident-7',
    });
    expect(first.status).to.equal(409);
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('DUPLICATE');
  });
});
