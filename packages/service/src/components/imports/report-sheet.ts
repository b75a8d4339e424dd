import type { ImportIssue, ImportReport, ImportRow } from '@anju/shared';
import { writeWorkbook, type SheetValue } from '../../infra/xlsx.ts';
import { maskIdNumber, maskName, maskPhone } from '../residents/masking.ts';
import type { ImportRun, PersonalColumn } from './run.ts';
import { textOf } from './values.ts';

const ACTION_ZH = { create: '新增', update: '更新', unchanged: '无变化' } as const;

function result(row: ImportRow | undefined): string {
  if (row === undefined) return '';
  if (row.status === 'error') return '错误';
  if (row.status === 'duplicate') return '重复';
  return row.action === undefined ? '有效' : `有效（${ACTION_ZH[row.action]}）`;
}

function reasons(row: ImportRow | undefined): string {
  if (row === undefined) return '';
  const line = (found: ImportIssue, prefix = '') =>
    `${prefix}${found.column === undefined ? '' : `【${found.column}】`}${found.message.zh}`;
  return [
    ...row.errors.map((found) => line(found)),
    ...row.warnings.map((found) => line(found, '提示：')),
  ].join('；');
}

/** The totals line above the rows, then how columns were read where the header decided it. */
function titleOf(report: ImportReport, suffix = ''): string {
  const { totals } = report;
  const notes = report.columns.flatMap((column) =>
    column.note === undefined ? [] : [`【${column.header}】${column.note.zh}`],
  );
  return [
    `${report.mode === 'commit' ? '导入结果' : '试导入检查'}：共${totals.rows}行，有效${totals.valid}行（新增${totals.created}、更新${totals.updated}、无变化${totals.unchanged}），重复${totals.duplicate}行，错误${totals.error}行${suffix}`,
    ...notes,
  ].join('。');
}

/** What a personal cell shows in the report: masked the way staff see it in the API (PII-04). */
function masked(text: string | undefined, what: PersonalColumn | undefined): SheetValue {
  if (text === undefined || what === undefined) return text;
  switch (what) {
    case 'name':
      return maskName(text);
    case 'idNumber':
      return maskIdNumber(text, 'staff');
    case 'phone':
      return text.length >= 7 ? maskPhone(text) : '*'.repeat(text.length);
  }
}

/**
 * The report as a sheet staff can fix their file from: each uploaded row with its number, its cells
 * (names, ID numbers and phones masked), and 结果 / 原因 columns.
 */
export async function importReportWorkbook(run: ImportRun): Promise<Buffer> {
  const { report, sheet, header, personalColumns } = run;
  const byRow = new Map(report.rows.map((row) => [row.row, row]));
  const width = header.headers.length;
  const rows = sheet.rows
    .filter((row) => row.number > header.headerRow)
    .map((row) => {
      const found = byRow.get(row.number);
      const cells: SheetValue[] = [];
      for (let index = 0; index < width; index += 1)
        cells.push(masked(textOf(row.cells[index]), personalColumns.get(index)));
      return [row.number, ...cells, result(found), reasons(found)];
    });
  return writeWorkbook([
    {
      name: '导入结果',
      title: titleOf(report),
      columns: [
        { header: '行号', width: 6 },
        ...header.headers.map((text) => ({ header: text === '' ? ' ' : text })),
        { header: '结果', width: 14 },
        { header: '原因', width: 60 },
      ],
      rows,
    },
  ]);
}

/**
 * A stored report (a background import's: the uploaded rows are gone by then) as a sheet: each row that
 * needs attention with its number, who it is about (masked), 结果 and 原因.
 */
export function storedReportWorkbook(report: ImportReport): Promise<Buffer> {
  return writeWorkbook([
    {
      name: '导入结果',
      title: titleOf(report, '；下列为需处理的行'),
      columns: [
        { header: '行号', width: 6 },
        { header: '记录', width: 28 },
        { header: '结果', width: 14 },
        { header: '原因', width: 60 },
      ],
      rows: report.rows.map((row) => [row.row, row.record, result(row), reasons(row)]),
    },
  ]);
}
