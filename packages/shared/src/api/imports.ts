import { z } from 'zod';
import { LocalizedMessage, TownshipCode } from './common.ts';

/** What a sheet holds: residents with their households (花名册), or employers' openings (岗位清单). */
export const ImportKind = z.enum(['residents', 'openings']);
export type ImportKind = z.infer<typeof ImportKind>;

/** `dry-run` checks every row and writes nothing; `commit` writes the valid rows. */
export const ImportMode = z.enum(['dry-run', 'commit']);
export type ImportMode = z.infer<typeof ImportMode>;

/** The answer's format: the JSON report, or the uploaded rows with 结果/原因 columns as an xlsx file. */
export const ReplyFormat = z.enum(['json', 'xlsx']);
export type ReplyFormat = z.infer<typeof ReplyFormat>;

/** An Excel import's options: dry run or commit, the township of rows without one, JSON or xlsx reply. */
export const ImportQuery = z.strictObject({
  mode: ImportMode.default('dry-run'),
  townshipCode: TownshipCode.optional().describe(
    'township of rows without a 乡镇代码 column (default: the caller’s only township)',
  ),
  format: ReplyFormat.optional().describe('xlsx: the report as a sheet (also chosen by Accept)'),
});
export type ImportQuery = z.output<typeof ImportQuery>;

/** One finding about a row: a stable code, the sheet column it is about, and a message for people. */
export const ImportIssue = z.object({
  code: z.string(),
  column: z.string().optional().describe('the column header as written in the sheet'),
  message: LocalizedMessage,
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** A row of an import: valid, a duplicate of a record or of an earlier row, or in error. */
export const ImportRowStatus = z.enum(['valid', 'duplicate', 'error']);
export type ImportRowStatus = z.infer<typeof ImportRowStatus>;

/** What a valid row does (or, in a dry run, would do) to the records. */
export const ImportRowAction = z.enum(['create', 'update', 'unchanged']);
export type ImportRowAction = z.infer<typeof ImportRowAction>;

/** One row of an import's report: its status, what it does (or would do), and its issues. */
export const ImportRow = z.object({
  row: z.number().int().describe('the row number in the sheet, as Excel shows it'),
  status: ImportRowStatus,
  action: ImportRowAction.optional(),
  record: z.string().optional().describe('who or what the row is about, masked (王* 5201**********0017)'),
  errors: z.array(ImportIssue),
  warnings: z.array(ImportIssue),
});
export type ImportRow = z.infer<typeof ImportRow>;

/** An import's row counts by status and action. */
export const ImportTotals = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  duplicate: z.number().int(),
  error: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  warnings: z.number().int().describe('rows with at least one warning'),
});
export type ImportTotals = z.infer<typeof ImportTotals>;

/** The report of an Excel import: per row and in total, and whether the valid rows were written. */
export const ImportReport = z.object({
  kind: ImportKind,
  mode: ImportMode,
  committed: z.boolean().describe('true when the valid rows were written'),
  sheet: z.string(),
  headerRow: z.number().int(),
  columns: z.array(
    z.object({
      header: z.string(),
      field: z.string(),
      note: LocalizedMessage.optional().describe(
        'how the column is read where the sheet decides it, e.g. whether bare numbers in 技能等级 are accepted and in which numbering',
      ),
    }),
  ),
  ignoredColumns: z.array(z.string()).describe('headers Anju does not read'),
  totals: ImportTotals,
  rows: z.array(ImportRow),
});
export type ImportReport = z.infer<typeof ImportReport>;
