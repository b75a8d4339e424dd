import type { LocalizedMessage } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import type { SheetCell, SheetRow } from '../../infra/xlsx.ts';

/** A field an import reads, with the column headers county sheets use for it. */
export interface ColumnSpec<F extends string> {
  readonly field: F;
  readonly headers: readonly string[];
}

/**
 * A header as written → a comparable key: NFKC (full-width letters and brackets), no spaces, no required
 * marks, no bracketed hints (身份证号（18位）, 期望月薪(元), 工作地点(区划代码)), no trailing colon.
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>/g, '')
    .replace(/^[*※★]+|[*※★:]+$/g, '')
    .toLowerCase();
}

export const RESIDENT_COLUMNS = [
  { field: 'name', headers: ['姓名', '名字', '劳动力姓名', '居民姓名', '人员姓名'] },
  {
    field: 'idNumber',
    headers: [
      '身份证号',
      '身份证号码',
      '公民身份号码',
      '公民身份证号',
      '公民身份证号码',
      '证件号码',
      '身份证',
    ],
  },
  { field: 'gender', headers: ['性别'] },
  { field: 'phone', headers: ['联系电话', '手机号', '手机号码', '电话', '联系方式', '电话号码'] },
  {
    field: 'township',
    headers: ['乡镇代码', '乡镇街道代码', '乡镇', '所属乡镇', '乡镇街道', '乡镇(街道)代码'],
  },
  { field: 'community', headers: ['安置社区', '安置点', '社区', '安置点社区', '安置小区', '所在社区'] },
  { field: 'grid', headers: ['网格', '所属网格', '网格名称', '网格号'] },
  { field: 'householdNo', headers: ['户编号', '户号', '家庭编号', '户籍编号'] },
  {
    field: 'headIdNumber',
    headers: ['户主身份证号', '户主身份证号码', '户主证件号码', '户主公民身份号码'],
  },
  { field: 'relation', headers: ['与户主关系', '家庭关系', '与户主的关系'] },
  { field: 'skills', headers: ['技能', '技能特长', '掌握技能', '专业技能', '技能名称', '工种', '技能工种'] },
  // A bracketed hint may declare how bare numbers run: 技能等级（国家等级，1为最高）; see levelNumberingOf.
  { field: 'skillLevel', headers: ['技能等级', '职业技能等级', '国家职业技能等级', '技能等级证书', '等级'] },
  {
    field: 'certificates',
    headers: ['证书', '职业资格证书', '技能证书', '持证情况', '所持证书', '资格证书'],
  },
  {
    field: 'mobility',
    headers: ['务工意愿', '就业意愿', '务工地点意愿', '意向务工地点', '外出意愿', '务工意向'],
  },
  { field: 'expectedWage', headers: ['期望月薪', '期望薪资', '期望工资', '期望月收入', '期望薪酬'] },
  {
    field: 'registeredPoor',
    headers: ['是否建档立卡', '建档立卡', '是否建档立卡户', '是否脱贫户', '是否建档立卡贫困户'],
  },
  { field: 'monitored', headers: ['是否监测对象', '监测对象', '是否防返贫监测对象', '是否监测户'] },
  { field: 'category', headers: ['搬迁类型', '人员类别', '户类型', '搬迁户类型', '搬迁对象类别'] },
  {
    field: 'incomeBefore',
    headers: ['就业前月收入', '务工前月收入', '搬迁前月收入', '原月收入', '就业前收入', '安置前月收入'],
  },
] as const satisfies readonly ColumnSpec<string>[];

export type ResidentField = (typeof RESIDENT_COLUMNS)[number]['field'];

export const OPENING_COLUMNS = [
  { field: 'employerName', headers: ['企业名称', '单位名称', '用工单位', '招聘单位', '企业', '用工企业'] },
  { field: 'creditCode', headers: ['统一社会信用代码', '信用代码', '社会信用代码'] },
  { field: 'title', headers: ['岗位名称', '岗位', '招聘岗位', '职位', '职位名称'] },
  { field: 'occupation', headers: ['工种', '职业', '职业工种', '岗位工种'] },
  { field: 'headcount', headers: ['招聘人数', '人数', '需求人数', '用工人数', '招聘数量'] },
  {
    field: 'countyCode',
    headers: ['工作地点', '工作地点区划代码', '区划代码', '工作地区划代码', '工作地点代码', '行政区划代码'],
  },
  { field: 'wageMin', headers: ['薪资下限', '最低月薪', '月薪下限', '工资下限', '最低工资'] },
  { field: 'wageMax', headers: ['薪资上限', '最高月薪', '月薪上限', '工资上限', '最高工资'] },
  { field: 'wage', headers: ['月薪', '薪资', '薪资待遇', '工资待遇', '月工资', '工资'] },
  { field: 'skills', headers: ['技能要求', '要求技能', '岗位技能要求'] },
  { field: 'licences', headers: ['证书要求', '资格证书要求', '持证要求', '所需证书'] },
  { field: 'nightShift', headers: ['夜班', '是否夜班', '是否上夜班', '有无夜班'] },
  { field: 'accommodation', headers: ['住宿', '是否包住', '包住宿', '提供住宿', '是否提供住宿', '食宿'] },
  { field: 'kind', headers: ['岗位类型', '岗位类别', '用工类型', '就业类型'] },
  { field: 'hoursPerWeek', headers: ['每周工时', '周工时', '每周工作时长'] },
] as const satisfies readonly ColumnSpec<string>[];

export type OpeningField = (typeof OPENING_COLUMNS)[number]['field'];

/**
 * How bare numbers in a 技能等级 column run: `national` (1 = 一级/高级技师, the highest … 5 = 五级/初级工)
 * or `ascending` (1 = 五级/初级工 … 5 = 一级/高级技师, as some local systems count).
 */
export type LevelNumbering = 'national' | 'ascending';

// Each pattern reads one statement tying a number to an end of the scale (一级最高 alone ties none);
// separators (，、;) are kept so that statements never run together.
const NATIONAL_NUMBERING = [
  /1级?(为|是|=|:|即)?(最高|一级|高级技师)/,
  /(一级|高级技师)(为|是|=|:)?1/,
  /5级?(为|是|=|:|即)?(最低|五级|初级)/,
  /(五级|初级工?)(为|是|=|:)?5/,
  /越小(等级)?越高|国家等级|国家标准|国家编号/,
];
const ASCENDING_NUMBERING = [
  /1级?(为|是|=|:|即)?(最低|五级|初级)/,
  /(五级|初级工?)(为|是|=|:)?1/,
  /5级?(为|是|=|:|即)?(最高|一级|高级技师)/,
  /(一级|高级技师)(为|是|=|:)?5/,
  /越大(等级)?越高/,
];

/**
 * The numbering a 技能等级 header declares for bare numbers, read from the header as written (its
 * bracketed hint included): 技能等级（国家等级，1为最高）, 职业技能等级（1=一级）, 技能等级(5=五级) are
 * national; 技能等级（1=初级，5=高级技师） is ascending. Undefined when the header says nothing, or says both.
 */
export function levelNumberingOf(header: string): LevelNumbering | undefined {
  const text = header.normalize('NFKC').replace(/\s/g, '');
  const national = NATIONAL_NUMBERING.some((pattern) => pattern.test(text));
  const ascending = ASCENDING_NUMBERING.some((pattern) => pattern.test(text));
  if (national === ascending) return undefined;
  return national ? 'national' : 'ascending';
}

/** What the import report says about how a column is read, where the sheet's header decides it. */
export function columnNote(field: string, header: string): LocalizedMessage | undefined {
  if (field !== 'skillLevel') return undefined;
  switch (levelNumberingOf(header)) {
    case 'national':
      return {
        zh: '只填数字的等级按国家等级读：1 = 一级/高级技师 … 5 = 五级/初级工',
        en: 'bare numbers read in the national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工',
      };
    case 'ascending':
      return {
        zh: '只填数字的等级按列名所注读：1 = 五级/初级工 … 5 = 一级/高级技师',
        en: 'bare numbers read as the header says: 1 = 五级/初级工 … 5 = 一级/高级技师',
      };
    case undefined:
      return {
        zh: '列名未注明数字等级的编号，只填数字的等级不予接受；请写五级…一级或初级…高级技师',
        en: 'the header does not say how numbers run, so bare numbers are refused; write 五级 … 一级 or 初级 … 高级技师',
      };
  }
}

/** Headers that are known and deliberately not read (serial numbers, notes, what the ID number already says). */
const SKIPPED = new Set(
  ['序号', '编号', '备注', '年龄', '出生日期', '出生年月', '民族', '文化程度', '学历'].map(headerKey),
);

export interface HeaderMap<F extends string> {
  /** Row number of the header (1-based, as Excel shows it). */
  readonly headerRow: number;
  /** The header text of each column as written (for reports and the xlsx answer). */
  readonly headers: readonly string[];
  /** Column index (0-based) of each field found. */
  readonly columnOf: ReadonlyMap<F, number>;
  /** Headers neither read nor known to be skipped. */
  readonly ignored: readonly string[];
}

function cellText(cell: SheetCell | undefined): string {
  return cell?.kind === 'text' ? cell.text : '';
}

/** How many rows from the top may hold the header: ledgers put a title on rows 1–2 and the header on 3. */
export const HEADER_SEARCH_ROWS = 5;

/**
 * Finds the header among the first rows: the row whose cells name the most known fields. Every `required`
 * field must have a column, else the sheet is refused with the missing headers named.
 */
export function locateHeader<F extends string>(
  rows: readonly SheetRow[],
  specs: readonly ColumnSpec<F>[],
  required: readonly F[],
): HeaderMap<F> {
  const fieldOf = new Map<string, F>();
  for (const spec of specs) for (const header of spec.headers) fieldOf.set(headerKey(header), spec.field);
  let best: { row: SheetRow; found: number } | undefined;
  for (const row of rows.filter((candidate) => candidate.number <= HEADER_SEARCH_ROWS)) {
    const found = new Set(row.cells.map((cell) => fieldOf.get(headerKey(cellText(cell)))).filter(Boolean))
      .size;
    if (found > 0 && (best === undefined || found > best.found)) best = { row, found };
  }
  const missing = (columnOf: ReadonlyMap<F, number>) =>
    required
      .filter((field) => !columnOf.has(field))
      .map((field) => specs.find((spec) => spec.field === field)?.headers[0] ?? field);
  if (best === undefined)
    throw new AppError('INVALID_SPREADSHEET', {
      issues: [
        {
          path: 'file',
          message: `no header row in the first ${HEADER_SEARCH_ROWS} rows (expected columns such as ${missing(new Map()).join(', ')})`,
        },
      ],
    });
  const headers = best.row.cells.map((cell) => cellText(cell).trim());
  const columnOf = new Map<F, number>();
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const key = headerKey(header);
    const field = fieldOf.get(key);
    if (field !== undefined && !columnOf.has(field)) columnOf.set(field, index);
    else if (!SKIPPED.has(key)) ignored.push(header);
  });
  const absent = missing(columnOf);
  if (absent.length > 0)
    throw new AppError('INVALID_SPREADSHEET', {
      issues: absent.map((header) => ({ path: 'file', message: `missing column ${header}` })),
    });
  return { headerRow: best.row.number, headers, columnOf, ignored };
}
