import { ImportQuery, ImportReport, type ImportKind } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import {
  defineRoute,
  XLSX_TYPE,
  type FileDownload,
  type Route,
  type RouteInput,
} from '../../infra/http/route.ts';
import { wantsXlsx } from '../../infra/http/upload.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import { importReportWorkbook } from './report-sheet.ts';
import { runImport } from './run.ts';

async function answer(
  kind: ImportKind,
  { query, principal, services, uploaded, req }: RouteInput<undefined, typeof ImportQuery, undefined>,
): Promise<ImportReport | FileDownload> {
  if (uploaded === undefined) throw new AppError('INVALID_SPREADSHEET');
  const run = await runImport(services, uploaded, {
    kind,
    mode: query.mode,
    principal,
    townshipCode: query.townshipCode,
  });
  if (!wantsXlsx(req, query.format)) return run.report;
  const { totals } = run.report;
  await services.audit.append(
    auditEntryFor(
      principal,
      'export',
      `import-report:${kind}:${totals.rows}`,
      'allowed',
      `${query.mode} report`,
    ),
  );
  return {
    filename: `${kind === 'residents' ? '居民导入结果' : '岗位导入结果'}-${new Date().toISOString().slice(0, 10)}.xlsx`,
    body: await importReportWorkbook(run),
  };
}

const SHARED = {
  method: 'post',
  tag: 'imports',
  query: ImportQuery,
  response: ImportReport,
  upload: true,
  download: XLSX_TYPE,
  // The file is the request: a stored JSON answer could not tell two uploads apart. Re-importing is safe anyway.
  idempotent: false,
} as const;

export const importRoutes: Route[] = [
  defineRoute({
    ...SHARED,
    path: '/api/v1/imports/residents',
    permission: 'residents:write',
    summary:
      'Import residents and households from the county’s sheet (xlsx): dry run by default, then ?mode=commit; the report per row as JSON or xlsx',
    handle: (input) => answer('residents', input),
  }),
  defineRoute({
    ...SHARED,
    path: '/api/v1/imports/openings',
    permission: 'employers:write',
    summary:
      'Import employers’ openings from a sheet (xlsx): dry run by default, then ?mode=commit; the report per row as JSON or xlsx',
    handle: (input) => answer('openings', input),
  }),
];
