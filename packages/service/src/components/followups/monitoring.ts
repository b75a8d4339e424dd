// Household income monitoring (防返贫监测) as plain rules, apart from storage and HTTP.

/** One recorded follow-up, as far as a household's income is concerned. */
export interface IncomeRecord {
  readonly residentId: string;
  readonly month: string;
  readonly monthlyIncome: number;
  /** Later recordings of the same month win (a correction). */
  readonly recordedAt: Date;
}

/** Each resident's latest record up to and including `month` (later month first, then later recording). */
export function latestPerResident(
  records: readonly IncomeRecord[],
  month: string,
): Map<string, IncomeRecord> {
  const latest = new Map<string, IncomeRecord>();
  for (const record of records) {
    if (record.month > month) continue;
    const current = latest.get(record.residentId);
    if (
      current === undefined ||
      record.month > current.month ||
      (record.month === current.month && record.recordedAt > current.recordedAt)
    )
      latest.set(record.residentId, record);
  }
  return latest;
}

export interface HouseholdIncome {
  /** The members' latest monthly incomes added up, 元. */
  readonly householdIncome: number;
  readonly householdSize: number;
  /** householdIncome ÷ householdSize, to the fen. */
  readonly perCapitaIncome: number;
  readonly belowLine: boolean;
}

/**
 * A household's monthly income per person against the monitoring line. Members without a recorded
 * follow-up add nothing (their income is not known to be anything); the size counts everyone, dependants too.
 */
export function householdIncome(
  latest: ReadonlyMap<string, IncomeRecord>,
  householdSize: number,
  line: number,
): HouseholdIncome {
  const size = Math.max(1, householdSize);
  let total = 0;
  for (const record of latest.values()) total += record.monthlyIncome;
  const perCapitaIncome = Math.round((total / size) * 100) / 100;
  return { householdIncome: total, householdSize: size, perCapitaIncome, belowLine: perCapitaIncome < line };
}

/** The follow-up period a date falls in and when its visit is due: `dueDay` of the month, at most its last day. */
export function dueOn(month: string, dueDay: number, daysInMonth: number): string {
  return `${month}-${String(Math.min(dueDay, daysInMonth)).padStart(2, '0')}`;
}
