/**
 * Event dates as ISO strings at the precision the source gives: a year ('2013'), a month
 * ('2014-06') or a day ('2017-10-18'). A coarse date stands for its whole span.
 */

export type DatePrecision = 'year' | 'month' | 'day'

export interface DateSpan {
  precision: DatePrecision
  /** first and last day of the span, as 'YYYY-MM-DD' (so they compare as strings) */
  first: string
  last: string
}

const isoDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The span a date stands for, or undefined when it is not an ISO date or names no real day (2017-02-30). */
export function parseDateSpan(date: string): DateSpan | undefined {
  const match = isoDate.exec(date)
  if (!match)
    return undefined
  const [, yearText, monthText, dayText] = match
  const year = Number(yearText)
  if (monthText === undefined)
    return { precision: 'year', first: `${yearText}-01-01`, last: `${yearText}-12-31` }
  const month = Number(monthText)
  if (month < 1 || month > 12)
    return undefined
  const lastDay = daysInMonth(year, month)
  if (dayText === undefined)
    return { precision: 'month', first: `${yearText}-${monthText}-01`, last: `${yearText}-${monthText}-${pad(lastDay)}` }
  const day = Number(dayText)
  if (day < 1 || day > lastDay)
    return undefined
  return { precision: 'day', first: date, last: date }
}

/** '2017-10-18' → '18 Oct 2017', '2014-06' → 'Jun 2014', '2013' → '2013'; an invalid date is returned as is. */
export function formatDate(date: string): string {
  const span = parseDateSpan(date)
  if (!span)
    return date
  const [year, month, day] = date.split('-')
  const monthName = month === undefined
    ? undefined
    : monthNames[Number(month) - 1]
  if (span.precision === 'year' || !monthName)
    return year!
  if (span.precision === 'month')
    return `${monthName} ${year}`
  return `${Number(day)} ${monthName} ${year}`
}
