import { createHash } from 'node:crypto';
import type { ImportReport, ImportRow } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { checkXlsxContainer, readFirstSheet, type ReadSheet, type SheetRow } from '../../infra/xlsx.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import {
  HEADER_SEARCH_ROWS,
  OPENING_COLUMNS,
  RESIDENT_COLUMNS,
  columnNote,
  locateHeader,
  type ColumnSpec,
  type HeaderMap,
  type OpeningField,
  type ResidentField,
} from './columns.ts';
import { OpeningImporter, type OpeningRow } from './openings.ts';
import { ResidentImporter, type ResidentRow } from './residents.ts';
import type { ImportOptions, ImportServices, ProgressListener, RowOutcome, SheetContext } from './types.ts';

/** How far an xlsx may expand when unzipped, per byte uploaded: generous for text, fatal for zip bombs. */
const MAX_EXPANSION = 25;

/**
 * What can be checked of an upload before it is queued, without inflating it: an xlsx zip within the
 * expansion limit. Throws 400 INVALID_SPREADSHEET otherwise, so a background import of random bytes is
 * refused at once rather than accepted and failed later.
 */
export function checkUpload(services: Pick<ImportServices, 'config'>, file: Buffer): void {
  checkXlsxContainer(file, MAX_EXPANSION * services.config.IMPORT_MAX_BYTES);
}

/** Columns whose cells are personal data: masked wherever the rows are echoed (the xlsx report). */
export type PersonalColumn = 'name' | 'idNumber' | 'phone';

export interface ImportRun {
  readonly report: ImportReport;
  /** The sheet as read and its header, for the xlsx form of the report. */
  readonly sheet: ReadSheet;
  readonly header: HeaderMap<string>;
  readonly personalColumns: ReadonlyMap<number, PersonalColumn>;
}

function sheetContext<F extends string>(
  header: HeaderMap<F>,
  rows: readonly SheetRow[],
  specs: readonly ColumnSpec<F>[],
): SheetContext<F> {
  return {
    header,
    rows,
    column(field) {
      const index = header.columnOf.get(field);
      const written = index === undefined ? undefined : header.headers[index];
      return written ?? specs.find((spec) => spec.field === field)?.headers[0] ?? field;
    },
  };
}

function isOutcome(value: RowOutcome | { outcome: RowOutcome }): value is RowOutcome {
  return !('outcome' in value);
}

/** Everything below works the same for both kinds; only the importer differs. */
interface Kind<F extends string, R extends { outcome: RowOutcome }> {
  readonly specs: readonly ColumnSpec<F>[];
  readonly required: readonly F[];
  readonly personal: readonly [F, PersonalColumn][];
  importer(context: SheetContext<F>): {
    parse(number: number, cells: SheetRow['cells']): R | RowOutcome;
    run(rows: readonly R[], commit: boolean, onRow: () => void): Promise<void>;
  };
}

/**
 * Imports one county sheet: finds the header in the first rows, checks every row, and in commit mode
 * writes each valid row on its own (a row that fails writes nothing; re-running after a crash or with the
 * same file changes nothing further; fields staff edited since the last import are kept and reported).
 * Callable in a request for small files, and from a bull job with `onProgress` for large ones.
 */
export async function runImport(
  services: ImportServices,
  file: Buffer,
  options: ImportOptions,
  onProgress: ProgressListener = () => undefined,
): Promise<ImportRun> {
  if (options.kind === 'residents') {
    const kind: Kind<ResidentField, ResidentRow> = {
      specs: RESIDENT_COLUMNS,
      required: ['name', 'idNumber'],
      personal: [
        ['name', 'name'],
        ['idNumber', 'idNumber'],
        ['headIdNumber', 'idNumber'],
        ['phone', 'phone'],
      ],
      importer: (context) => new ResidentImporter(services, options, context),
    };
    return importWith(services, file, options, onProgress, kind);
  }
  const kind: Kind<OpeningField, OpeningRow> = {
    specs: OPENING_COLUMNS,
    required: ['employerName', 'title'],
    personal: [],
    importer: (context) => new OpeningImporter(services, options, context),
  };
  return importWith(services, file, options, onProgress, kind);
}

async function importWith<F extends string, R extends { outcome: RowOutcome }>(
  services: ImportServices,
  file: Buffer,
  options: ImportOptions,
  onProgress: ProgressListener,
  kind: Kind<F, R>,
): Promise<ImportRun> {
  const started = Date.now();
  const { config } = services;
  onProgress({ phase: 'reading', done: 0, total: 0 });
  const sheet = await readFirstSheet(file, {
    maxRows: config.IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS,
    maxUnzippedBytes: MAX_EXPANSION * config.IMPORT_MAX_BYTES,
  });
  const header = locateHeader(sheet.rows, kind.specs, kind.required);
  const dataRows = sheet.rows.filter((row) => row.number > header.headerRow);
  if (dataRows.length > config.IMPORT_MAX_ROWS)
    throw new AppError('INVALID_SPREADSHEET', {
      issues: [{ path: 'file', message: `more than ${config.IMPORT_MAX_ROWS} rows` }],
    });
  const context = sheetContext(header, sheet.rows, kind.specs);
  const importer = kind.importer(context);
  const total = dataRows.length;
  const outcomes: RowOutcome[] = [];
  const parsed: R[] = [];
  for (const row of dataRows) {
    const result = importer.parse(row.number, row.cells);
    if (isOutcome(result)) outcomes.push(result);
    else {
      outcomes.push(result.outcome);
      parsed.push(result);
    }
  }
  const commit = options.mode === 'commit';
  let done = total - parsed.length;
  const phase = commit ? 'writing' : 'checking';
  onProgress({ phase, done, total });
  await importer.run(parsed, commit, () => {
    done += 1;
    if (done % 100 === 0) onProgress({ phase, done, total });
  });
  onProgress({ phase: 'done', done: total, total });

  const rows: ImportRow[] = outcomes.map((outcome) => ({
    row: outcome.row,
    status: outcome.status,
    ...(outcome.status === 'valid' && outcome.action !== undefined ? { action: outcome.action } : {}),
    ...(outcome.record === undefined ? {} : { record: outcome.record }),
    errors: outcome.errors,
    warnings: outcome.warnings,
  }));
  const count = (test: (row: ImportRow) => boolean) => rows.filter(test).length;
  const report: ImportReport = {
    kind: options.kind,
    mode: options.mode,
    committed: commit,
    sheet: sheet.name,
    headerRow: header.headerRow,
    columns: [...header.columnOf].map(([field, index]) => {
      const written = header.headers[index] ?? field;
      const note = columnNote(field, written);
      return { header: written, field, ...(note === undefined ? {} : { note }) };
    }),
    ignoredColumns: [...header.ignored],
    totals: {
      rows: rows.length,
      valid: count((row) => row.status === 'valid'),
      duplicate: count((row) => row.status === 'duplicate'),
      error: count((row) => row.status === 'error'),
      created: count((row) => row.action === 'create'),
      updated: count((row) => row.action === 'update'),
      unchanged: count((row) => row.action === 'unchanged'),
      warnings: count((row) => row.warnings.length > 0),
    },
    rows,
  };
  const fileHash = createHash('sha256').update(file).digest('hex').slice(0, 16);
  const { totals } = report;
  await services.audit.append(
    auditEntryFor(
      options.principal,
      'bulk-job',
      `import:${options.kind}:${fileHash}`,
      'allowed',
      `${options.mode} ${totals.rows} rows: ${totals.created} created, ${totals.updated} updated, ${totals.error + totals.duplicate} refused`,
    ),
  );
  // Counts only: a row's values never reach a log line.
  services.logger.info(
    { import: options.kind, mode: options.mode, fileHash, ...totals, ms: Date.now() - started },
    'import finished',
  );
  const personalColumns = new Map<number, PersonalColumn>();
  for (const [field, what] of kind.personal) {
    const index = header.columnOf.get(field);
    if (index !== undefined) personalColumns.set(index, what);
  }
  return { report, sheet, header: header, personalColumns };
}
