import { expect } from 'chai';
import { api, claims, seedResidents, startTestApp, TOWNSHIP_A, type TestApp } from './support.ts';

describe('service smoke', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('creates a household and residents and reads one back masked', async () => {
    const token = await t.token(claims.staffA);
    const { residentIds } = await seedResidents(t.app, token, TOWNSHIP_A, 2, 1);
    const got = await api(t.app, token).get(`/api/v1/residents/${residentIds[0]!}`);
    console.log(got.status, got.body);
    expect(got.status).to.equal(200);
  });
});
