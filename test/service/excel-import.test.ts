import { expect } from 'chai';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { ImportReport, ImportRow, Resident } from '@anju/shared';
import {
  ID_NUMBER_PATTERN,
  JOB_KINDS,
  MOBILE_PATTERN,
  startJobWorkers,
  type JobWorkers,
} from '@anju/service';
import {
  buildLedger,
  openingLedger,
  residentLedger,
  sampleIdNumber,
  sampleOpeningRows,
  samplePhone,
  sampleResidentLines,
  type Cell,
  type ResidentLine,
} from '../../scripts/sample-sheets.ts';
import { waitFor } from './jobs-support.ts';
import {
  api,
  capturedErrorBodies,
  capturedLogLines,
  claims,
  startTestApp,
  TOWNSHIP_B,
  type TestApp,
} from './support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Everything the import answered during this file, for the PII-04 scan. */
const answered: string[] = [];

interface Upload {
  status: number;
  text: string;
  body: Buffer | ImportReport | Record<string, unknown>;
  headers: Record<string, string>;
}

async function upload(
  t: TestApp,
  token: string,
  path: string,
  file: Buffer,
  options: { query?: string; multipart?: boolean; accept?: string } = {},
): Promise<Upload> {
  const url = `${path}${options.query === undefined ? '' : `?${options.query}`}`;
  let req = request(t.app).post(url).set('Authorization', `Bearer ${token}`);
  if (options.accept !== undefined) req = req.set('Accept', options.accept).buffer(true).parse(binary);
  const response =
    options.multipart === true
      ? await req.attach('file', file, 'ledger.xlsx')
      : await req.set('Content-Type', XLSX).send(file);
  const text = Buffer.isBuffer(response.body) ? '' : response.text;
  answered.push(text);
  if (response.status >= 400) capturedErrorBodies.push(response.text);
  return {
    status: response.status,
    text,
    body: response.body as Upload['body'],
    headers: response.headers,
  };
}

/** A superagent parser that keeps the answer as bytes (the xlsx report). */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    done(null, Buffer.concat(chunks));
  });
}

function reportOf(response: Upload): ImportReport {
  expect(response.status, response.text).to.equal(200);
  return response.body as ImportReport;
}

function rowAt(report: ImportReport, row: number): ImportRow {
  const found = report.rows.find((candidate) => candidate.row === row);
  expect(found, `row ${row}`).to.not.equal(undefined);
  return found!;
}

const codes = (row: ImportRow) => row.errors.map((found) => found.code);

/** Sequence numbers of the people in the skill-level sheets below. */
const LEVEL_PEOPLE = [700, 701, 702, 703, 704, 705, 710, 711, 720, 721];

describe('Excel import (residents and openings)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let staffA: string;
  let staffB: string;
  let admin: string;
  let sample: Buffer;

  const count = (collection: string) => t.services.db.db!.collection(collection).countDocuments();
  const dump = async (collection: string) =>
    JSON.stringify(await t.services.db.db!.collection(collection).find({}).sort({ _id: 1 }).toArray());

  before(async () => {
    t = await startTestApp();
    staffA = await t.token(claims.staffA);
    staffB = await t.token(claims.staffB);
    admin = await t.token(claims.admin);
    sample = await residentLedger(sampleResidentLines());
  });
  after(async () => {
    await t.close();
  });

  describe('dry run', () => {
    it('finds the header on row 3 under a title, reads Chinese and full-width column names, and writes nothing', async () => {
      const before = [await count('residents'), await count('households')];
      const report = reportOf(await upload(t, staffA, '/api/v1/imports/residents', sample));
      expect(report).to.include({ kind: 'residents', mode: 'dry-run', committed: false, headerRow: 3 });
      const fields = Object.fromEntries(report.columns.map((column) => [column.field, column.header]));
      expect(fields).to.include({
        name: '姓　名',
        idNumber: '身份证号码',
        expectedWage: '期望月薪（元）',
        incomeBefore: '就业前月收入（元）',
        householdNo: '户编号',
      });
      expect(report.ignoredColumns).to.deep.equal([]);
      // the plain 技能等级 header says nothing of how numbers run: the report says bare numbers are refused
      const level = report.columns.find((column) => column.field === 'skillLevel');
      expect(level?.note?.zh).to.include('不予接受');
      expect([await count('residents'), await count('households')]).to.deep.equal(before);
    });

    it('reports each row: valid rows with their action, errors with a reason and a column, duplicates', async () => {
      const report = reportOf(await upload(t, staffA, '/api/v1/imports/residents', sample));
      expect(report.totals).to.deep.equal({
        rows: 10,
        valid: 5,
        duplicate: 1,
        error: 4,
        created: 5,
        updated: 0,
        unchanged: 0,
        warnings: 2,
      });
      for (const row of [4, 5, 6, 7, 8])
        expect(rowAt(report, row)).to.include({ status: 'valid', action: 'create' });
      expect(rowAt(report, 4).record).to.equal(`王** 5201**********${sampleIdNumber(2).slice(-4)}`);
      const checkCharacter = rowAt(report, 9);
      expect(checkCharacter.status).to.equal('error');
      expect(checkCharacter.errors[0]).to.deep.include({ code: 'ID_CHECK_CHARACTER', column: '身份证号码' });
      expect(checkCharacter.errors[0]!.message.zh).to.match(/校验位/);
      expect(checkCharacter.errors[0]!.message.en).to.match(/check character/);
      expect(codes(rowAt(report, 10))).to.deep.equal(['ID_AS_NUMBER']);
      expect(rowAt(report, 11).errors[0]).to.deep.include({ code: 'PHONE_FORMAT', column: '联系电话' });
      const duplicate = rowAt(report, 12);
      expect(duplicate.status).to.equal('duplicate');
      expect(duplicate.errors[0]!.message.zh).to.include('第6行');
      // a bare 3 under a header that does not say the numbering: refused, with what to write instead
      const bare = rowAt(report, 13);
      expect(bare.status).to.equal('error');
      expect(bare.errors[0]).to.deep.include({ code: 'LEVEL_NUMBER_AMBIGUOUS', column: '技能等级' });
      expect(bare.errors[0]!.message.zh).to.include('五级…一级');
      expect(bare.errors[0]!.message.en).to.include('五级 … 一级');
    });

    it('a licence named only by the usual assumption (焊工证) is a warning to check, not an error', async () => {
      const report = reportOf(await upload(t, staffA, '/api/v1/imports/residents', sample));
      const wang = rowAt(report, 4);
      expect(wang.status).to.equal('valid');
      expect(wang.warnings).to.have.length(1);
      expect(wang.warnings[0]).to.deep.include({ code: 'LICENCE_ASSUMED', column: '证书' });
      expect(wang.warnings[0]!.message.zh).to.include('「焊工证」未注明作业项目');
      // a licence the text names exactly is read without a warning (叉车证)
      expect(rowAt(report, 8).warnings).to.deep.equal([]);
    });

    it('passes skill texts through the normaliser; an unknown skill is a warning with suggestions, not an error', async () => {
      const report = reportOf(await upload(t, staffA, '/api/v1/imports/residents', sample));
      const unknown = rowAt(report, 6);
      expect(unknown.status).to.equal('valid');
      expect(unknown.warnings.map((found) => found.code)).to.deep.equal(['UNKNOWN_SKILL']);
      expect(unknown.warnings[0]).to.deep.include({ column: '技能' });
      expect(unknown.warnings[0]!.message.zh).to.include('量子力学');
    });
  });

  describe('commit', () => {
    let committed: ImportReport;
    before(async () => {
      committed = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', sample, { query: 'mode=commit' }),
      );
    });

    it('writes the valid rows: households by 户编号 (安置社区 read through the merged cells), residents with normalised skills', async () => {
      expect(committed).to.include({ mode: 'commit', committed: true });
      expect(committed.totals).to.include({ valid: 5, created: 5, error: 4, duplicate: 1 });
      expect(await count('households')).to.equal(2);
      expect(await count('residents')).to.equal(5);
      const households = (await api(t.app, staffA).get('/api/v1/households?limit=10')).body as {
        items: { id: string; community: string; grid?: string }[];
      };
      expect(households.items.map((household) => household.community).sort()).to.deep.equal([
        '安康社区',
        '锦绣社区',
      ]);
      const residents = (await api(t.app, staffA).get('/api/v1/residents?limit=10&name=王秀')).body as {
        items: Resident[];
      };
      const wang = residents.items[0]!;
      expect(wang).to.deep.include({
        name: '王**',
        idNumber: `5201**********${sampleIdNumber(2).slice(-4)}`,
        phone: `137****${samplePhone(2).slice(-4)}`,
        mobility: 'province',
        expectedMonthlyWage: 3500,
        monthlyIncomeBefore: 800,
        priority: { registeredPoor: true },
      });
      // 中级 is 四级/中级工 in the national numbering
      expect(wang.skills).to.deep.equal([{ name: '焊工', nationalLevel: 4 }]);
      // kept as written, so that matching asks staff to check which licence it is
      expect(wang.licences).to.deep.equal([{ name: '焊工证' }]);
      const liu = (
        (await api(t.app, staffA).get('/api/v1/residents?limit=10&name=刘志')).body as { items: Resident[] }
      ).items[0]!;
      // a licence named exactly is stored under its title, as printed on the card
      expect(liu.licences).to.deep.equal([{ name: '特种设备作业人员证（N1 叉车司机）' }]);
      const jinxiu = households.items.find((household) => household.community === '锦绣社区')!;
      const members = (await api(t.app, staffA).get(`/api/v1/residents?householdId=${jinxiu.id}`)).body as {
        total: number;
      };
      expect(members.total).to.equal(3);
    });

    it('writes nothing for a row that fails: no household of a refused row, no resident, counted before and after', async () => {
      // rows 9–11 and 13 each named a household of their own (XC-0003 … XC-0006): none of them exists
      const raw = await t.services.db.db!.collection('households').find({}).toArray();
      expect(raw.map((household) => household.importKey as string).sort()).to.deep.equal([
        'no:AK-0002',
        'no:JX-0001',
      ]);
      expect(await count('residents')).to.equal(5);
    });

    it('stores ID numbers and phones encrypted and HMAC-indexed, poverty status encrypted (PII-05)', async () => {
      const stored = await dump('residents');
      expect(stored).not.to.include(sampleIdNumber(2));
      expect(stored).not.to.include(samplePhone(2));
      expect(stored).not.to.include('registeredPoor');
      expect(stored.match(ID_NUMBER_PATTERN)).to.equal(null);
    });

    it('re-importing the same file changes nothing: every valid row unchanged, the records byte for byte the same', async () => {
      const before = [await dump('residents'), await dump('households')];
      const again = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', sample, { query: 'mode=commit' }),
      );
      expect(again.totals).to.include({ valid: 5, created: 0, updated: 0, unchanged: 5 });
      expect([await dump('residents'), await dump('households')]).to.deep.equal(before);
    });

    it('never overwrites a manual edit: the edited field is kept and reported, the sheet’s other changes apply', async () => {
      const client = api(t.app, staffA);
      const found = (await client.get('/api/v1/residents?name=王秀')).body as { items: Resident[] };
      const wang = found.items[0]!;
      expect(
        (await client.patch(`/api/v1/residents/${wang.id}`, { skills: [{ name: '电工', nationalLevel: 3 }] }))
          .status,
      ).to.equal(200);
      const lines = sampleResidentLines();
      lines[0] = { ...lines[0]!, skills: '电焊、氩弧焊', expectedWage: '4000' };
      const report = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', await residentLedger(lines), {
          query: 'mode=commit',
        }),
      );
      const row = rowAt(report, 4);
      expect(row).to.include({ status: 'valid', action: 'update' });
      expect(row.warnings.map((found) => found.code)).to.deep.equal(['LICENCE_ASSUMED', 'MANUAL_EDIT_KEPT']);
      expect(row.warnings[1]).to.deep.include({ code: 'MANUAL_EDIT_KEPT', column: '技能' });
      const after = (await client.get(`/api/v1/residents/${wang.id}`)).body as Resident;
      expect(after.skills).to.deep.equal([{ name: '电工', nationalLevel: 3 }]);
      expect(after.expectedMonthlyWage).to.equal(4000);
      // and once more: still nothing to change, the edit still kept
      const third = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', await residentLedger(lines), {
          query: 'mode=commit',
        }),
      );
      expect(rowAt(third, 4)).to.include({ action: 'unchanged' });
      expect(rowAt(third, 4).warnings.map((found) => found.code)).to.deep.equal([
        'LICENCE_ASSUMED',
        'MANUAL_EDIT_KEPT',
      ]);
    });

    it('a commit cut short is safe to run again: a household left without its resident is reused, nothing doubled', async () => {
      // what a crash between the household and the resident of a row leaves behind
      await t.services.db.db!.collection('households').insertOne({
        townshipCode: '520121001',
        community: '新城社区',
        importKey: 'no:XC-0100',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const line: ResidentLine = {
        name: '吴海燕',
        idNumber: sampleIdNumber(100),
        township: '520121001',
        community: '新城社区',
        householdNo: 'XC-0100',
        relation: '户主',
      };
      const ledger = await residentLedger([line]);
      const households = await count('households');
      const first = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', ledger, { query: 'mode=commit' }),
      );
      expect(rowAt(first, 4)).to.include({ status: 'valid', action: 'create' });
      const second = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', ledger, { query: 'mode=commit' }),
      );
      expect(rowAt(second, 4)).to.include({ action: 'unchanged' });
      expect(await count('households')).to.equal(households);
      expect(
        await t.services.db.db!.collection('residents').countDocuments({ townshipCode: '520121001' }),
      ).to.equal(6);
    });
  });

  describe('skill levels: words always, bare numbers only when the header says how they run', () => {
    const GIVEN = '一二三四五六七八九十';
    /** A ledger for staff B's only township: each row a person `n` with a skill and a level. */
    const levelLedger = (header: string, rows: readonly (readonly [number, string, string])[]) =>
      buildLedger({
        headers: ['姓名', '身份证号', '户主身份证号', '安置社区', '技能', header],
        rows: rows.map(([n, skill, level]) => [
          `钱${GIVEN[n % 10]!}${GIVEN[Math.floor(n / 10) % 10]!}`,
          sampleIdNumber(n),
          sampleIdNumber(n),
          '和谐社区',
          skill,
          level,
        ]),
      });
    const storedSkills = async (n: number) => {
      const found = (
        await api(t.app, staffB).get(
          `/api/v1/residents?name=${encodeURIComponent(`钱${GIVEN[n % 10]!}${GIVEN[Math.floor(n / 10) % 10]!}`)}`,
        )
      ).body as { items: Resident[] };
      expect(found.items, `person ${n}`).to.have.length(1);
      return found.items[0]!.skills;
    };

    it('under a plain 等级 header a bare 3 is refused (LEVEL_NUMBER_AMBIGUOUS); words and 3级 are national levels', async () => {
      const ledger = await levelLedger('等级', [
        [700, '电工', '3'],
        [701, '电工', '三级'],
        [702, '电焊', '中级工'],
        [703, '电工', '高级工（三级）'],
        [704, '电工', '五级/高级工'],
        [705, '电工', '3级'],
      ]);
      const report = reportOf(
        await upload(t, staffB, '/api/v1/imports/residents', ledger, { query: 'mode=commit' }),
      );
      expect(codes(rowAt(report, 2))).to.deep.equal(['LEVEL_NUMBER_AMBIGUOUS']);
      expect(rowAt(report, 2).errors[0]!.column).to.equal('等级');
      for (const row of [3, 4, 5, 7]) expect(rowAt(report, row).status, `row ${row}`).to.equal('valid');
      // two names of different levels contradict each other
      expect(codes(rowAt(report, 6))).to.deep.equal(['LEVEL_FORMAT']);
      expect(await storedSkills(701)).to.deep.equal([{ name: '电工', nationalLevel: 3 }]);
      expect(await storedSkills(702)).to.deep.equal([{ name: '焊工', nationalLevel: 4 }]);
      expect(await storedSkills(703)).to.deep.equal([{ name: '电工', nationalLevel: 3 }]);
      expect(await storedSkills(705)).to.deep.equal([{ name: '电工', nationalLevel: 3 }]);
    });

    it('under a header declaring the national numbering, 3 reads as 三级/高级工 and 1 as 一级/高级技师', async () => {
      for (const header of ['技能等级（国家等级，1为最高）', '职业技能等级（1=一级）', '技能等级(5=五级)']) {
        const report = reportOf(
          await upload(
            t,
            staffB,
            '/api/v1/imports/residents',
            await levelLedger(header, [
              [710, '电工', '3'],
              [711, '电焊', '1'],
            ]),
          ),
        );
        expect(report.totals, header).to.include({ valid: 2, error: 0 });
        const column = report.columns.find((found) => found.field === 'skillLevel');
        expect(column?.header).to.equal(header);
        expect(column?.note?.zh, header).to.include('按国家等级读');
      }
      const committed = reportOf(
        await upload(
          t,
          staffB,
          '/api/v1/imports/residents',
          await levelLedger('技能等级（国家等级，1为最高）', [
            [710, '电工', '3'],
            [711, '电焊', '1'],
          ]),
          { query: 'mode=commit' },
        ),
      );
      expect(committed.totals).to.include({ created: 2 });
      expect(await storedSkills(710)).to.deep.equal([{ name: '电工', nationalLevel: 3 }]);
      expect(await storedSkills(711)).to.deep.equal([{ name: '焊工', nationalLevel: 1 }]);
    });

    it('under a header declaring numbers that run upwards (1=初级，5=高级技师), 5 is 一级 and 2 is 四级', async () => {
      const report = reportOf(
        await upload(
          t,
          staffB,
          '/api/v1/imports/residents',
          await levelLedger('技能等级（1=初级，5=高级技师）', [
            [720, '电工', '5'],
            [721, '电焊', '2'],
          ]),
          { query: 'mode=commit' },
        ),
      );
      expect(report.totals).to.include({ created: 2, error: 0 });
      expect(report.columns.find((found) => found.field === 'skillLevel')?.note?.zh).to.include(
        '1 = 五级/初级工',
      );
      expect(await storedSkills(720)).to.deep.equal([{ name: '电工', nationalLevel: 1 }]);
      expect(await storedSkills(721)).to.deep.equal([{ name: '焊工', nationalLevel: 4 }]);
    });
  });

  describe('scope', () => {
    it('a row for another township is an error for staff, and writes nothing', async () => {
      const lines: ResidentLine[] = [
        {
          name: '郑桂兰',
          idNumber: sampleIdNumber(200),
          township: TOWNSHIP_B,
          community: '和谐社区',
          householdNo: 'HX-0200',
          relation: '户主',
        },
      ];
      const before = await count('residents');
      const report = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', await residentLedger(lines), {
          query: 'mode=commit',
        }),
      );
      expect(rowAt(report, 4).errors[0]).to.deep.include({
        code: 'TOWNSHIP_OUT_OF_SCOPE',
        column: '乡镇代码',
      });
      expect(await count('residents')).to.equal(before);
    });

    it('a resident or household registered in another township is refused, not moved or revealed', async () => {
      const lines: ResidentLine[] = [
        // 王秀英 lives in township A; staff of B import her again under a household of their own
        {
          name: '王秀英',
          idNumber: sampleIdNumber(2),
          township: TOWNSHIP_B,
          community: '和谐社区',
          householdNo: 'HX-0300',
          relation: '户主',
        },
        // a new person in A's household number
        {
          name: '孙明',
          idNumber: sampleIdNumber(301),
          township: TOWNSHIP_B,
          community: '和谐社区',
          householdNo: 'JX-0001',
          relation: '子女',
        },
      ];
      const before = [await dump('residents'), await count('households')];
      const report = reportOf(
        await upload(t, staffB, '/api/v1/imports/residents', await residentLedger(lines, { merge: false }), {
          query: 'mode=commit',
        }),
      );
      expect(codes(rowAt(report, 4))).to.deep.equal(['ID_ELSEWHERE']);
      expect(codes(rowAt(report, 5))).to.deep.equal(['HOUSEHOLD_ELSEWHERE']);
      expect([await dump('residents'), await count('households')]).to.deep.equal(before);
    });

    it('without a township column, rows go to the township given, or to a staff member’s only township', async () => {
      const ledger = await buildLedger({
        headers: ['姓名', '身份证号', '户主身份证号', '安置社区'],
        rows: [['何秀英', sampleIdNumber(400), sampleIdNumber(400), '和谐社区']],
      });
      const own = reportOf(await upload(t, staffB, '/api/v1/imports/residents', ledger));
      expect(rowAt(own, 2)).to.include({ status: 'valid', action: 'create' });
      const other = reportOf(
        await upload(t, staffB, '/api/v1/imports/residents', ledger, { query: 'townshipCode=520121001' }),
      );
      expect(codes(rowAt(other, 2))).to.deep.equal(['TOWNSHIP_OUT_OF_SCOPE']);
      const adminWithout = reportOf(await upload(t, admin, '/api/v1/imports/residents', ledger));
      expect(codes(rowAt(adminWithout, 2))).to.deep.equal(['TOWNSHIP_MISSING']);
    });

    it('SEC-04: auditors and providers may not import (403), and an unauthenticated upload is 401', async () => {
      const auditor = await t.token(claims.auditor);
      expect((await upload(t, auditor, '/api/v1/imports/residents', sample)).status).to.equal(403);
      const provider = await t.token(claims.provider('school-1'));
      expect((await upload(t, provider, '/api/v1/imports/openings', sample)).status).to.equal(403);
      const anonymous = await request(t.app)
        .post('/api/v1/imports/residents')
        .set('Content-Type', XLSX)
        .send(sample);
      expect(anonymous.status).to.equal(401);
    });
  });

  describe('the report as a sheet', () => {
    it('answers xlsx (by Accept or ?format=xlsx): the uploaded rows with 结果 and 原因, personal data masked, audited as an export', async () => {
      const auditBefore = await t.services.audit.model.countDocuments({ action: 'export' });
      const response = await upload(
        t,
        staffA,
        '/api/v1/imports/residents',
        await residentLedger(sampleResidentLines()),
        {
          accept: XLSX,
        },
      );
      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.include(XLSX);
      expect(response.headers['content-disposition']).to.match(/attachment; filename=.*filename\*=UTF-8''/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as never);
      const sheet = workbook.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => {
        rows.push(
          (row.values as unknown[])
            .slice(1)
            .map((value) =>
              typeof value === 'string' || typeof value === 'number'
                ? String(value)
                : JSON.stringify(value ?? ''),
            ),
        );
      });
      expect(rows[0]![0]).to.match(/^试导入检查：共10行，有效5行/);
      // how the 技能等级 column was read is said above the rows
      expect(rows[0]![0]).to.include('【技能等级】列名未注明数字等级的编号');
      expect(rows[1]).to.include.members(['行号', '身份证号码', '结果', '原因']);
      const header = rows[1]!;
      const at = (name: string) => header.indexOf(name);
      const wang = rows.find((row) => row[0] === '4')!;
      expect(wang[at('姓　名')]).to.equal('王**');
      expect(wang[at('身份证号码')]).to.equal(`5201**********${sampleIdNumber(2).slice(-4)}`);
      expect(wang[at('联系电话')]).to.equal(`137****${samplePhone(2).slice(-4)}`);
      // the manual-edit test above imported a wage of 4000; this sheet says 3500 again
      expect(wang[at('结果')]).to.equal('有效（更新）');
      expect(rows.find((row) => row[0] === '5')![at('结果')]).to.equal('有效（无变化）');
      const bad = rows.find((row) => row[0] === '9')!;
      expect(bad[at('结果')]).to.equal('错误');
      expect(bad[at('原因')]).to.equal('【身份证号码】身份证号校验位错误');
      const unknown = rows.find((row) => row[0] === '6')!;
      expect(unknown[at('原因')]).to.match(/^提示：【技能】未能识别的技能/);
      const text = rows.flat().join('\n');
      expect(text.match(ID_NUMBER_PATTERN)).to.equal(null);
      expect(text.match(MOBILE_PATTERN)).to.equal(null);
      expect(await t.services.audit.model.countDocuments({ action: 'export' })).to.equal(auditBefore + 1);
    });

    it('takes multipart/form-data like the raw body', async () => {
      const report = reportOf(
        await upload(t, staffA, '/api/v1/imports/residents', sample, { multipart: true }),
      );
      expect(report.totals.rows).to.equal(10);
    });
  });

  describe('refused uploads', () => {
    let small: TestApp;
    let token: string;
    before(async () => {
      small = await startTestApp({ IMPORT_MAX_BYTES: '4096' });
      token = await small.token(claims.staffA);
    });
    after(async () => {
      await small.close();
    });

    const expectProblem = (response: Upload, status: number, code: string) => {
      expect(response.status, response.text).to.equal(status);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect((JSON.parse(response.text) as { code: string }).code).to.equal(code);
    };

    it('a file over IMPORT_MAX_BYTES is 413 PAYLOAD_TOO_LARGE, raw or multipart', async () => {
      expect(sample.length).to.be.greaterThan(4096);
      expectProblem(
        await upload(small, token, '/api/v1/imports/residents', sample),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expectProblem(
        await upload(small, token, '/api/v1/imports/residents', sample, { multipart: true }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('a file that is not xlsx is 400 INVALID_SPREADSHEET; JSON or text to an import is 415', async () => {
      expectProblem(
        await upload(small, token, '/api/v1/imports/residents', Buffer.from('姓名,身份证号\n王明,1\n')),
        400,
        'INVALID_SPREADSHEET',
      );
      expectProblem(
        await upload(
          small,
          token,
          '/api/v1/imports/residents',
          Buffer.from('PK\u0003\u0004 not really a zip at all'),
        ),
        400,
        'INVALID_SPREADSHEET',
      );
      const json = await request(small.app)
        .post('/api/v1/imports/residents')
        .set('Authorization', `Bearer ${token}`)
        .send({ rows: [] });
      expect(json.status).to.equal(415);
      const text = await request(small.app)
        .post('/api/v1/imports/residents')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'text/csv')
        .send('a,b');
      expect(text.status).to.equal(415);
    });

    it('a background import of a file that is not xlsx is 400 INVALID_SPREADSHEET at once: no job queued, no file kept (FUZZ-02)', async () => {
      const jobs = await small.services.db.db!.collection('jobs').countDocuments();
      for (const [path, file] of [
        ['/api/v1/imports/residents/jobs', Buffer.from([0])],
        ['/api/v1/imports/openings/jobs', Buffer.from('PK\u0003\u0004 not really a zip at all')],
        ['/api/v1/imports/residents/jobs', sample.subarray(0, 3000)],
      ] as const)
        expectProblem(await upload(small, token, path, file), 400, 'INVALID_SPREADSHEET');
      expect(await small.services.db.db!.collection('jobs').countDocuments()).to.equal(jobs);
      expect(await small.services.db.db!.collection('import_uploads').countDocuments()).to.equal(0);
    });

    it('a sheet without a recognisable header in its first 5 rows is 400 INVALID_SPREADSHEET naming the columns', async () => {
      const ledger = await buildLedger({
        titles: ['一', '二', '三', '四', '五'],
        headers: ['姓名', '身份证号'],
        rows: [['王明', sampleIdNumber(1)]],
      });
      const response = await upload(t, staffA, '/api/v1/imports/residents', ledger);
      expectProblem(response, 400, 'INVALID_SPREADSHEET');
      expect(response.text).to.include('姓名');
    });

    it('an empty upload is 400 INVALID_SPREADSHEET and a repeated query key is 400', async () => {
      expectProblem(
        await upload(small, token, '/api/v1/imports/residents', Buffer.alloc(0)),
        400,
        'INVALID_SPREADSHEET',
      );
      expectProblem(
        await upload(small, token, '/api/v1/imports/residents', sample.subarray(0, 100), {
          query: 'mode=commit&mode=dry-run',
        }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('openings', () => {
    it('a dry run then a commit: employers found or created, kinds and places read, bad rows reported', async () => {
      const ledger = await openingLedger();
      const dry = reportOf(await upload(t, staffA, '/api/v1/imports/openings', ledger));
      expect(dry.headerRow).to.equal(2);
      expect(dry.totals).to.include({ rows: 6, valid: 5, error: 1, created: 5 });
      const bad = rowAt(dry, 8);
      expect(codes(bad).sort()).to.deep.equal(['COUNTY_FORMAT', 'NUMBER_FORMAT', 'WAGE_FORMAT']);
      expect(await count('openings')).to.equal(0);
      const committed = reportOf(
        await upload(t, staffA, '/api/v1/imports/openings', ledger, { query: 'mode=commit' }),
      );
      expect(committed.totals).to.include({ valid: 5, created: 5 });
      expect(await count('employers')).to.equal(4);
      const openings = (await api(t.app, staffA).get('/api/v1/openings?limit=10')).body as {
        items: {
          title: string;
          kind: string;
          crossProvince: boolean;
          wage: { min: number; max: number };
          accommodation?: boolean;
          licences: string[];
          skills: { name: string }[];
        }[];
      };
      const byTitle = new Map(openings.items.map((opening) => [opening.title, opening]));
      expect(byTitle.get('缝纫工')).to.deep.include({ kind: 'assistance-workshop', crossProvince: false });
      expect(byTitle.get('保洁员')).to.deep.include({ kind: 'public-welfare', licences: ['健康证明'] });
      expect(byTitle.get('钢筋工')).to.deep.include({ kind: 'local', crossProvince: false });
      expect(byTitle.get('电子装配工')).to.deep.include({
        kind: 'labour-cooperation',
        crossProvince: true,
        wage: { min: 5200, max: 6800 },
        accommodation: true,
      });
      expect(byTitle.get('叉车司机')?.skills.map((skill) => skill.name)).to.deep.equal(['叉车司机']);
      // the licence asked for by its title, as printed on the card
      expect(byTitle.get('叉车司机')?.licences).to.deep.equal(['特种设备作业人员证（N1 叉车司机）']);
    });

    it('re-importing changes nothing, and a headcount staff changed by hand is kept', async () => {
      const client = api(t.app, staffA);
      const openings = (await client.get('/api/v1/openings?limit=10')).body as {
        items: { id: string; title: string }[];
      };
      const sewing = openings.items.find((opening) => opening.title === '缝纫工')!;
      expect((await client.patch(`/api/v1/openings/${sewing.id}`, { headcount: 25 })).status).to.equal(200);
      const before = await dump('openings');
      const again = reportOf(
        await upload(t, staffA, '/api/v1/imports/openings', await openingLedger(), { query: 'mode=commit' }),
      );
      expect(again.totals).to.include({ created: 0, updated: 0, unchanged: 5 });
      expect(rowAt(again, 3).warnings.map((found) => found.code)).to.deep.equal(['MANUAL_EDIT_KEPT']);
      expect(await dump('openings')).to.equal(before);
      const rows: Cell[][] = sampleOpeningRows();
      rows[0] = [
        '锦绣服装帮扶车间',
        null,
        '缝纫工',
        '缝纫',
        30,
        '520121',
        2400,
        3200,
        '缝纫',
        null,
        '否',
        '否',
        '帮扶车间',
      ];
      const changed = reportOf(
        await upload(t, staffA, '/api/v1/imports/openings', await openingLedger(rows), {
          query: 'mode=commit',
        }),
      );
      expect(rowAt(changed, 3)).to.include({ action: 'update' });
      const after = (await client.get(`/api/v1/openings/${sewing.id}`)).body as {
        headcount: number;
        wage: { min: number };
      };
      expect(after.headcount).to.equal(25);
      expect(after.wage.min).to.equal(2400);
    });

    it('accepts the headers’ common variants: 单位名称, 职位, 人数, 月薪 as a range', async () => {
      const ledger = await buildLedger({
        headers: ['单位名称', '职位', '人数', '区划代码', '月薪', '岗位类别'],
        rows: [['开阳县安居物业', '保安', '5人', '520121', '2800~3500元', '本地']],
      });
      const report = reportOf(await upload(t, admin, '/api/v1/imports/openings', ledger));
      expect(rowAt(report, 2)).to.include({ status: 'valid', action: 'create' });
      expect(report.columns.map((column) => column.field).sort()).to.deep.equal(
        ['countyCode', 'employerName', 'headcount', 'kind', 'title', 'wage'].sort(),
      );
    });
  });

  describe('a large sheet as a background job', () => {
    let workers: JobWorkers;
    before(() => {
      workers = startJobWorkers(t.services, JOB_KINDS, { concurrency: 1 });
    });
    after(async () => {
      await workers.stop(5000);
    });

    const finished = (client: ReturnType<typeof api>, jobId: string) =>
      waitFor(`import job ${jobId}`, async () => {
        const job = (await client.get(`/api/v1/jobs/${jobId}`)).body as { state: string };
        return job.state === 'completed' || job.state === 'failed' ? job : undefined;
      });

    it('202 with a job id; the job runs the same import with progress and leaves the report of the rows that need attention', async () => {
      // the same ledger for other people in another township
      const others = new Map<string, string>();
      const lines = sampleResidentLines().map((line, index) => {
        const id = line.idNumber;
        const valid = typeof id === 'string' && id === sampleIdNumber(Number(id.slice(14, 17)));
        if (valid && !others.has(id)) others.set(id, sampleIdNumber(600 + index));
        return {
          ...line,
          idNumber: valid ? others.get(id)! : id,
          township: '520121003',
          ...(line.householdNo === undefined ? {} : { householdNo: `C-${line.householdNo}` }),
        };
      });
      const staffC = await t.token({ sub: 'staff-c', role: 'staff', townships: ['520121003'] });
      const accepted = await upload(
        t,
        staffC,
        '/api/v1/imports/residents/jobs',
        await residentLedger(lines),
        {
          query: 'mode=commit',
        },
      );
      expect(accepted.status, accepted.text).to.equal(202);
      const { jobId, statusUrl } = accepted.body as { jobId: string; statusUrl: string };
      expect(statusUrl).to.equal(`/api/v1/jobs/${jobId}`);
      const client = api(t.app, staffC);
      const job = (await finished(client, jobId)) as {
        state: string;
        progress: number;
        kind: string;
        result: Record<string, unknown>;
      };
      expect(job).to.deep.include({ state: 'completed', progress: 100, kind: 'import' });
      expect(job.result).to.include({
        kind: 'residents',
        mode: 'commit',
        rows: 10,
        valid: 5,
        created: 5,
        error: 4,
      });
      const report = (await client.get(`/api/v1/imports/jobs/${jobId}/report`)).body as ImportReport;
      expect(report.totals).to.include({ rows: 10, valid: 5, created: 5, duplicate: 1, error: 4 });
      // valid rows without warnings are counted, not listed
      expect(report.rows.map((row) => row.row)).to.deep.equal([4, 6, 9, 10, 11, 12, 13]);
      expect(
        await t.services.db.db!.collection('residents').countDocuments({ townshipCode: '520121003' }),
      ).to.equal(5);
      // the uploaded sheet is gone once the import ran
      expect(await count('import_uploads')).to.equal(0);
    });

    it('keeps the waiting sheet encrypted, and shows the job and its report only to the scope that asked', async () => {
      await workers.stop(5000);
      const accepted = await upload(t, staffA, '/api/v1/imports/residents/jobs', sample);
      expect(accepted.status).to.equal(202);
      const { jobId } = accepted.body as { jobId: string };
      const stored = await dump('import_uploads');
      expect(stored.length).to.be.greaterThan(sample.length);
      expect(stored).not.to.include(sample.subarray(0, 64).toString('base64'));
      const chunks = await t.services.db.db!.collection('import_uploads').find({}).toArray();
      expect(chunks.map((chunk) => String(chunk.data).slice(0, 3))).to.deep.equal(['v2.']);
      expect((await api(t.app, staffB).get(`/api/v1/jobs/${jobId}`)).status).to.equal(404);
      expect((await api(t.app, staffB).get(`/api/v1/imports/jobs/${jobId}/report`)).status).to.equal(404);
      const early = await api(t.app, staffA).get(`/api/v1/imports/jobs/${jobId}/report`);
      expect(early.status).to.equal(409);
      workers = startJobWorkers(t.services, JOB_KINDS, { concurrency: 1 });
      expect(await finished(api(t.app, staffA), jobId)).to.deep.include({ state: 'completed' });
      const sheet = await upload(t, staffA, `/api/v1/imports/jobs/${jobId}/report`, Buffer.alloc(0), {});
      expect(sheet.status).to.equal(404); // a POST: no such route
      const xlsx = await request(t.app)
        .get(`/api/v1/imports/jobs/${jobId}/report?format=xlsx`)
        .set('Authorization', `Bearer ${staffA}`)
        .buffer(true)
        .parse(binary);
      expect(xlsx.status).to.equal(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as never);
      const rows: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => {
        rows.push(row.getCell(4).text);
      });
      expect(rows.join('\n')).to.include('【身份证号码】身份证号校验位错误');
      expect(rows.join('\n').match(ID_NUMBER_PATTERN)).to.equal(null);
    });
  });

  describe('PII-04', () => {
    it('PII-04: no ID number or phone of the sheets reaches a log line or an import answer', () => {
      const sheetValues = [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        100,
        200,
        301,
        400,
        600,
        601,
        602,
        603,
        604,
        605,
        606,
        607,
        608,
        609,
        ...LEVEL_PEOPLE,
      ].flatMap((n) => [sampleIdNumber(n), samplePhone(n)]);
      const everything = capturedLogLines.join('') + answered.join('') + capturedErrorBodies.join('');
      expect(answered.length).to.be.greaterThan(10);
      for (const value of sheetValues) expect(everything).not.to.include(value);
      expect(answered.join('').match(ID_NUMBER_PATTERN)).to.equal(null);
      expect(answered.join('').match(MOBILE_PATTERN)).to.equal(null);
      expect(capturedLogLines.join('')).to.include('import finished');
    });
  });
});
