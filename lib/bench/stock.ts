/** Stock Slidev on the same deck: the yardstick every benchmark compares against. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import process from 'node:process'
import { runCommand } from '../process.ts'
import { projectRoot, slidesPath } from '../project.ts'

/** Headmatter keys that make a stock deck differ from Slidev's defaults. */
const nonStockHeadmatter = [/^ {2}provider: none\n/m, /^favicon: .*\n/m, /^(?:#.*\n)?twoslash: .*\n/m]

/** The deck's own components, which a stock project does not have (`<FactSources />` would even read as an icon). */
const deckComponentTag = /<[A-Z]\w*(?:\s[^>]*)?\/>/g

/** The deck's Markdown with the headmatter lines and components that are ours rather than Slidev's removed. */
export function stockSlides(source: string): string {
  return nonStockHeadmatter.reduce((text, line) => text.replace(line, ''), source).replace(deckComponentTag, '')
}

/**
 * A folder holding only the deck's Markdown (no components, layouts, styles, setup or Vite config),
 * with Slidev's default headmatter and the project's packages, as a new Slidev project would be.
 * Returns the path of Slidev's CLI to run in it.
 */
export function prepareStock(folder: string): string {
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'slides.md'), stockSlides(readFileSync(slidesPath, 'utf8')))
  // the project's packages, each linked, in a node_modules of the folder's own: Vite keeps its
  // cache of pre-bundled dependencies there (node_modules/.vite), apart from the project's
  mkdirSync(join(folder, 'node_modules'))
  for (const name of readdirSync(join(projectRoot, 'node_modules')).filter(name => !name.startsWith('.')))
    symlinkSync(join(projectRoot, 'node_modules', name), join(folder, 'node_modules', name))
  return join(folder, 'node_modules/@slidev/cli/bin/slidev.mjs')
}

/**
 * Builds the deck's slides.md the way a new Slidev project would: a folder holding only the
 * Markdown, in a folder of its own (see `prepareStock`).
 */
export async function buildStock(folder: string): Promise<string> {
  const slidev = prepareStock(folder)
  await runCommand(process.execPath, [
    slidev,
    'build',
    'slides.md',
    '--out',
    'dist',
  ], { cwd: folder })
  return join(folder, 'dist')
}

/**
 * The environment in which stock `slidev export` finds Playwright: it imports `playwright-chromium`,
 * which this project leaves out (its install script downloads a browser; playwright-core does the
 * export's work). The same release is installed once, without its script, as a global package of
 * a prefix of the bench's own, where Slidev looks for global packages.
 */
export async function stockExportEnv(): Promise<NodeJS.ProcessEnv> {
  const prefix = join(projectRoot, '.tmp/stock-playwright')
  // the latest release of the same minor line (playwright-chromium skips some of playwright-core's)
  const { version } = createRequire(import.meta.url)('playwright-core/package.json') as { version: string }
  const line = version.split('.').slice(0, 2).join('.')
  const installed = join(prefix, 'lib/node_modules/playwright-chromium/package.json')
  if (!existsSync(installed) || !JSON.parse(readFileSync(installed, 'utf8')).version.startsWith(`${line}.`)) {
    await runCommand('npm', [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `playwright-chromium@~${line}.0`,
    ], { cwd: projectRoot })
  }
  return { ...process.env, npm_config_prefix: prefix }
}
