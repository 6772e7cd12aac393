/**
 * Where the project's parts are: the root, the talk and the interview, the deck's folders, the files
 * under a folder. Light on purpose (`npm start` loads it on every start): what reads the talk is
 * lib/deck.ts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = fileURLToPath(new URL('..', import.meta.url))
export const slidesPath = join(projectRoot, 'slides.md')
export const interviewPath = join(projectRoot, 'content', 'interview.md')

/**
 * The deck's code, by folder: Slidev's own (components, layouts, setup, styles, pages, snippets) and
 * the project's that the app imports (the components' logic in composables/, which Slidev would take
 * for components in components/, the print pages in handout/, the typed facts in data/). The
 * checker reads them for addresses and files, the lean build for the features they use, and all
 * of them go into a build's content key.
 */
export const deckFolders = [
  'components',
  'composables',
  'layouts',
  'setup',
  'styles',
  'pages',
  'snippets',
  'handout',
  'data',
] as const

/** Every file in the deck's folders under `root` whose name ends with one of `extensions`. */
export function listDeckFolders(root: string, extensions: readonly string[]): string[] {
  return deckFolders.flatMap(folder => listFiles(join(root, folder), { extensions }))
}

/** A Markdown code block that asks for TwoSlash's type information. */
export const twoslashBlock = /```[^\n]*\btwoslash\b/

/** `path` relative to `from`, with `/` between folders on every system. */
export function relativePath(from: string, path: string): string {
  return relative(from, path).replaceAll('\\', '/')
}

export interface ListOptions {
  /** keep only files whose name ends with one of these (e.g. `.vue`) */
  extensions?: readonly string[]
  /** folder names not to descend into */
  skip?: readonly string[]
}

/** Every file below `dir` (following links to files), sorted; none when `dir` does not exist. */
export function listFiles(dir: string, { extensions, skip = ['node_modules'] }: ListOptions = {}): string[] {
  if (!existsSync(dir))
    return []
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        return skip.includes(entry.name)
          ? []
          : listFiles(path, { extensions, skip })
      }
      const isFile = entry.isFile() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile())
      return isFile && (!extensions || extensions.some(extension => entry.name.endsWith(extension)))
        ? [path]
        : []
    })
}
