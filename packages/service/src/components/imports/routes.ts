import { z } from 'zod';
import { ImportQuery, ImportReport, JobAccepted, RecordId, type ImportKind } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import {
  defineRoute,
  XLSX_TYPE,
  type FileDownload,
  type Route,
  type RouteInput,
} from '../../infra/http/route.ts';
import { wantsXlsx } from '../../infra/http/upload.ts';
import { requesterOf } from '../../infra/jobs/queue.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import { canSeeJob } from '../jobs/access.ts';
import { IMPORT_JOB } from './job.ts';
import { importReportWorkbook, storedReportWorkbook } from './report-sheet.ts';
import { checkUpload, runImport } from './run.ts';

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

/** Stores the sheet (encrypted) and queues its import; the job's record keeps the caller's scope. */
async function enqueue(
  kind: ImportKind,
  { query, principal, services, uploaded }: RouteInput<undefined, typeof ImportQuery, undefined>,
): Promise<JobAccepted> {
  if (uploaded === undefined) throw new AppError('INVALID_SPREADSHEET');
  checkUpload(services, uploaded);
  const uploadId = await services.imports.put(uploaded);
  try {
    const record = await services.jobs.create({
      kind: IMPORT_JOB,
      requester: requesterOf(principal),
      subjectId: uploadId,
      townshipCodes: principal.role === 'staff' ? principal.townships : [],
      allTownships: principal.role !== 'staff',
      params: {
        uploadId: uploadId.toHexString(),
        kind,
        mode: query.mode,
        townshipCode: query.townshipCode ?? '',
      },
    });
    const jobId = record._id.toHexString();
    await services.audit.append(
      auditEntryFor(principal, 'bulk-job', jobId, 'allowed', `${IMPORT_JOB} ${kind}`),
    );
    return { jobId, state: record.state, statusUrl: `/api/v1/jobs/${jobId}` };
  } catch (error) {
    // No job will read it: the sheet must not stay behind.
    await services.imports.remove(uploadId);
    throw error;
  }
}

const QUEUED = {
  method: 'post',
  tag: 'imports',
  query: ImportQuery.omit({ format: true }),
  response: JobAccepted,
  status: 202,
  upload: true,
  idempotent: false,
} as const;

export const importJobRoutes: Route[] = [
  defineRoute({
    ...QUEUED,
    path: '/api/v1/imports/residents/jobs',
    permission: 'residents:write',
    summary:
      'Import a large residents sheet in the background: 202 with a job id; progress at /api/v1/jobs/:id, the report at /api/v1/imports/jobs/:id/report',
    handle: (input) => enqueue('residents', input),
  }),
  defineRoute({
    ...QUEUED,
    path: '/api/v1/imports/openings/jobs',
    permission: 'employers:write',
    summary: 'Import a large openings sheet in the background: 202 with a job id',
    handle: (input) => enqueue('openings', input),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/imports/jobs/:id/report',
    permission: 'jobs:read',
    tag: 'imports',
    summary:
      'The report a background import left: totals and the rows that need attention (JSON, or xlsx by ?format=xlsx or Accept)',
    params: z.strictObject({ id: RecordId }),
    query: z.strictObject({ format: ImportQuery.shape.format }),
    response: ImportReport,
    download: XLSX_TYPE,
    async handle({ params, query, principal, services, req }) {
      const record = await services.jobs.get(params.id);
      if (record === null || record.kind !== IMPORT_JOB || !canSeeJob(principal, record))
        throw new AppError('NOT_FOUND');
      const report = await services.imports.report(record._id);
      if (report === null) throw new AppError('INVALID_STATE', { detail: `the import is ${record.state}` });
      if (!wantsXlsx(req, query.format)) return report;
      await services.audit.append(
        auditEntryFor(principal, 'export', `import-report:${params.id}`, 'allowed', `${report.mode} report`),
      );
      return { filename: `导入结果-${params.id}.xlsx`, body: await storedReportWorkbook(report) };
    },
  }),
];
