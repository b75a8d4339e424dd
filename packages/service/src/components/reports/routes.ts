import { KpiQuery, KpiReport } from '@anju/shared';
import { defineRoute, XLSX_TYPE, type Route } from '../../infra/http/route.ts';
import { wantsXlsx } from '../../infra/http/upload.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import { kpiReport } from './kpi.ts';
import { kpiWorkbook } from './kpi-sheet.ts';

export const reportRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/reports/kpi',
    permission: 'reports:read',
    tag: 'reports',
    summary:
      'The bureau’s figures for a period (communities … income change), for your townships or the county; JSON or xlsx (?format=xlsx or Accept)',
    query: KpiQuery,
    response: KpiReport,
    download: XLSX_TYPE,
    async handle({ query, principal, services, req }) {
      const report = await kpiReport(services, principal, { from: query.from, to: query.to });
      if (!wantsXlsx(req, query.format)) return report;
      await services.audit.append(
        auditEntryFor(
          principal,
          'export',
          `report:kpi:${query.from}:${query.to}`,
          'allowed',
          'KPI report (xlsx)',
        ),
      );
      return {
        filename: `就业工作统计-${query.from}-${query.to}.xlsx`,
        body: await kpiWorkbook(report),
      };
    },
  }),
];
