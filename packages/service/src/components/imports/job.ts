import { Types } from 'mongoose';
import { z } from 'zod';
import { ImportKind, ImportMode, RecordId, TownshipCode, type ImportReport } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import type { JobSummary } from '../../infra/jobs/model.ts';
import type { JobKind } from '../../infra/jobs/worker.ts';
import { runImport } from './run.ts';

export const IMPORT_JOB = 'import';

const ImportJobParams = z.object({
  uploadId: RecordId,
  kind: ImportKind,
  mode: ImportMode,
  /** '' when the import has no default township (job params hold no undefined). */
  townshipCode: z.union([TownshipCode, z.literal('')]),
});
export type ImportJobParams = z.output<typeof ImportJobParams>;

function summaryOf(report: ImportReport): JobSummary {
  return { kind: report.kind, mode: report.mode, ...report.totals };
}

/**
 * A large sheet's import in the background: the same `runImport` as a request runs, reading and writing
 * through the requester's stored scope (SEC-03), progress on the job record. The stored file is removed
 * when the report is saved; a retry after that finds the report and does nothing again, and a
 * retry before it re-runs an import that is idempotent anyway.
 */
export const importJob: JobKind<ImportJobParams> = {
  kind: IMPORT_JOB,
  params: ImportJobParams,
  async process(context) {
    const { services, params, requester } = context;
    const jobId = new Types.ObjectId(context.jobId);
    const uploadId = new Types.ObjectId(params.uploadId);
    const file = await services.imports.get(uploadId);
    if (file === null) {
      const done = await services.imports.report(jobId);
      if (done !== null) return summaryOf(done);
      throw new AppError('NOT_FOUND', { detail: 'the uploaded sheet is gone' });
    }
    await context.progress(1, 'reading the sheet');
    const run = await runImport(
      services,
      file,
      {
        kind: params.kind,
        mode: params.mode,
        principal: requester,
        townshipCode: params.townshipCode === '' ? undefined : params.townshipCode,
      },
      (progress) => {
        if (progress.total === 0 || progress.phase === 'done') return;
        const verb = progress.phase === 'writing' ? 'writing' : 'checking';
        void context
          .progress(
            1 + (98 * progress.done) / progress.total,
            `${verb} row ${progress.done} of ${progress.total}`,
          )
          .catch(() => undefined);
      },
    );
    await context.checkpoint('report');
    // The rows that need attention; the totals count the rest.
    const rows = run.report.rows.filter((row) => row.status !== 'valid' || row.warnings.length > 0);
    await services.imports.saveReport(jobId, { ...run.report, rows });
    await services.imports.remove(uploadId);
    return summaryOf(run.report);
  },
};
