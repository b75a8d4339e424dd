import { expect } from 'chai';
import { Types } from 'mongoose';
import {
  BlindIndex,
  createLogger,
  FieldCipher,
  ID_NUMBER_PATTERN,
  maskIdNumber,
  maskName,
  maskPhone,
  MOBILE_PATTERN,
} from '@anju/service';
import { Writable } from 'node:stream';
import {
  api,
  capturedLogLines,
  residentBody,
  startTestApp,
  syntheticIdNumber,
  syntheticName,
  syntheticPhone,
  type TestApp,
} from './support.ts';
import { scanCapturedOutput } from '../support/pii-capture.ts';
import { buildWorld, type World } from './world.ts';

const FIRST_N = 500;

describe('protected personal data', () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await buildWorld(t, FIRST_N);
  });
  after(async () => {
    await t.close();
  });

  describe('PII-05: encryption at rest', () => {
    it('PII-05: a raw dump of every collection holds no plaintext ID number or phone', async () => {
      const db = t.services.db.db!;
      const seeded = [FIRST_N, FIRST_N + 1, FIRST_N + 2, FIRST_N + 3];
      let dump = '';
      for (const collection of await db.listCollections().toArray())
        dump += JSON.stringify(await db.collection(collection.name).find({}).toArray());
      expect(dump.length).to.be.greaterThan(1000);
      for (const n of seeded) {
        expect(dump).not.to.include(syntheticIdNumber(n));
        expect(dump).not.to.include(syntheticPhone(n));
      }
      expect(dump.match(ID_NUMBER_PATTERN)).to.equal(null);
      expect(dump.match(MOBILE_PATTERN)).to.equal(null);
      // and no poverty status in the clear
      expect(dump).not.to.include('registeredPoor');
    });

    it('PII-05: stored values are AES-GCM with a key version and a random IV; the HMAC column is stable', async () => {
      const raw = await t.services.db
        .db!.collection('residents')
        .findOne({ _id: new Types.ObjectId(world.a.residentIds[0]) });
      expect(raw?.idNumberEnc).to.match(/^v2\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
      const cipher = new FieldCipher(t.config.FIELD_KEYS, 2);
      const context = { collection: 'residents', field: 'idNumber', id: world.a.residentIds[0]! };
      expect(cipher.encrypt('x', context)).to.not.equal(cipher.encrypt('x', context));
      const index = new BlindIndex(t.config.HMAC_KEY);
      expect(raw?.idNumberHmac).to.equal(index.digest('resident.idNumber', syntheticIdNumber(FIRST_N)));
    });

    it('PII-05: a ciphertext moved to another resident or field does not decrypt (AAD binds collection/field/id)', () => {
      const cipher = new FieldCipher(t.config.FIELD_KEYS, 2);
      const stored = cipher.encrypt('13900000001', { collection: 'residents', field: 'phone', id: 'a' });
      expect(cipher.decrypt(stored, { collection: 'residents', field: 'phone', id: 'a' })).to.equal(
        '13900000001',
      );
      expect(() => cipher.decrypt(stored, { collection: 'residents', field: 'phone', id: 'b' })).to.throw();
      expect(() =>
        cipher.decrypt(stored, { collection: 'residents', field: 'idNumber', id: 'a' }),
      ).to.throw();
      // Flip one full-information character of the tag (the last one carries padding bits).
      const tampered = `${stored.slice(0, -3)}${stored.at(-3) === 'A' ? 'B' : 'A'}${stored.slice(-2)}`;
      expect(() => cipher.decrypt(tampered, { collection: 'residents', field: 'phone', id: 'a' })).to.throw();
    });

    it('PII-05: after a key rotation, values under the old version still read', () => {
      const old = new FieldCipher(t.config.FIELD_KEYS, 1);
      const rotated = new FieldCipher(t.config.FIELD_KEYS, 2);
      const context = { collection: 'residents', field: 'idNumber', id: 'r' };
      const stored = old.encrypt(syntheticIdNumber(1), context);
      expect(FieldCipher.versionOf(stored)).to.equal(1);
      expect(rotated.decrypt(stored, context)).to.equal(syntheticIdNumber(1));
    });

    it('PII-05: uniqueness holds through the HMAC column: the same ID number in another township is 409', async () => {
      const staffB = api(t.app, world.tokens.staffB);
      const response = await staffB.post('/api/v1/residents', residentBody(world.b.householdId, FIRST_N));
      expect(response.status).to.equal(409);
      expect(response.text).not.to.include(syntheticIdNumber(FIRST_N));
    });

    it('PII-05: lookup by ID number or phone goes through the HMAC column', async () => {
      const staff = api(t.app, world.tokens.staffA);
      const byId = await staff.post('/api/v1/residents/lookup', {
        idNumber: syntheticIdNumber(FIRST_N).toLowerCase(),
      });
      expect((byId.body as { items: { id: string }[] }).items.map((r) => r.id)).to.deep.equal([
        world.a.residentIds[0],
      ]);
      const byPhone = await staff.post('/api/v1/residents/lookup', {
        phone: `+86 ${syntheticPhone(FIRST_N + 1)}`,
      });
      expect((byPhone.body as { items: { id: string }[] }).items.map((r) => r.id)).to.deep.equal([
        world.a.residentIds[1],
      ]);
    });
  });

  describe('SEC-06: masking per role', () => {
    it('SEC-06: the masks themselves', () => {
      expect(maskIdNumber('52012119800101123X', 'staff')).to.equal('5201**********123X');
      expect(maskIdNumber('52012119800101123X', 'employer')).to.equal('5****************X');
      expect(maskIdNumber('52012119800101123X', 'provider')).to.equal('5****************X');
      expect(maskPhone('13800138000')).to.equal('138****8000');
      expect(maskName('张三')).to.equal('张*');
      expect(maskName('王秀英')).to.equal('王**');
    });

    it('SEC-06: staff, admins and auditors get 5201**********123X; no ciphertext or HMAC leaves', async () => {
      for (const token of [world.tokens.staffA, world.tokens.admin, world.tokens.auditor]) {
        const response = await api(t.app, token).get(`/api/v1/residents/${world.a.residentIds[0]!}`);
        const body = response.body as Record<string, unknown>;
        const id = syntheticIdNumber(FIRST_N);
        expect(body.idNumber).to.equal(`${id.slice(0, 4)}**********${id.slice(-4)}`);
        expect(body.phone).to.equal(maskPhone(syntheticPhone(FIRST_N)));
        expect(body.name).to.equal(maskName(syntheticName(FIRST_N)));
        expect(response.text).not.to.match(/Enc|Hmac|v\d\.[\w-]{16}\./);
      }
    });

    it('SEC-06: poverty status is shown to staff only, never to auditors', async () => {
      const staff: unknown = (
        await api(t.app, world.tokens.staffA).get(`/api/v1/residents/${world.a.residentIds[0]!}`)
      ).body;
      const auditor: unknown = (
        await api(t.app, world.tokens.auditor).get(`/api/v1/residents/${world.a.residentIds[0]!}`)
      ).body;
      expect(staff).to.have.property('priority');
      expect(auditor).not.to.have.property('priority');
    });

    it('SEC-06: providers and employers see the first and last character of an ID number only', async () => {
      const enrolments = await api(t.app, world.tokens.providerA).get(
        `/api/v1/cohorts/${world.a.cohortId}/enrollments`,
      );
      const registrations = await api(t.app, world.tokens.employerA).get(
        `/api/v1/fairs/${world.fairId}/registrations`,
      );
      for (const response of [enrolments, registrations]) {
        const items = (response.body as { items: { resident: { idNumber: string; name: string } }[] }).items;
        expect(items).to.have.length.greaterThan(0);
        for (const item of items) {
          expect(item.resident.idNumber).to.match(/^\d\*{16}[\dX]$/);
          expect(item.resident.name).to.match(/^\p{Script=Han}\*+$/u);
        }
        expect(response.text).not.to.match(/Enc|Hmac/);
      }
    });
  });

  describe('reveal', () => {
    it('gives permitted staff the clear text for a stated reason, with no-store', async () => {
      const response = await api(t.app, world.tokens.staffA).post(
        `/api/v1/residents/${world.a.residentIds[0]!}/reveal`,
        {
          reason: '办理社保需核对身份证号',
        },
      );
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({
        id: world.a.residentIds[0],
        idNumber: syntheticIdNumber(FIRST_N),
        phone: syntheticPhone(FIRST_N),
      });
      expect(response.headers['cache-control']).to.equal('no-store');
    });

    it('requires a reason', async () => {
      const staff = api(t.app, world.tokens.staffA);
      expect((await staff.post(`/api/v1/residents/${world.a.residentIds[0]!}/reveal`, {})).status).to.equal(
        400,
      );
      expect(
        (await staff.post(`/api/v1/residents/${world.a.residentIds[0]!}/reveal`, { reason: 'x' })).status,
      ).to.equal(400);
    });

    it('does not store the clear-text answer even when an Idempotency-Key is sent', async () => {
      await api(t.app, world.tokens.staffA).post(
        `/api/v1/residents/${world.a.residentIds[1]!}/reveal`,
        { reason: '核对联系电话' },
        { 'Idempotency-Key': 'reveal-key-0001' },
      );
      const stored = JSON.stringify(
        await t.services.db.db!.collection('idempotency_keys').find({}).toArray(),
      );
      expect(stored).not.to.include(syntheticPhone(FIRST_N + 1));
    });
  });

  describe('PII-04: logs and error bodies', () => {
    it('PII-04: the safety net masks ID numbers and phones in any field of any log line', () => {
      const lines: string[] = [];
      const logger = createLogger(
        'info',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
          },
        }),
      );
      logger.info({ note: `call ${syntheticPhone(7)} about ${syntheticIdNumber(7)}` }, 'free text');
      logger.error(new Error(`duplicate ${syntheticIdNumber(8)}`), 'failed');
      logger.info(
        { deep: { idNumber: syntheticIdNumber(9), nested: { phone: syntheticPhone(9) } } },
        'fields',
      );
      // hex ids that happen to hold 11 digits are left alone, or request ids could not be followed
      logger.info({ requestId: 'f2c1a9e0-3b7d-4e21-9c55-b13912345678' }, 'request');
      const text = lines.join('');
      expect(text).to.include('b13912345678');
      for (const n of [7, 8, 9]) {
        expect(text).not.to.include(syntheticIdNumber(n));
        expect(text).not.to.include(syntheticPhone(n));
      }
      expect(text).to.include('[身份证号]');
    });

    it('PII-04: the run’s service logs and error bodies contain no ID number, phone or seeded name', async () => {
      // Provoke errors carrying personal data: duplicates, bad IDs, bad phones.
      const staff = api(t.app, world.tokens.staffA);
      await staff.post('/api/v1/residents', residentBody(world.a.householdId, FIRST_N));
      await staff.post('/api/v1/residents', {
        ...residentBody(world.a.householdId, 900),
        idNumber: `${syntheticIdNumber(900).slice(0, 17)}0`,
      });
      await staff.post('/api/v1/residents', {
        ...residentBody(world.a.householdId, 901),
        phone: '1290000901x',
      });
      await staff.get(`/api/v1/residents?name=${encodeURIComponent(syntheticName(FIRST_N))}`);
      await staff.post('/api/v1/residents/lookup', {
        idNumber: syntheticIdNumber(FIRST_N),
        extra: syntheticPhone(FIRST_N),
      });
      expect(capturedLogLines.length).to.be.greaterThan(10);
      // The scan the root hook (test/fixtures/pii-scan.ts) runs over the whole run after the last test.
      const { findings } = scanCapturedOutput();
      expect(findings.map((f) => `${f.kind} in a ${f.source}: ${f.context}`)).to.deep.equal([]);
    });
  });
});
