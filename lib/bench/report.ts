/** How every benchmark prints: rows of figures beside stock's, verdicts against targets, the load. */
import { availableParallelism, loadavg } from 'node:os'

export const loadAverage = () => `${loadavg().map(value => value.toFixed(2)).join(' ')} on ${availableParallelism()} cores`
export const verdict = (met: boolean) => met ? 'met' : 'MISSED'
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** A line of the table: what, ours, stock's, and a note (the ratio, the target, its verdict). */
export function row(name: string, left: string, right: string, note = ''): void {
  console.log(`${name.padEnd(34)}${left.padStart(14)}${right.padStart(14)}  ${note}`)
}
