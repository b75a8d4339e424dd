import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import request from 'supertest';
import { defaultTaxonomy } from '@anju/matching-core';
import { COUNTY_PROFILE, generateCounty } from '@anju/matching-core/synthetic';
import { idCheckCharacter, type KpiReport } from '@anju/shared';
import { BlindIndex, FieldCipher } from '@anju/service';
import { api, claims, startTestApp, type ApiClient, type TestApp } from './support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PERIOD = 'from=2026-01-01&to=2026-03-31';

function idOf(response: { status: number; text: string; body: unknown }, what: string): string {
  expect(response.status, `${what}: ${response.text}`).to.be.oneOf([200, 201]);
  return (response.body as { id: string }).id;
}

/** A valid synthetic 身份证号 for sequence number `n`, unique for n < 10⁷. */
function idNumber(n: number): string {
  const first17 = `520121${1950 + (n % 50)}0101${String(n).padStart(7, '0').slice(-3)}`;
  // vary the birth day with the higher digits so every n gets its own number
  const day = String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28_000) % 12)).padStart(2, '0');
  const withDate = `${first17.slice(0, 10)}${month}${day}${first17.slice(14)}`;
  return `${withDate}${idCheckCharacter(withDate)}`;
}

async function kpi(client: ApiClient, query = PERIOD): Promise<KpiReport> {
  const response = await client.get(`/api/v1/reports/kpi?${query}`);
  expect(response.status, response.text).to.equal(200);
  return response.body as KpiReport;
}

describe('KPI report', function () {
  this.timeout(60_000);

  describe('from a known data set (figures computed by hand)', () => {
    let t: TestApp;
    let admin: ApiClient;
    let staffA: ApiClient;
    let staffB: ApiClient;
    let auditor: ApiClient;
    let placementOf: Map<string, string>;
    let residentIds: Record<string, string>;

    before(async () => {
      t = await startTestApp();
      admin = api(t.app, await t.token(claims.admin));
      staffA = api(t.app, await t.token(claims.staffA));
      staffB = api(t.app, await t.token(claims.staffB));
      auditor = api(t.app, await t.token(claims.auditor));
      const db = t.services.db.db!;

      // Township A: 锦绣社区 (two households), 安康社区 (one); township B: 和谐社区 (one).
      const household = async (client: ApiClient, townshipCode: string, community: string, grid?: string) =>
        idOf(
          await client.post('/api/v1/households', {
            townshipCode,
            community,
            ...(grid === undefined ? {} : { grid }),
          }),
          'household',
        );
      const ha1 = await household(staffA, '520121001', '锦绣社区', '第一网格');
      const ha2 = await household(staffA, '520121001', '锦绣社区', '第二网格');
      const ha3 = await household(staffA, '520121001', '安康社区', '第一网格');
      const hb1 = await household(staffB, '520121002', '和谐社区');
      const resident = async (
        client: ApiClient,
        householdId: string,
        n: number,
        extra: Record<string, unknown>,
      ) =>
        idOf(
          await client.post('/api/v1/residents', {
            householdId,
            name: `测试${n}`,
            idNumber: idNumber(n),
            mobility: 'local',
            consent: { shareWithEmployers: true },
            ...extra,
          }),
          'resident',
        );
      const a1 = await resident(staffA, ha1, 1, {
        priority: { registeredPoor: true },
        monthlyIncomeBefore: 800,
      });
      const a2 = await resident(staffA, ha1, 2, {
        priority: { registeredPoor: true },
        monthlyIncomeBefore: 1000,
      });
      const a3 = await resident(staffA, ha2, 3, {
        priority: { registeredPoor: false },
        monthlyIncomeBefore: 1500,
        certificates: [{ name: '焊工', issuedOn: '2026-03-30' }],
      });
      const a4 = await resident(staffA, ha3, 4, { certificates: [{ name: '电工', issuedOn: '2025-12-01' }] });
      const b1 = await resident(staffB, hb1, 5, {
        priority: { registeredPoor: true },
        monthlyIncomeBefore: 500,
      });
      const b2 = await resident(staffB, hb1, 6, {
        priority: { registeredPoor: false },
        certificates: [{ name: '叉车司机', issuedOn: '2026-03-31' }],
      });

      residentIds = { a1, a2, a3, a4, b1, b2 };

      // Employers and openings: a workshop and a public-welfare post at home, a Guiyang firm, Dongguan.
      const employer = async (name: string, countyCode: string, kind: string) =>
        idOf(await admin.post('/api/v1/employers', { name, countyCode, kind }), 'employer');
      const opening = async (employerId: string, kind: string, countyCode: string, headcount: number) =>
        idOf(
          await admin.post('/api/v1/openings', {
            employerId,
            kind,
            title: '岗位',
            occupation: '普工',
            countyCode,
            wage: { min: 2000, max: 3000 },
            headcount,
          }),
          'opening',
        );
      const e1 = await employer('帮扶车间', '520121', 'assistance-workshop');
      const e2 = await employer('城管局', '520121', 'public-body');
      const e3 = await employer('贵阳建工', '520115', 'firm');
      const e4 = await employer('东莞电子', '441900', 'firm');
      const o1 = await opening(e1, 'assistance-workshop', '520121', 10);
      const o2 = await opening(e2, 'public-welfare', '520121', 5);
      const o3 = await opening(e3, 'local', '520115', 8);
      const o4 = await opening(e4, 'labour-cooperation', '441900', 20);

      // Fairs: one in the period, one after; registrations with the fair's steps (intent, hire) as the
      // fairs component records them.
      const fair = async (heldOn: string) =>
        idOf(
          await admin.post('/api/v1/fairs', { title: '招聘会', countyCode: '520121', venue: '广场', heldOn }),
          'fair',
        );
      const f1 = await fair('2026-02-15');
      await fair('2026-05-01');
      const booth = idOf(
        await admin.post(`/api/v1/fairs/${f1}/booths`, {
          employerId: e1,
          name: '展位',
          seats: 10,
          openingIds: [o1],
        }),
        'booth',
      );
      const register = async (client: ApiClient, residentId: string, intentAt: string, hiredAt?: string) => {
        const id = idOf(
          await client.post(`/api/v1/fairs/${f1}/registrations`, { residentId, boothId: booth }),
          'registration',
        );
        const openingId = new Types.ObjectId(o1);
        await db.collection('registrations').updateOne(
          { _id: new Types.ObjectId(id) },
          {
            $set: {
              step: hiredAt === undefined ? 'intent' : 'hired',
              intent: { openingId, at: new Date(intentAt), by: 'staff' },
              ...(hiredAt === undefined
                ? {}
                : {
                    hire: {
                      placementId: new Types.ObjectId(),
                      openingId,
                      at: new Date(hiredAt),
                      by: 'staff',
                    },
                  }),
            },
          },
        );
      };
      await register(staffA, a1, '2026-02-15T10:00:00+08:00', '2026-02-20T09:00:00+08:00');
      await register(staffA, a2, '2026-02-15T11:00:00+08:00', '2026-03-01T09:00:00+08:00');
      await register(staffB, b1, '2026-02-15T12:00:00+08:00');
      await register(staffB, b2, '2026-06-01T10:00:00+08:00');

      // Cohorts, completed as the cohorts component records it (the cohort's completedAt, each enrolment's
      // completion): one completed at 23:30 on the period's last day in Shanghai (15:30 UTC: inside), one at
      // 00:30 on 1 April (still 31 March in UTC: outside); one starting after the period, one cancelled.
      const cohort = async (startsOn: string, endsOn: string) =>
        idOf(
          await admin.post('/api/v1/cohorts', {
            providerId: 'school-1',
            title: '电焊班',
            trade: '焊工',
            seats: 10,
            hours: 40,
            startsOn,
            endsOn,
          }),
          'cohort',
        );
      const c1 = await cohort('2026-03-02', '2026-03-30');
      const c3 = await cohort('2026-03-05', '2026-03-31');
      await cohort('2026-04-10', '2026-05-10');
      const c4 = await cohort('2026-02-01', '2026-02-28');
      const setCohort = (id: string, set: Record<string, unknown>) =>
        db.collection('cohorts').updateOne({ _id: new Types.ObjectId(id) }, { $set: set });
      const complete = async (
        client: ApiClient,
        cohortId: string,
        residentId: string,
        certified: boolean,
      ) => {
        const id = idOf(
          await client.post(`/api/v1/cohorts/${cohortId}/enrollments`, { residentId }),
          'enrolment',
        );
        await db.collection('enrollments').updateOne(
          { _id: new Types.ObjectId(id) },
          {
            $set: {
              completion: { attendedHours: certified ? 40 : 10, share: certified ? 1 : 0.25, certified },
            },
          },
        );
      };
      await complete(staffA, c1, a3, true);
      await complete(staffA, c1, a4, false);
      await complete(staffB, c3, b2, true);
      await setCohort(c1, { status: 'completed', completedAt: new Date('2026-03-31T23:30:00+08:00') });
      await setCohort(c3, { status: 'completed', completedAt: new Date('2026-04-01T00:30:00+08:00') });
      await setCohort(c4, { status: 'cancelled' });

      // Placements and their follow-ups.
      placementOf = new Map();
      const place = async (
        client: ApiClient,
        residentId: string,
        employerId: string,
        openingId: string,
        countyCode: string,
        startedOn: string,
        source: string,
        incomes: [string, number][],
      ) => {
        const placementId = idOf(
          await client.post('/api/v1/placements', {
            residentId,
            employerId,
            openingId,
            countyCode,
            startedOn,
            monthlyWage: 3000,
            source,
          }),
          'placement',
        );
        placementOf.set(residentId, placementId);
        for (const [month, monthlyIncome] of incomes)
          idOf(
            await client.post('/api/v1/followups', { placementId, month, employed: true, monthlyIncome }),
            'follow-up',
          );
      };
      await place(staffA, a1, e1, o1, '520121', '2026-02-20', 'fair', [
        ['2026-02', 2400],
        ['2026-03', 2600],
      ]);
      await place(staffA, a2, e4, o4, '441900', '2026-03-01', 'fair', [['2026-03', 6000]]);
      await place(staffA, a3, e2, o2, '520121', '2026-01-10', 'referral', [['2026-02', 1900]]);
      await place(staffB, b1, e3, o3, '520115', '2026-02-01', 'referral', [
        ['2026-03', 4000],
        ['2026-04', 9999],
      ]);
      await place(staffB, b2, e1, o1, '520121', '2025-12-01', 'fair', [['2026-01', 3000]]);
      await place(staffA, a4, e3, o3, '520115', '2026-04-02', 'self', []);
    });
    after(async () => {
      await t.close();
    });

    it('gives the county’s figures to an admin', async () => {
      const report = await kpi(admin);
      expect(report.period).to.deep.equal({ from: '2026-01-01', to: '2026-03-31' });
      expect(report.scope).to.deep.equal({ county: true, townships: [] });
      expect(report.communities).to.equal(3);
      expect(report.households).to.deep.equal({ total: 4, registeredPoor: 2, relocatedAlongside: 2 });
      expect(report.residents).to.deep.equal({ total: 6, registeredPoor: 3, relocatedAlongside: 3 });
      expect(report).to.include({
        fairsHeld: 1,
        employers: 4,
        openings: 4,
        positions: 43,
        intents: 3,
        hires: 2,
        classes: 2,
        trained: 2,
        certified: 1,
      });
      expect(report.placements).to.deep.equal({
        total: 4,
        nearHome: 2,
        assistanceWorkshop: 1,
        publicWelfare: 1,
        inProvince: 1,
        crossProvince: 1,
      });
      // (2500 − 800 + 6000 − 1000 + 1900 − 1500 + 4000 − 500) / 4
      expect(report.income).to.deep.equal({
        residents: 4,
        averageBefore: 950,
        averageAfter: 3600,
        averageChange: 2650,
      });
    });

    it('gives an auditor the same county figures', async () => {
      const [forAdmin, forAuditor] = [await kpi(admin), await kpi(auditor)];
      expect({ ...forAuditor, generatedAt: '' }).to.deep.equal({ ...forAdmin, generatedAt: '' });
    });

    it('gives staff their townships’ figures only (SEC-02)', async () => {
      const a = await kpi(staffA);
      expect(a.scope).to.deep.equal({ county: false, townships: ['520121001'] });
      expect(a.communities).to.equal(2);
      expect(a.households).to.deep.equal({ total: 3, registeredPoor: 1, relocatedAlongside: 2 });
      expect(a.residents).to.deep.equal({ total: 4, registeredPoor: 2, relocatedAlongside: 2 });
      expect(a).to.include({ intents: 2, hires: 2, trained: 2, certified: 1 });
      // fairs, cohorts, employers and openings are the county's for everyone
      expect(a).to.include({ fairsHeld: 1, classes: 2, employers: 4, openings: 4 });
      expect(a.placements).to.deep.equal({
        total: 3,
        nearHome: 2,
        assistanceWorkshop: 1,
        publicWelfare: 1,
        inProvince: 0,
        crossProvince: 1,
      });
      expect(a.income).to.deep.equal({
        residents: 3,
        averageBefore: 1100,
        averageAfter: 3466.67,
        averageChange: 2366.67,
      });
      const b = await kpi(staffB);
      expect(b.residents).to.deep.equal({ total: 2, registeredPoor: 1, relocatedAlongside: 1 });
      expect(b).to.include({ communities: 1, intents: 1, hires: 0, trained: 0, certified: 0 });
      expect(b.placements.total).to.equal(1);
      expect(b.income).to.deep.equal({
        residents: 1,
        averageBefore: 500,
        averageAfter: 4000,
        averageChange: 3500,
      });
    });

    it('counts registers as they stand, activities within the period only', async () => {
      const quiet = await kpi(admin, 'from=2020-01-01&to=2020-12-31');
      expect(quiet.households.total).to.equal(4);
      expect(quiet.residents.total).to.equal(6);
      expect(quiet).to.include({ fairsHeld: 0, intents: 0, hires: 0, classes: 0, trained: 0, certified: 0 });
      expect(quiet.placements.total).to.equal(0);
      expect(quiet.income).to.deep.equal({
        residents: 0,
        averageBefore: null,
        averageAfter: null,
        averageChange: null,
      });
    });

    it('answers xlsx by ?format=xlsx or Accept, with the same figures, audited as an export', async () => {
      const exports = () => t.services.audit.model.countDocuments({ action: 'export' });
      const before = await exports();
      const token = await t.token(claims.admin);
      const fetchSheet = async (query: string, accept?: string) => {
        let req = request(t.app).get(`/api/v1/reports/kpi?${query}`).set('Authorization', `Bearer ${token}`);
        if (accept !== undefined) req = req.set('Accept', accept);
        const response = await req.buffer(true).parse((res, done) => {
          const stream = res as unknown as NodeJS.ReadableStream;
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            done(null, Buffer.concat(chunks));
          });
        });
        expect(response.status).to.equal(200);
        expect(response.headers['content-type']).to.include(XLSX);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.body as never);
        const figures = new Map<string, unknown>();
        workbook.worksheets[0]!.eachRow((row, number) => {
          if (number > 2) figures.set(row.getCell(2).text, row.getCell(3).value);
        });
        return { title: workbook.worksheets[0]!.getCell(1, 1).text, figures };
      };
      const { title, figures } = await fetchSheet(`${PERIOD}&format=xlsx`);
      expect(title).to.equal('易地搬迁群众就业工作统计（2026-01-01 至 2026-03-31，全县）');
      expect(figures.get('resettlement communities')).to.equal(3);
      expect(figures.get('households')).to.equal(4);
      expect(figures.get('residents')).to.equal(6);
      expect(figures.get('job fairs held')).to.equal(1);
      expect(figures.get('near home (home county)')).to.equal(2);
      expect(figures.get('cross-province')).to.equal(1);
      expect(figures.get('average monthly income change')).to.equal(2650);
      expect((await fetchSheet(PERIOD, XLSX)).figures.get('hires from fairs')).to.equal(2);
      expect(await exports()).to.equal(before + 2);
    });

    it('takes a strict query: unknown or repeated keys, bad dates and from after to are 400', async () => {
      for (const query of [
        'from=2026-01-01',
        'from=2026-01-01&to=2026-13-01',
        'from=2026-04-01&to=2026-03-31',
        `${PERIOD}&township=520121002`,
        `${PERIOD}&from=2026-02-01`,
        `${PERIOD}&format=pdf`,
      ]) {
        const response = await admin.get(`/api/v1/reports/kpi?${query}`);
        expect(response.status, query).to.equal(400);
        expect((response.body as { code: string }).code).to.equal('VALIDATION_FAILED');
      }
    });

    it('SEC-04: providers and employers may not read it (403)', async () => {
      for (const who of [claims.provider('school-1'), claims.employer(new Types.ObjectId().toHexString())]) {
        const response = await api(t.app, await t.token(who)).get(`/api/v1/reports/kpi?${PERIOD}`);
        expect(response.status).to.equal(403);
      }
    });

    describe('follow-up sheets per grid', () => {
      interface Sheets {
        month: string;
        total: number;
        truncated: boolean;
        sheets: {
          townshipCode: string;
          community: string;
          grid: string | null;
          lines: { placementId: string; resident: string; employer: string; recorded: boolean }[];
        }[];
      }
      const sheetsOf = async (client: ApiClient, body: Record<string, unknown>) => {
        const response = await client.post('/api/v1/followups/sheets', { reason: '三月入户回访', ...body });
        expect(response.status, response.text).to.equal(200);
        return response.body as Sheets;
      };

      it('lists, per grid of the caller’s townships, the placements active in the month, names masked', async () => {
        const march = await sheetsOf(staffA, { month: '2026-03' });
        expect(march.total).to.equal(3);
        expect(march.sheets.map((sheet) => [sheet.community, sheet.grid, sheet.lines.length])).to.deep.equal([
          ['锦绣社区', '第一网格', 2],
          ['锦绣社区', '第二网格', 1],
        ]);
        const first = march.sheets[0]!.lines;
        expect(first.map((line) => line.placementId)).to.deep.equal([
          placementOf.get(residentIds.a1!),
          placementOf.get(residentIds.a2!),
        ]);
        expect(first.map((line) => [line.resident, line.employer, line.recorded])).to.deep.equal([
          ['测**', '帮扶车间', true],
          ['测**', '东莞电子', true],
        ]);
        // a3 has no March follow-up yet; a4 starts in April
        expect(march.sheets[1]!.lines[0]!.recorded).to.equal(false);
        const county = await sheetsOf(admin, { month: '2026-03' });
        expect(county.total).to.equal(5);
        const b = await sheetsOf(staffB, { month: '2026-03' });
        expect(b.sheets.map((sheet) => [sheet.townshipCode, sheet.community, sheet.grid])).to.deep.equal([
          ['520121002', '和谐社区', null],
        ]);
        expect(await sheetsOf(staffA, { month: '2026-03', grid: '第二网格' })).to.include({ total: 1 });
      });

      it('leaves out placements that ended before the month', async () => {
        const a3 = placementOf.get(residentIds.a3!)!;
        expect((await staffA.patch(`/api/v1/placements/${a3}`, { endedOn: '2026-02-27' })).status).to.equal(
          200,
        );
        const march = await sheetsOf(staffA, { month: '2026-03' });
        expect(march.total).to.equal(2);
        expect((await sheetsOf(staffA, { month: '2026-02' })).total).to.equal(2);
      });

      it('prints as xlsx: a worksheet per grid with a blank income column, audited with its reason', async () => {
        const records = () => t.services.audit.model.find({ action: 'export' }).sort({ seq: 1 }).lean();
        const before = (await records()).length;
        const token = await t.token(claims.staffA);
        const response = await request(t.app)
          .post('/api/v1/followups/sheets')
          .set('Authorization', `Bearer ${token}`)
          .send({ month: '2026-03', reason: '打印三月回访表', format: 'xlsx' })
          .buffer(true)
          .parse((res, done) => {
            const stream = res as unknown as NodeJS.ReadableStream;
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('end', () => {
              done(null, Buffer.concat(chunks));
            });
          });
        expect(response.status).to.equal(200);
        expect(response.headers['content-type']).to.include(XLSX);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.body as never);
        expect(workbook.worksheets.map((sheet) => sheet.name)).to.deep.equal(['锦绣社区-第一网格']);
        const sheet = workbook.worksheets[0]!;
        expect(sheet.getCell(1, 1).text).to.equal(
          '2026年3月 务工收入回访表 — 锦绣社区 第一网格（乡镇 520121001）',
        );
        const header = (sheet.getRow(2).values as unknown[]).slice(1);
        expect(header).to.deep.equal([
          '序号',
          '姓名',
          '就业单位',
          '工作地点',
          '上岗日期',
          '约定月薪（元）',
          '回访月份',
          '本月收入（元）',
          '是否在岗',
          '网格员签名',
          '备注',
        ]);
        expect(sheet.getRow(3).getCell(2).text).to.equal('测**');
        expect(sheet.getRow(3).getCell(8).text).to.equal('');
        expect(sheet.getRow(3).getCell(11).text).to.equal('系统已录入');
        const after = await records();
        expect(after).to.have.length(before + 1);
        expect(after.at(-1)).to.include({
          actor: 'staff-a',
          targetId: 'followup-sheets:2026-03:2',
          reason: '打印三月回访表',
          outcome: 'allowed',
        });
      });

      it('takes a strict body: a bad month, a missing reason or an extra key is 400; providers are refused', async () => {
        for (const body of [
          { month: '2026-13', reason: '三月回访表' },
          { month: '2026-03' },
          { month: '2026-03', reason: '三月回访表', townshipCode: { $ne: null } },
          { month: '2026-03', reason: '三月回访表', residentId: 'x' },
        ]) {
          const response = await staffA.post('/api/v1/followups/sheets', body);
          expect(response.status, JSON.stringify(body)).to.equal(400);
        }
        const provider = api(t.app, await t.token(claims.provider('school-1')));
        expect(
          (await provider.post('/api/v1/followups/sheets', { month: '2026-03', reason: '三月回访表' }))
            .status,
        ).to.equal(403);
      });
    });
  });

  describe('from the synthetic county shaped by the county’s profile', () => {
    let t: TestApp;
    before(async function () {
      this.timeout(120_000);
      t = await startTestApp();
      const county = generateCounty({ seed: 42, taxonomy: defaultTaxonomy() });
      const cipher = new FieldCipher(t.config.FIELD_KEYS, t.config.FIELD_KEY_VERSION);
      const index = new BlindIndex(t.config.HMAC_KEY);
      const communities = COUNTY_PROFILE.communities.map((community) => community.name);
      const households: Record<string, unknown>[] = [];
      const residents: Record<string, unknown>[] = [];
      const now = new Date('2026-01-15T00:00:00Z');
      let n = 0;
      for (const household of county.households) {
        const householdId = new Types.ObjectId();
        // one township per community, in the profile's order
        const townshipCode = `52012100${communities.indexOf(household.community) + 1}`;
        households.push({
          _id: householdId,
          townshipCode,
          community: household.community,
          grid: household.grid,
          createdAt: now,
          updatedAt: now,
        });
        // everyone registered in the household, dependants included, is a resident of the register
        for (let member = 0; member < household.size; member += 1) {
          const _id = new Types.ObjectId();
          const id = _id.toString();
          const number = idNumber((n += 1));
          residents.push({
            _id,
            householdId,
            townshipCode,
            name: '合成',
            idNumberEnc: cipher.encrypt(number, { collection: 'residents', field: 'idNumber', id }),
            idNumberHmac: index.digest('resident.idNumber', number),
            priorityEnc: cipher.encrypt(
              JSON.stringify({ registeredPoor: household.registeredPoor, monitored: household.monitored }),
              { collection: 'residents', field: 'priority', id },
            ),
            skills: [],
            certificates: [],
            licences: [],
            mobility: 'local',
            consent: { shareWithEmployers: false },
            createdAt: now,
            updatedAt: now,
          });
        }
      }
      const { models } = t.services;
      await models.households.collection.insertMany(households);
      for (let start = 0; start < residents.length; start += 5000)
        await models.residents.collection.insertMany(residents.slice(start, start + 5000));
    });
    after(async () => {
      await t.close();
    });

    it('reproduces the profile’s communities, households, residents, registered poor and relocated alongside exactly', async () => {
      const report = await kpi(api(t.app, await t.token(claims.admin)), 'from=2026-01-01&to=2026-12-31');
      const { registeredPoor } = COUNTY_PROFILE;
      expect(report.communities).to.equal(COUNTY_PROFILE.communities.length);
      expect(report.households).to.deep.equal({
        total: COUNTY_PROFILE.households,
        registeredPoor: registeredPoor.households,
        relocatedAlongside: COUNTY_PROFILE.households - registeredPoor.households,
      });
      expect(report.residents).to.deep.equal({
        total: COUNTY_PROFILE.residents,
        registeredPoor: registeredPoor.residents,
        relocatedAlongside: COUNTY_PROFILE.residents - registeredPoor.residents,
      });
      // docs/domain.md's figures, written out
      expect([report.communities, report.households.total, report.residents.total]).to.deep.equal([
        4, 7451, 27477,
      ]);
      expect([report.households.registeredPoor, report.residents.registeredPoor]).to.deep.equal([
        2762, 10885,
      ]);
      expect([report.households.relocatedAlongside, report.residents.relocatedAlongside]).to.deep.equal([
        4689, 16592,
      ]);
    });

    it('gives staff of one township its community’s share only', async () => {
      const staff = api(t.app, await t.token({ sub: 'staff-1', role: 'staff', townships: ['520121001'] }));
      const report = await kpi(staff, 'from=2026-01-01&to=2026-12-31');
      expect(report.communities).to.equal(1);
      expect(report.households.total).to.be.greaterThan(0).and.lessThan(COUNTY_PROFILE.households);
      const sum = report.households.registeredPoor + report.households.relocatedAlongside;
      expect(sum).to.equal(report.households.total);
    });
  });
});
