/** Lighthouse's scores for a page, from its CLI on the system Chromium, offline. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import process from 'node:process'
import { findBrowser } from '../browser.ts'
import { runCommand } from '../process.ts'
import { projectRoot } from '../project.ts'

const require = createRequire(import.meta.url)

export const lighthouseCategories = [
  'performance',
  'accessibility',
  'best-practices',
  'seo',
] as const
export type LighthouseCategory = typeof lighthouseCategories[number]
export type LighthouseScores = Record<LighthouseCategory, number>

export interface LighthouseResult {
  url: string
  scores: LighthouseScores
  /** audits below a full score, with their scores, for the categories that are not 100 */
  failing: string[]
}

interface LighthouseReport {
  categories: Record<string, { score: number | null, auditRefs: { id: string, weight: number }[] }>
  audits: Record<string, { score: number | null, title: string }>
}

/** Lighthouse's CLI (desktop preset) on the system Chromium, offline. */
export async function runLighthouse(url: string, outFile: string): Promise<LighthouseResult> {
  const cli = join(require.resolve('lighthouse/package.json'), '..', 'cli/index.js')
  await runCommand(process.execPath, [
    cli,
    url,
    '--preset=desktop',
    `--only-categories=${lighthouseCategories.join(',')}`,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
  ], {
    cwd: projectRoot,
    env: { ...process.env, CHROME_PATH: findBrowser().executablePath },
  })
  const report = JSON.parse(readFileSync(outFile, 'utf8')) as LighthouseReport
  const score = (category: LighthouseCategory) => Math.round((report.categories[category]?.score ?? 0) * 100)
  const scores = Object.fromEntries(lighthouseCategories.map(category => [
    category,
    score(category),
  ])) as LighthouseScores
  const failing = lighthouseCategories
    .filter(category => scores[category] < 100)
    .flatMap(category => (report.categories[category]?.auditRefs ?? [])
      .filter(ref => ref.weight > 0 && report.audits[ref.id]?.score !== null && (report.audits[ref.id]?.score ?? 1) < 1)
      .map(ref => `${category}: ${ref.id} (${Math.round((report.audits[ref.id]?.score ?? 0) * 100)})`))
  return { url, scores, failing }
}
