import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseInterview } from '../data/source'

export const interviewPath = fileURLToPath(new URL('../content/interview.md', import.meta.url))

/** The parsed interview, for Node scripts and tests. */
export function loadInterview(path = interviewPath) {
  return parseInterview(readFileSync(path, 'utf8'))
}
