import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

/** One cell as an import reads it: what Excel stored, with its type, never a guess. */
export type SheetCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'boolean'; readonly value: boolean };

export interface SheetRow {
  /** The row number Excel shows (1-based). */
  readonly number: number;
  readonly cells: readonly SheetCell[];
}

export interface ReadSheet {
  readonly name: string;
  /** Every non-empty row, in order. */
  readonly rows: readonly SheetRow[];
}

export interface SheetLimits {
  /** Most rows the sheet may have (title and header rows included). */
  readonly maxRows: number;
  /** Most bytes the zip may expand to (a guard against zip bombs, checked before parsing). */
  readonly maxUnzippedBytes: number;
}

const EMPTY: SheetCell = Object.freeze({ kind: 'empty' });

function invalid(message: string, cause?: unknown): AppError {
  return new AppError('INVALID_SPREADSHEET', {
    issues: [{ path: 'file', message }],
    detail: message,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Checks the xlsx container without inflating it: a zip (local header signature), whose central
 * directory declares at most `maxUnzippedBytes` in all. exceljs would otherwise inflate whatever it is given.
 */
export function checkXlsxContainer(file: Buffer, maxUnzippedBytes: number): void {
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50) throw invalid('not an xlsx file (not a zip)');
  // The end-of-central-directory record sits in the last 22 + up to 65,535 (comment) bytes.
  let eocd = -1;
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 65_535); at -= 1) {
    if (file.readUInt32LE(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw invalid('not an xlsx file (no zip directory)');
  const entries = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  let total = 0;
  let hasContentTypes = false;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50)
      throw invalid('not an xlsx file (broken zip directory)');
    const size = file.readUInt32LE(at + 24);
    if (size === 0xffffffff) throw invalid('zip64 archives are not accepted');
    total += size;
    const nameLength = file.readUInt16LE(at + 28);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === '[Content_Types].xml') hasContentTypes = true;
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  if (!hasContentTypes) throw invalid('not an xlsx file (no [Content_Types].xml)');
  if (total > maxUnzippedBytes) throw invalid('the file expands to more than the import allows');
}

function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'date', value };
  if ('richText' in value) return cellOf(value.richText.map((part) => part.text).join(''));
  if ('error' in value) return { kind: 'text', text: value.error };
  if ('result' in value) return cellOf(value.result ?? null);
  if ('formula' in value || 'sharedFormula' in value) return EMPTY;
  if ('text' in value) return cellOf(value.text);
  return EMPTY;
}

/**
 * Reads the first worksheet that has data. Merged cells read as their master cell's value on every row
 * and column they span (how county ledgers merge 安置社区 over a household's rows).
 */
export async function readFirstSheet(file: Buffer, limits: SheetLimits): Promise<ReadSheet> {
  checkXlsxContainer(file, limits.maxUnzippedBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid('the xlsx file cannot be read', error);
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (sheet === undefined) throw invalid('the workbook has no rows');
  if (sheet.rowCount > limits.maxRows) throw invalid(`the sheet has more than ${limits.maxRows} rows`);
  const width = sheet.columnCount;
  const rows: SheetRow[] = [];
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const cells: SheetCell[] = [];
    for (let column = 1; column <= width; column += 1) cells.push(cellOf(row.getCell(column).value));
    if (cells.some((cell) => cell.kind !== 'empty')) rows.push({ number, cells });
  }
  return { name: sheet.name, rows };
}

export type SheetValue = string | number | null | undefined;

export interface SheetSpec {
  readonly name: string;
  /** A title line above the header (merged across the columns), as printed ledgers have. */
  readonly title?: string;
  readonly columns: readonly { readonly header: string; readonly width?: number }[];
  readonly rows: readonly (readonly SheetValue[])[];
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1)
    name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Writes sheets with a bold, frozen header row (and an optional title line) to an xlsx buffer. */
export async function writeWorkbook(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Anju';
  const taken = new Set<string>();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(sheetName(spec.name, taken));
    sheet.columns = spec.columns.map((column) => ({
      width: column.width ?? Math.max(8, column.header.length * 2 + 2),
    }));
    let headerRow = 1;
    if (spec.title !== undefined) {
      sheet.getCell(1, 1).value = spec.title;
      sheet.getCell(1, 1).font = { bold: true, size: 14 };
      if (spec.columns.length > 1) sheet.mergeCells(1, 1, 1, spec.columns.length);
      headerRow = 2;
    }
    const header = sheet.getRow(headerRow);
    spec.columns.forEach((column, index) => {
      header.getCell(index + 1).value = column.header;
    });
    header.font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: headerRow }];
    for (const values of spec.rows) sheet.addRow(values.map((value) => value ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
