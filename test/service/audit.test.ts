import { expect } from 'chai';
import { AuditLog, auditHash, type AuditEntry } from '@anju/service';
import { openDatabase } from '@anju/service';
import { api, startTestApp, type TestApp } from './support.ts';
import { testMongoUri, uniqueName } from '../support/services.ts';
import { buildWorld, type World } from './world.ts';

interface Record {
  seq: number;
  actor: string;
  role: string;
  townships: string[];
  action: string;
  targetId: string;
  reason?: string;
  outcome: string;
}

describe('audit log (PII-06)', () => {
  let t: TestApp;
  let world: World;
  before(async () => {
    t = await startTestApp();
    world = await buildWorld(t, 700);
  });
  after(async () => {
    await t.close();
  });

  const records = async (): Promise<Record[]> =>
    t.services.audit.model.find({}).sort({ seq: 1 }).lean<Record[]>();

  it('PII-06: a read of a resident’s detail writes one record with actor, role, township, action, target, outcome', async () => {
    const before = (await records()).length;
    const target = world.a.residentIds[0]!;
    expect((await api(t.app, world.tokens.staffA).get(`/api/v1/residents/${target}`)).status).to.equal(200);
    const after = await records();
    expect(after).to.have.length(before + 1);
    expect(after.at(-1)).to.include({
      actor: 'staff-a',
      role: 'staff',
      action: 'resident.read',
      targetId: target,
      outcome: 'allowed',
    });
    expect(after.at(-1)?.townships).to.deep.equal(['520121001']);
  });

  it('PII-06: a reveal writes one record with its reason', async () => {
    const target = world.a.residentIds[1]!;
    await api(t.app, world.tokens.staffA).post(`/api/v1/residents/${target}/reveal`, {
      reason: '就业登记核对',
    });
    expect((await records()).at(-1)).to.include({
      action: 'resident.reveal',
      targetId: target,
      reason: '就业登记核对',
      outcome: 'allowed',
    });
  });

  it('PII-06: an export writes one record with its reason and returns masked rows of the caller’s scope only', async () => {
    const response = await api(t.app, world.tokens.staffA).post('/api/v1/residents/export', {
      reason: '季度就业统计报表',
    });
    expect(response.status).to.equal(200);
    const body = response.body as { items: { townshipCode: string; idNumber: string }[]; truncated: boolean };
    expect(body.items.length).to.be.greaterThan(0);
    expect(
      body.items.every((item) => item.townshipCode === '520121001' && item.idNumber.includes('*')),
    ).to.equal(true);
    expect((await records()).at(-1)).to.include({
      actor: 'staff-a',
      action: 'export',
      reason: '季度就业统计报表',
      outcome: 'allowed',
    });
    await api(t.app, world.tokens.providerA).post('/api/v1/residents/export', { reason: '想导出名单' });
    expect((await records()).at(-1)).to.include({
      actor: 'provider-provider-A',
      action: 'export',
      outcome: 'denied',
    });
  });

  it('PII-06: denied attempts are recorded too: out of scope (404) and without permission (403)', async () => {
    const outside = world.b.residentIds[0]!;
    await api(t.app, world.tokens.staffA).get(`/api/v1/residents/${outside}`);
    expect((await records()).at(-1)).to.include({
      actor: 'staff-a',
      action: 'resident.read',
      targetId: outside,
      outcome: 'denied',
    });
    await api(t.app, world.tokens.auditor).post(`/api/v1/residents/${outside}/reveal`, {
      reason: '想看看号码',
    });
    expect((await records()).at(-1)).to.include({
      actor: 'auditor-1',
      action: 'resident.reveal',
      targetId: outside,
      outcome: 'denied',
    });
  });

  it('PII-06: auditors can read the log and verify the chain; others cannot', async () => {
    const list = await api(t.app, world.tokens.auditor).get('/api/v1/audit?action=resident.reveal');
    expect(list.status).to.equal(200);
    expect((list.body as { total: number }).total).to.equal(2);
    const verify = await api(t.app, world.tokens.auditor).get('/api/v1/audit/verify');
    expect(verify.body).to.include({ ok: true });
    expect((await api(t.app, world.tokens.staffA).get('/api/v1/audit')).status).to.equal(403);
    expect(t.services.audit).to.not.have.property('update');
  });

  it('PII-06: the chain stays linear under 100 concurrent reads from two service instances', async () => {
    // A second AuditLog on its own connection plays a second process appending to the same chain.
    const second = openDatabase(testMongoUri(), t.services.db.name);
    await second.asPromise();
    try {
      const other = new AuditLog(second);
      const entry = (i: number): AuditEntry => ({
        actor: `worker-${i}`,
        role: 'staff',
        townships: ['520121001'],
        action: 'bulk-job',
        targetId: String(i),
        outcome: 'allowed',
      });
      await Promise.all([
        ...Array.from({ length: 50 }, (_, i) =>
          api(t.app, world.tokens.staffA).get(`/api/v1/residents/${world.a.residentIds[i % 2]!}`),
        ),
        ...Array.from({ length: 50 }, (_, i) => other.append(entry(i))),
      ]);
      const all = await records();
      expect(all.map((record) => record.seq)).to.deep.equal(all.map((_, i) => i + 1));
      expect(await t.services.audit.verify()).to.deep.equal({ ok: true, checked: all.length });
    } finally {
      await second.close();
    }
  });

  it('PII-06: the verifier names the first tampered record (changed field, deleted record, rewritten hash)', async () => {
    const db = openDatabase(testMongoUri(), uniqueName('anju_audit'));
    await db.asPromise();
    try {
      const log = new AuditLog(db);
      await log.init();
      for (let i = 0; i < 6; i += 1)
        await log.append({
          actor: 'a',
          role: 'staff',
          townships: [],
          action: 'resident.read',
          targetId: `t${i}`,
          outcome: 'allowed',
        });
      expect(await log.verify()).to.deep.equal({ ok: true, checked: 6 });
      const collection = log.model.collection;

      await collection.updateOne({ seq: 3 }, { $set: { outcome: 'denied' } });
      expect(await log.verify()).to.include({ ok: false, firstBadSeq: 3 });
      await collection.updateOne({ seq: 3 }, { $set: { outcome: 'allowed' } });
      expect((await log.verify()).ok).to.equal(true);

      // Rewriting a record's hash to match its new content breaks the next link.
      const record = await collection.findOne({ seq: 2 });
      const forged = { ...record!, targetId: 'forged' } as unknown as Parameters<typeof auditHash>[0];
      await collection.updateOne({ seq: 2 }, { $set: { targetId: 'forged', hash: auditHash(forged) } });
      expect(await log.verify()).to.include({ ok: false, firstBadSeq: 3 });

      await collection.deleteOne({ seq: 5 });
      const result = await log.verify();
      expect(result.ok).to.equal(false);
    } finally {
      await db.dropDatabase();
      await db.close();
    }
  });
});
