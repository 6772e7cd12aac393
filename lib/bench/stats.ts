/** Small figures every benchmark prints. */

export function median(values: number[]): number {
  if (!values.length)
    return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
