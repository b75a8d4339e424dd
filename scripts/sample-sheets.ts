// Sample county sheets with synthetic people only, shaped like the ledgers the bureau keeps: a title on
// rows 1–2, the header on row 3, Chinese (and full-width) column names, 安置社区 merged over a household's
// rows, numbers typed as text. `pnpm sample-sheets [DIR]` writes them; the import tests build theirs here.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { idCheckCharacter } from '@anju/shared';

/** A valid synthetic 身份证号 for sequence number `n` (county 520121, born 1970–1999). */
export function sampleIdNumber(n: number): string {
  const birth = `19${70 + (n % 30)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`;
  const first17 = `520121${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

/** The same number with its check character changed: fails MOD 11-2. */
export function badCheckIdNumber(n: number): string {
  const good = sampleIdNumber(n);
  return `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
}

export function samplePhone(n: number): string {
  return `137${String(n).padStart(8, '0')}`;
}

export type Cell = string | number | Date | null | undefined;

export interface LedgerOptions {
  /** Title lines above the header (the header then sits on row titles + 1). */
  readonly titles?: readonly string[];
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** 0-based column whose equal runs (by `groupBy` column) are merged, first cell kept. */
  readonly merge?: { readonly column: number; readonly groupBy: number };
  readonly sheetName?: string;
}

/** An xlsx ledger: titles, a header row, rows; optional vertical merges of one column per group. */
export async function buildLedger(options: LedgerOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? '花名册');
  const titles = options.titles ?? [];
  titles.forEach((title, index) => {
    sheet.getCell(index + 1, 1).value = title;
    sheet.mergeCells(index + 1, 1, index + 1, options.headers.length);
  });
  const headerRow = titles.length + 1;
  options.headers.forEach((header, index) => {
    sheet.getCell(headerRow, index + 1).value = header;
  });
  options.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== undefined && value !== null) sheet.getCell(headerRow + 1 + r, c + 1).value = value;
    });
  });
  const merge = options.merge;
  if (merge !== undefined) {
    let start = 0;
    for (let r = 1; r <= options.rows.length; r += 1) {
      const group = (index: number) => options.rows[index]?.[merge.groupBy];
      if (r < options.rows.length && group(r) === group(start)) continue;
      if (r - start > 1) {
        for (let inner = start + 1; inner < r; inner += 1)
          sheet.getCell(headerRow + 1 + inner, merge.column + 1).value = null;
        sheet.mergeCells(headerRow + 1 + start, merge.column + 1, headerRow + r, merge.column + 1);
      }
      start = r;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The resident ledger's header as counties write it: full-width space, bracketed units, a serial column. */
export const RESIDENT_HEADERS = [
  '序号',
  '姓　名',
  '身份证号码',
  '性别',
  '联系电话',
  '乡镇代码',
  '安置社区',
  '网格',
  '户编号',
  '与户主关系',
  '技能',
  '技能等级',
  '证书',
  '务工意愿',
  '期望月薪（元）',
  '是否建档立卡',
  '就业前月收入（元）',
  '备注',
] as const;

export interface ResidentLine {
  readonly name: string;
  readonly idNumber: string | number;
  readonly gender?: string;
  readonly phone?: string | number;
  readonly township?: string;
  readonly community?: string;
  readonly grid?: string;
  readonly householdNo?: string;
  readonly relation?: string;
  readonly skills?: string;
  readonly level?: string;
  readonly certificates?: string;
  readonly mobility?: string;
  readonly expectedWage?: string | number;
  readonly registeredPoor?: string;
  readonly incomeBefore?: string | number;
  readonly note?: string;
}

export function residentCells(line: ResidentLine, index: number): Cell[] {
  return [
    index + 1,
    line.name,
    line.idNumber,
    line.gender,
    line.phone,
    line.township,
    line.community,
    line.grid,
    line.householdNo,
    line.relation,
    line.skills,
    line.level,
    line.certificates,
    line.mobility,
    line.expectedWage,
    line.registeredPoor,
    line.incomeBefore,
    line.note,
  ];
}

/** A resident ledger: two title lines, the header on row 3, 安置社区 merged over each household's rows. */
export function residentLedger(
  lines: readonly ResidentLine[],
  options: { merge?: boolean } = {},
): Promise<Buffer> {
  return buildLedger({
    titles: [
      '某县易地扶贫搬迁劳动力花名册（样例，合成数据）',
      '填报单位：安置点服务中心　　填报日期：2026年3月1日',
    ],
    headers: RESIDENT_HEADERS,
    rows: lines.map(residentCells),
    ...(options.merge === false ? {} : { merge: { column: 6, groupBy: 8 } }),
  });
}

/**
 * Three households in township 520121001, then rows with the mistakes county ledgers really hold. Levels
 * are written as words (中级, 初级); the 技能等级 header does not say how numbers run, so a bare number is
 * refused (a header such as 技能等级（国家等级，1为最高） would have it read as 三级).
 */
export function sampleResidentLines(township = '520121001'): ResidentLine[] {
  const member = (n: number, line: Omit<ResidentLine, 'idNumber' | 'township'>): ResidentLine => ({
    idNumber: sampleIdNumber(n),
    township,
    ...line,
  });
  return [
    member(2, {
      name: '王秀英',
      gender: '女',
      phone: samplePhone(2),
      community: '锦绣社区',
      grid: '第一网格',
      householdNo: 'JX-0001',
      relation: '户主',
      skills: '会电焊',
      level: '中级',
      certificates: '焊工证',
      mobility: '省内',
      expectedWage: '３５００元',
      registeredPoor: '是',
      incomeBefore: 800,
    }),
    member(1, {
      name: '李建国',
      gender: '男',
      phone: Number(samplePhone(1)),
      community: '锦绣社区',
      grid: '第一网格',
      householdNo: 'JX-0001',
      relation: '配偶',
      skills: '砌砖、钢筋',
      mobility: '省外',
      expectedWage: 5000,
      registeredPoor: '是',
      incomeBefore: '1,200',
    }),
    member(3, {
      name: '王明',
      community: '锦绣社区',
      grid: '第一网格',
      householdNo: 'JX-0001',
      relation: '子女',
      skills: '量子力学',
      mobility: '县内',
      registeredPoor: '是',
    }),
    member(4, {
      name: '张桂兰',
      phone: samplePhone(4),
      community: '安康社区',
      grid: '第二网格',
      householdNo: 'AK-0002',
      relation: '户主',
      skills: '缝纫',
      level: '初级',
      certificates: '健康证',
      mobility: '县内',
      expectedWage: '2500',
      registeredPoor: '否',
      incomeBefore: 0,
    }),
    member(5, {
      name: '刘志强',
      community: '安康社区',
      grid: '第二网格',
      householdNo: 'AK-0002',
      relation: '子女',
      skills: '开叉车',
      certificates: '叉车证',
      mobility: '不限',
      registeredPoor: '否',
    }),
    // 身份证号 with a wrong check character
    {
      idNumber: badCheckIdNumber(6),
      township,
      name: '陈海燕',
      community: '新城社区',
      householdNo: 'XC-0003',
      relation: '户主',
    },
    // typed into a number cell: Excel already dropped the last digits
    {
      idNumber: Number(sampleIdNumber(7)),
      township,
      name: '杨芳',
      community: '新城社区',
      householdNo: 'XC-0004',
      relation: '户主',
    },
    // a landline where a mobile is expected
    member(8, {
      name: '黄伟',
      phone: '0851-5551234',
      community: '新城社区',
      householdNo: 'XC-0005',
      relation: '户主',
    }),
    // the same person as row 6 (王明) entered twice
    member(3, { name: '王明', community: '锦绣社区', householdNo: 'JX-0001', relation: '子女' }),
    // a level as a bare number: 3 is 三级 nationally but the third step up in some local systems; the
    // header does not say which, so the row is refused until the clerk writes 三级 (or 中级 …)
    member(9, {
      name: '周军',
      community: '新城社区',
      householdNo: 'XC-0006',
      relation: '户主',
      skills: '电工',
      level: '3',
      mobility: '县内',
    }),
  ];
}

export const OPENING_HEADERS = [
  '企业名称',
  '统一社会信用代码',
  '岗位名称',
  '工种',
  '招聘人数',
  '工作地点(区划代码)',
  '薪资下限',
  '薪资上限',
  '技能要求',
  '证书要求',
  '夜班',
  '住宿',
  '岗位类型',
] as const;

/** An openings list: local firms, an assistance workshop, a 公益性岗位, 劳务协作 to Dongguan, one bad row. */
export function sampleOpeningRows(): Cell[][] {
  return [
    [
      '锦绣服装帮扶车间',
      null,
      '缝纫工',
      '缝纫',
      20,
      '520121',
      2200,
      3200,
      '缝纫',
      null,
      '否',
      '否',
      '帮扶车间',
    ],
    [
      '开阳县城管局',
      null,
      '保洁员',
      '保洁',
      10,
      '520121',
      1900,
      1900,
      null,
      '健康证',
      '否',
      '否',
      '公益性岗位',
    ],
    [
      '贵阳安居建设有限公司',
      '91520100MA6DN0XX1Q',
      '钢筋工',
      '钢筋工',
      15,
      '520115',
      5000,
      7000,
      '钢筋',
      null,
      '否',
      '是',
      null,
    ],
    [
      '东莞明辉电子有限公司',
      null,
      '电子装配工',
      '电子装配',
      40,
      '441900 东莞',
      '5200',
      '6800',
      null,
      null,
      '是',
      '包住',
      '劳务协作',
    ],
    [
      '东莞明辉电子有限公司',
      null,
      '叉车司机',
      '叉车',
      2,
      '441900',
      5500,
      7500,
      '叉车',
      '叉车证',
      '否',
      '是',
      '劳务协作',
    ],
    ['无名工地', null, '普工', null, '若干', '5201', 3000, 2000, null, null, '否', '否', null],
  ];
}

export function openingLedger(rows: readonly (readonly Cell[])[] = sampleOpeningRows()): Promise<Buffer> {
  return buildLedger({
    titles: ['2026年春风行动岗位清单（样例，合成数据）'],
    headers: OPENING_HEADERS,
    rows,
    sheetName: '岗位清单',
  });
}

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? '.data/samples');
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/residents-sample.xlsx`, await residentLedger(sampleResidentLines()));
  await writeFile(`${dir}/openings-sample.xlsx`, await openingLedger());
  console.log(`wrote ${dir}/residents-sample.xlsx and ${dir}/openings-sample.xlsx (synthetic data)`);
}

// No top-level await: the tests load this module too.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) void main();
