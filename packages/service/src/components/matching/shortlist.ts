import ExcelJS from 'exceljs';
import type { MatchExplanation, Shortlist, ShortlistCandidate } from '@anju/shared';
import { Types } from 'mongoose';
import { op } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import type { JobRecordDoc } from '../../infra/jobs/model.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { UNKNOWN_RESIDENT, summariesOf } from '../residents/summaries.ts';
import { explanationView } from './engine.ts';
import type { RecommendationDoc } from './model.ts';
import { FAIR_MATCHING } from './reach.ts';

export const DEFAULT_SHORTLIST_LIMIT = 20;

/** What the printed sheet says besides the rows. */
export interface ShortlistHeading {
  readonly fairTitle: string;
  readonly heldOn: string;
  readonly venue: string;
  readonly boothName: string;
}

/**
 * The fair-matching job a shortlist comes from: the one asked for, else the latest completed one whose
 * residents the caller may see some of (staff: a job over one of their townships or over all).
 */
async function shortlistJob(
  services: Services,
  principal: Principal,
  fairId: Types.ObjectId,
  jobId: string | undefined,
): Promise<JobRecordDoc> {
  const records = services.jobs.records;
  const base = { kind: FAIR_MATCHING, subjectId: fairId, state: 'completed' as const };
  if (jobId !== undefined) {
    const record = await records.findOne({ ...base, _id: new Types.ObjectId(jobId) }).lean<JobRecordDoc>();
    if (record === null)
      throw new AppError('NOT_FOUND', { detail: 'no completed matching job of this fair' });
    return record;
  }
  const reach =
    principal.role === 'staff'
      ? { $or: [{ allTownships: true }, { townshipCodes: op({ $in: [...principal.townships] }) }] }
      : {};
  const record = await records
    .findOne({ ...base, ...reach })
    .sort({ finishedAt: -1 })
    .lean<JobRecordDoc>();
  if (record === null)
    throw new AppError('INVALID_STATE', { detail: 'no completed matching job for this fair yet' });
  return record;
}

/**
 * A booth's shortlist as `principal` may see it: per opening of the booth, the candidates of the
 * matching job (proposed by the allocation first, then by score). Employers get their own booth only and
 * residents who agreed to share only (the scope of `recommendations`), masked for their role.
 */
export async function loadShortlist(
  services: Services,
  principal: Principal,
  ids: { fairId: string; boothId: string },
  options: { jobId?: string | undefined; limit?: number | undefined },
): Promise<{ shortlist: Shortlist; heading: ShortlistHeading }> {
  const fair = await services.scoped('fairs', principal).get(ids.fairId);
  const booth = await services.scoped('booths', principal).findOne({ _id: ids.boothId, fairId: ids.fairId });
  if (booth === null) throw new AppError('NOT_FOUND');
  const job = await shortlistJob(services, principal, fair._id, options.jobId);
  const limit = options.limit ?? DEFAULT_SHORTLIST_LIMIT;
  const openings = services.scoped('openings', principal);
  const recommendations = services.scoped('recommendations', principal);
  const rows: { openingId: Types.ObjectId; title: string; headcount: number; docs: RecommendationDoc[] }[] =
    [];
  for await (const opening of openings.each({ _id: op({ $in: booth.openingIds }) })) {
    const { items } = await recommendations.list(
      { jobId: job._id, openingId: opening._id },
      { page: 1, limit, sort: { proposed: -1, score: -1, rankForOpening: 1 } },
    );
    rows.push({ openingId: opening._id, title: opening.title, headcount: opening.headcount, docs: items });
  }
  const summaries = await summariesOf(
    services,
    rows.flatMap((row) => row.docs.map((doc) => doc.residentId)),
    principal.role,
  );
  const showTownship = principal.role !== 'employer';
  const candidate = (doc: RecommendationDoc): ShortlistCandidate => ({
    resident: summaries.get(doc.residentId.toHexString()) ?? UNKNOWN_RESIDENT(doc.residentId.toHexString()),
    ...(showTownship ? { townshipCode: doc.townshipCode } : {}),
    score: doc.score,
    proposed: doc.proposed,
    ...(doc.rankForOpening === undefined ? {} : { rank: doc.rankForOpening }),
    explanation: explanationView(doc.explanation),
  });
  return {
    shortlist: {
      fairId: fair._id.toHexString(),
      boothId: booth._id.toHexString(),
      jobId: job._id.toHexString(),
      generatedAt: (job.finishedAt ?? job.updatedAt).toISOString(),
      openings: rows.map((row) => ({
        openingId: row.openingId.toHexString(),
        title: row.title,
        headcount: row.headcount,
        candidates: row.docs.map(candidate),
      })),
    },
    heading: { fairTitle: fair.title, heldOn: fair.heldOn, venue: fair.venue, boothName: booth.name },
  };
}

const COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '岗位', key: 'opening', width: 24 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '身份证号', key: 'idNumber', width: 22 },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '匹配分', key: 'score', width: 8 },
  { header: '推荐录用', key: 'proposed', width: 9 },
  { header: '匹配依据', key: 'factors', width: 48 },
  { header: '尚缺技能/证书', key: 'missing', width: 24 },
  { header: '签到', key: 'checkIn', width: 6 },
  { header: '面试结果', key: 'interview', width: 10 },
  { header: '达成意向', key: 'intent', width: 9 },
  { header: '录用', key: 'hire', width: 6 },
] as const;

/** The column headers of the printed shortlist, in order (the last four are filled in by hand at the fair). */
export const SHORTLIST_COLUMNS: readonly string[] = COLUMNS.map((column) => column.header);

/** A skill or licence still missing, with the level asked by name: 焊工（四级/中级工及以上）. */
function missingLabel(item: MatchExplanation['missing'][number]): string {
  return item.levelName === undefined ? item.name : `${item.name}（${item.levelName}及以上）`;
}

/**
 * The shortlist as an Excel sheet staff print for the booth: a title block, then one row per candidate
 * with masked personal data and blank columns for check-in, interview, intent and hire.
 */
export async function shortlistWorkbook(shortlist: Shortlist, heading: ShortlistHeading): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Anju';
  workbook.created = new Date(shortlist.generatedAt);
  const sheet = workbook.addWorksheet('推荐名单', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  sheet.columns = COLUMNS.map(({ key, width }) => ({ key, width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).value = `${heading.fairTitle} · ${heading.boothName} · 推荐面试名单`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  sheet.getCell(2, 1).value =
    `日期 ${heading.heldOn} · 地点 ${heading.venue} · 匹配任务 ${shortlist.jobId} · 生成于 ${shortlist.generatedAt.slice(0, 16).replace('T', ' ')}`;
  const header = sheet.getRow(4);
  header.values = COLUMNS.map((column) => column.header);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.border = { bottom: { style: 'thin' } };
  });
  let n = 0;
  for (const opening of shortlist.openings) {
    for (const candidate of opening.candidates) {
      n += 1;
      sheet.addRow({
        n,
        opening: `${opening.title}（招${opening.headcount}人）`,
        name: candidate.resident.name,
        idNumber: candidate.resident.idNumber,
        phone: candidate.resident.phone ?? '',
        score: candidate.score,
        proposed: candidate.proposed ? '是' : '',
        factors: candidate.explanation.why.join('；'),
        missing: candidate.explanation.missing.map(missingLabel).join('、'),
        checkIn: '',
        interview: '',
        intent: '',
        hire: '',
      });
    }
  }
  if (n === 0) sheet.addRow({ n: '', opening: '（本展位暂无推荐人选）' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
