import type { KpiReport } from '@anju/shared';
import { writeWorkbook, type SheetValue } from '../../infra/xlsx.ts';

/** The report's lines as the bureau writes them, with the English name beside each. */
function lines(report: KpiReport): [string, string, SheetValue][] {
  const { households, residents, placements, income } = report;
  return [
    ['安置社区（个）', 'resettlement communities', report.communities],
    ['搬迁户数（户）', 'households', households.total],
    ['　其中：建档立卡户', 'of which registered poor', households.registeredPoor],
    ['　　　　同步搬迁户', 'of which relocated alongside', households.relocatedAlongside],
    ['搬迁人口（人）', 'residents', residents.total],
    ['　其中：建档立卡人口', 'of which registered poor', residents.registeredPoor],
    ['　　　　同步搬迁人口', 'of which relocated alongside', residents.relocatedAlongside],
    ['举办招聘会（场）', 'job fairs held', report.fairsHeld],
    ['用工企业（家）', 'employers', report.employers],
    ['岗位（个）', 'openings', report.openings],
    ['招聘人数（人）', 'positions', report.positions],
    ['达成就业意向（人）', 'intents reached', report.intents],
    ['招聘会录用（人）', 'hires from fairs', report.hires],
    ['举办培训班（期）', 'training classes', report.classes],
    ['培训结业（人）', 'residents trained', report.trained],
    ['取得证书（人）', 'residents certified', report.certified],
    ['实现就业（人）', 'placements', placements.total],
    ['　其中：家门口就业', 'near home (home county)', placements.nearHome],
    ['　　　　其中帮扶车间', 'of which assistance workshops', placements.assistanceWorkshop],
    ['　　　　其中公益性岗位', 'of which public-welfare posts', placements.publicWelfare],
    ['　　　　省内县外就业', 'elsewhere in the province', placements.inProvince],
    ['　　　　跨省劳务协作', 'cross-province', placements.crossProvince],
    ['收入对比人数（人）', 'residents with income before and after', income.residents],
    ['就业前月均收入（元）', 'average monthly income before', income.averageBefore],
    ['就业后月均收入（元）', 'average monthly income after', income.averageAfter],
    ['月均增收（元）', 'average monthly income change', income.averageChange],
  ];
}

/** The KPI report as one printable sheet: a title with the period and scope, then one figure a line. */
export function kpiWorkbook(report: KpiReport): Promise<Buffer> {
  const scope = report.scope.county ? '全县' : `乡镇 ${report.scope.townships.join('、')}`;
  return writeWorkbook([
    {
      name: '就业工作统计',
      title: `易地搬迁群众就业工作统计（${report.period.from} 至 ${report.period.to}，${scope}）`,
      columns: [
        { header: '指标', width: 28 },
        { header: 'Figure', width: 40 },
        { header: '数值', width: 14 },
      ],
      rows: lines(report),
    },
  ]);
}
