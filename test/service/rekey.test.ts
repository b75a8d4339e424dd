import { expect } from 'chai';
import { createLogger, createServices, FieldCipher, rekeyResidents, type Services } from '@anju/service';
import {
  claims,
  seedResidents,
  startTestApp,
  syntheticIdNumber,
  syntheticPhone,
  testConfig,
  TOWNSHIP_A,
  type TestApp,
} from './support.ts';

const FIRST_N = 700;
const COUNT = 6;
const KEY_2 = Buffer.alloc(32, 9); // version 2 of TEST_ENV.FIELD_KEYS

/** The stored encrypted columns of every resident, oldest first. */
async function storedRows(services: Services) {
  return services.models.residents
    .find({}, { idNumberEnc: 1, phoneEnc: 1, priorityEnc: 1, updatedAt: 1 })
    .sort({ _id: 1 })
    .lean();
}

describe('rekeyResidents (anju rekey)', () => {
  let t: TestApp;
  let rotated: Services;
  before(async () => {
    // Rows written under key version 1; then the rotation: version 2 becomes the current one.
    t = await startTestApp({ FIELD_KEY_VERSION: '1' });
    await seedResidents(t.app, await t.token(claims.staffA), TOWNSHIP_A, COUNT, FIRST_N);
    rotated = createServices(testConfig({ FIELD_KEY_VERSION: '2' }), t.services.db, createLogger('silent'));
  });
  after(async () => {
    await t.close();
  });

  it('in a dry run, counts the rows under an older key and changes nothing', async () => {
    const before = await storedRows(t.services);
    const outcome = await rekeyResidents(rotated, { dryRun: true });
    expect(outcome).to.include({ scanned: COUNT, stale: COUNT, rewritten: 0 });
    expect(outcome.valuesByVersion).to.deep.equal({ v1: 3 * COUNT });
    expect(await storedRows(t.services)).to.deep.equal(before);
  });

  it('re-encrypts ID numbers, phones and poverty status under the current key, readable with it alone, updatedAt kept', async () => {
    const before = await storedRows(t.services);
    const outcome = await rekeyResidents(rotated, { batchSize: 4 });
    expect(outcome).to.include({ scanned: COUNT, stale: COUNT, rewritten: COUNT, changedMeanwhile: 0 });
    expect(outcome.unreadable).to.deep.equal([]);
    const onlyKey2 = new FieldCipher(new Map([[2, KEY_2]]), 2);
    const after = await storedRows(t.services);
    after.forEach((row, i) => {
      const context = (field: string) => ({ collection: 'residents', field, id: row._id.toHexString() });
      expect(FieldCipher.versionOf(row.idNumberEnc)).to.equal(2);
      expect(onlyKey2.decrypt(row.idNumberEnc, context('idNumber'))).to.equal(syntheticIdNumber(FIRST_N + i));
      expect(onlyKey2.decrypt(row.phoneEnc ?? '', context('phone'))).to.equal(syntheticPhone(FIRST_N + i));
      expect(JSON.parse(onlyKey2.decrypt(row.priorityEnc ?? '', context('priority')))).to.deep.equal({
        registeredPoor: true,
      });
      expect(row.updatedAt.getTime()).to.equal(before[i]?.updatedAt.getTime());
    });
  });

  it('run again, finds nothing to do', async () => {
    const outcome = await rekeyResidents(rotated);
    expect(outcome).to.include({ scanned: COUNT, stale: 0, rewritten: 0 });
    expect(outcome.valuesByVersion).to.deep.equal({ v2: 3 * COUNT });
  });

  it('when a value opens with no configured key, reports that resident and leaves it as it is', async () => {
    const [first] = await storedRows(t.services);
    if (first === undefined) throw new Error('no resident seeded');
    const foreign = new FieldCipher(new Map([[7, Buffer.alloc(32, 1)]]), 7).encrypt('13900000000', {
      collection: 'residents',
      field: 'phone',
      id: first._id.toHexString(),
    });
    await t.services.models.residents.updateOne({ _id: first._id }, { $set: { phoneEnc: foreign } });
    const outcome = await rekeyResidents(rotated);
    expect(outcome.unreadable).to.deep.equal([first._id.toHexString()]);
    expect(outcome.rewritten).to.equal(0);
    const [stillThere] = await storedRows(t.services);
    expect(stillThere?.phoneEnc).to.equal(foreign);
  });
});
