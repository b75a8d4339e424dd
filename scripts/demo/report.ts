// The KPI report as a text table for the terminal: one line a figure, one column a period.
import type { KpiReport } from '@anju/shared';

type Line = readonly [label: string, english: string, value: (report: KpiReport) => number | null];

const LINES: readonly Line[] = [
  ['安置社区（个）', 'resettlement communities', (r) => r.communities],
  ['搬迁户数（户）', 'households', (r) => r.households.total],
  ['　其中建档立卡户', '  registered poor', (r) => r.households.registeredPoor],
  ['　　　同步搬迁户', '  relocated alongside', (r) => r.households.relocatedAlongside],
  ['搬迁人口（人）', 'residents', (r) => r.residents.total],
  ['　其中建档立卡人口', '  registered poor', (r) => r.residents.registeredPoor],
  ['　　　同步搬迁人口', '  relocated alongside', (r) => r.residents.relocatedAlongside],
  ['举办招聘会（场）', 'job fairs held', (r) => r.fairsHeld],
  ['用工企业（家）', 'employers', (r) => r.employers],
  ['岗位（个）', 'openings', (r) => r.openings],
  ['　招聘人数（人）', '  positions (headcount)', (r) => r.positions],
  ['达成就业意向（人）', 'intents reached at fairs', (r) => r.intents],
  ['招聘会录用（人）', 'hires at fairs', (r) => r.hires],
  ['举办培训班（期）', 'training classes', (r) => r.classes],
  ['培训结业（人）', 'residents trained', (r) => r.trained],
  ['取得证书（人）', 'residents certified', (r) => r.certified],
  ['实现就业（人）', 'placements', (r) => r.placements.total],
  ['　家门口就业', '  near home (home county)', (r) => r.placements.nearHome],
  ['　　其中帮扶车间', '    assistance workshops', (r) => r.placements.assistanceWorkshop],
  ['　　其中公益性岗位', '    public-welfare posts', (r) => r.placements.publicWelfare],
  ['　省内县外就业', '  elsewhere in the province', (r) => r.placements.inProvince],
  ['　跨省劳务协作', '  cross-province', (r) => r.placements.crossProvince],
  ['收入对比人数（人）', 'placed, income before and after', (r) => r.income.residents],
  ['就业前月均收入（元）', 'monthly income before', (r) => r.income.averageBefore],
  ['就业后月均收入（元）', 'monthly income after', (r) => r.income.averageAfter],
  ['月均增收（元）', 'average monthly income gain', (r) => r.income.averageChange],
];

/** Terminal columns a text takes: CJK and full-width characters take two. */
function width(text: string): number {
  let columns = 0;
  for (const char of text)
    columns +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return columns;
}

const padEnd = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - width(text)));
const padStart = (text: string, columns: number) => ' '.repeat(Math.max(0, columns - width(text))) + text;

function shown(value: number | null): string {
  if (value === null) return '—';
  return Number.isInteger(value)
    ? value.toLocaleString('en')
    : value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The reports side by side, headed by their periods (a whole calendar year shows as the year). */
export function kpiTable(reports: readonly KpiReport[]): string {
  const heads = reports.map(({ period }) =>
    period.from.endsWith('-01-01') && period.to === `${period.from.slice(0, 4)}-12-31`
      ? period.from.slice(0, 4)
      : `${period.from} … ${period.to}`,
  );
  const label = Math.max(...LINES.map(([zh]) => width(zh)));
  const english = Math.max(...LINES.map(([, en]) => en.length));
  const columns = heads.map((head, i) =>
    Math.max(width(head), ...LINES.map(([, , value]) => shown(value(reports[i] as KpiReport)).length)),
  );
  const rule = `  ${'─'.repeat(label + english + 4 + columns.reduce((sum, c) => sum + c + 3, 0))}`;
  const out = [
    `  ${padEnd('指标', label)}  ${padEnd('figure', english)}  ${heads.map((head, i) => ` ${padStart(head, columns[i] ?? 0)} `).join('')}`,
    rule,
  ];
  for (const [zh, en, value] of LINES)
    out.push(
      `  ${padEnd(zh, label)}  ${padEnd(en, english)}  ${reports.map((report, i) => ` ${padStart(shown(value(report)), columns[i] ?? 0)} `).join('')}`,
    );
  out.push(rule);
  return out.join('\n');
}
