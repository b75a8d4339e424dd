/** The bureau's clock: calendar dates and months are those of Asia/Shanghai (UTC+8, no daylight saving). */
export const BUREAU_TIMEZONE = 'Asia/Shanghai';

const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUREAU_TIMEZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export function bureauDate(instant: Date): string {
  return DATE_FORMAT.format(instant);
}

/** `YYYY-MM` of an instant in Asia/Shanghai. */
export function bureauMonth(instant: Date): string {
  return bureauDate(instant).slice(0, 7);
}

/** The number of days in a `YYYY-MM` month. */
export function daysInMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}
