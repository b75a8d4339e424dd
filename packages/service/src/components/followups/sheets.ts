import { FollowUpSheetRequest, FollowUpSheets, type FollowUpSheetLine } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { defineRoute, XLSX_TYPE, type Route } from '../../infra/http/route.ts';
import { wantsXlsx } from '../../infra/http/upload.ts';
import { writeWorkbook, type SheetSpec } from '../../infra/xlsx.ts';
import type { Services } from '../../services.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import type { Principal } from '../auth/tokens.ts';
import { maskName } from '../residents/masking.ts';

/** The most placements one set of sheets lists. */
export const MAX_SHEET_LINES = 10_000;

type SheetServices = Pick<Services, 'scoped'>;

/**
 * The placements a grid worker visits in `month`, per grid: those that started by the month's end and had
 * not ended before it began, in the caller's scope, residents' names masked.
 */
export async function followUpSheets(
  services: SheetServices,
  principal: Principal,
  request: Pick<FollowUpSheetRequest, 'month' | 'townshipCode' | 'community' | 'grid'>,
): Promise<FollowUpSheets> {
  const first = `${request.month}-01`;
  const last = `${request.month}-31`;
  const scoped = <R extends Parameters<SheetServices['scoped']>[0]>(resource: R) =>
    services.scoped(resource, principal);
  const placements = [];
  for await (const placement of scoped('placements').each(
    {
      startedOn: op({ $lte: last }),
      ...(request.townshipCode === undefined ? {} : { townshipCode: request.townshipCode }),
    },
    {
      _id: 1,
      residentId: 1,
      employerId: 1,
      townshipCode: 1,
      countyCode: 1,
      startedOn: 1,
      endedOn: 1,
      monthlyWage: 1,
    },
  ))
    if (placement.endedOn === undefined || placement.endedOn >= first) placements.push(placement);

  const ids = (values: readonly { toString(): string }[]) => op({ $in: [...new Set(values.map(String))] });
  const residents = new Map<string, { name: string; householdId: string }>();
  for await (const resident of scoped('residents').each(
    { _id: ids(placements.map((placement) => placement.residentId)) },
    { _id: 1, name: 1, householdId: 1 },
  ))
    residents.set(resident._id.toString(), {
      name: resident.name,
      householdId: resident.householdId.toString(),
    });
  const households = new Map<string, { community: string; grid: string | undefined }>();
  for await (const household of scoped('households').each(
    { _id: ids([...residents.values()].map((resident) => resident.householdId)) },
    { _id: 1, community: 1, grid: 1 },
  ))
    households.set(household._id.toString(), { community: household.community, grid: household.grid });
  const employers = new Map<string, string>();
  for await (const employer of scoped('employers').each(
    { _id: ids(placements.map((placement) => placement.employerId)) },
    { _id: 1, name: 1 },
  ))
    employers.set(employer._id.toString(), employer.name);
  const recorded = new Set<string>();
  for await (const followUp of scoped('followups').each(
    { placementId: ids(placements.map((placement) => placement._id)), month: request.month },
    { placementId: 1 },
  ))
    recorded.add(followUp.placementId.toString());

  const groups = new Map<string, FollowUpSheets['sheets'][number]>();
  let total = 0;
  const ordered = [...placements].sort(
    (a, b) => a.startedOn.localeCompare(b.startedOn) || a._id.toString().localeCompare(b._id.toString()),
  );
  for (const placement of ordered) {
    const resident = residents.get(placement.residentId.toString());
    const household = resident === undefined ? undefined : households.get(resident.householdId);
    if (resident === undefined || household === undefined) continue;
    if (request.community !== undefined && household.community !== request.community) continue;
    if (request.grid !== undefined && household.grid !== request.grid) continue;
    if (total >= MAX_SHEET_LINES)
      return { month: request.month, sheets: sortSheets(groups), total, truncated: true };
    const key = `${placement.townshipCode}|${household.community}|${household.grid ?? ''}`;
    const group = groups.get(key) ?? {
      townshipCode: placement.townshipCode,
      community: household.community,
      grid: household.grid ?? null,
      lines: [],
    };
    groups.set(key, group);
    const line: FollowUpSheetLine = {
      placementId: placement._id.toString(),
      resident: maskName(resident.name),
      employer: employers.get(placement.employerId.toString()) ?? '',
      countyCode: placement.countyCode,
      startedOn: placement.startedOn,
      monthlyWage: placement.monthlyWage,
      recorded: recorded.has(placement._id.toString()),
    };
    group.lines.push(line);
    total += 1;
  }
  return { month: request.month, sheets: sortSheets(groups), total, truncated: false };
}

/** By township, community and grid, in code-unit order: stable on every machine, whatever its locale. */
function sortSheets(groups: ReadonlyMap<string, FollowUpSheets['sheets'][number]>): FollowUpSheets['sheets'] {
  const key = (sheet: FollowUpSheets['sheets'][number]) => [
    sheet.townshipCode,
    sheet.community,
    sheet.grid ?? '',
  ];
  return [...groups.values()].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1;
    return 0;
  });
}

/** One printable worksheet per grid, with blank columns for the month's income, in work, and a signature. */
export function followUpWorkbook(sheets: FollowUpSheets): Promise<Buffer> {
  const [year, month] = sheets.month.split('-');
  const specs: SheetSpec[] = sheets.sheets.map((sheet) => ({
    name: `${sheet.community}${sheet.grid === null ? '' : `-${sheet.grid}`}`,
    title: `${year ?? ''}年${Number(month)}月 务工收入回访表 — ${sheet.community}${sheet.grid === null ? '' : ` ${sheet.grid}`}（乡镇 ${sheet.townshipCode}）`,
    columns: [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '就业单位', width: 24 },
      { header: '工作地点', width: 10 },
      { header: '上岗日期', width: 12 },
      { header: '约定月薪（元）', width: 14 },
      { header: '回访月份', width: 10 },
      { header: '本月收入（元）', width: 16 },
      { header: '是否在岗', width: 10 },
      { header: '网格员签名', width: 12 },
      { header: '备注', width: 16 },
    ],
    rows: sheet.lines.map((line, index) => [
      index + 1,
      line.resident,
      line.employer,
      line.countyCode,
      line.startedOn,
      line.monthlyWage,
      sheets.month,
      null,
      null,
      null,
      line.recorded ? '系统已录入' : null,
    ]),
  }));
  return writeWorkbook(
    specs.length > 0
      ? specs
      : [
          {
            name: '回访表',
            title: `${sheets.month} 无需回访的就业记录`,
            columns: [{ header: '说明', width: 30 }],
            rows: [],
          },
        ],
  );
}

export const followUpSheetRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/followups/sheets',
    permission: 'followups:read',
    tag: 'followups',
    summary:
      'Paper follow-up sheets for grid workers: one per grid, residents masked, a blank income column (JSON, or xlsx to print; audited)',
    body: FollowUpSheetRequest,
    response: FollowUpSheets,
    download: XLSX_TYPE,
    // An export with a reason on the record each time, like the resident export.
    idempotent: false,
    audit: 'export',
    async handle({ body, principal, services, req }) {
      const sheets = await followUpSheets(services, principal, body);
      await services.audit.append(
        auditEntryFor(
          principal,
          'export',
          `followup-sheets:${body.month}:${sheets.total}`,
          'allowed',
          body.reason,
        ),
      );
      if (!wantsXlsx(req, body.format)) return sheets;
      return {
        filename: `务工收入回访表-${body.month}.xlsx`,
        body: await followUpWorkbook(sheets),
      };
    },
  }),
];
