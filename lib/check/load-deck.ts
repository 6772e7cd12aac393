/**
 * A deck directory read the way Slidev reads it (`@slidev/parser`), turned into the facts the
 * checker's rules look at: per slide its quotes, notes, images, URLs and component tags; for the
 * deck its code files, public files, and the layouts and components it can use.
 */
import type { SlideInfo } from '@slidev/types'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { listDeckFolders, listFiles, relativePath } from '../project.ts'
import { codeReferences, slideReferences } from './references.ts'
import { extractComponents, extractImages, extractQuotes, plainText } from './slide-text.ts'
import { availableComponents, availableLayouts, installedIconCollections } from './slidev-install.ts'

/** A string found in a file, with its 1-based line number there. */
export interface Located {
  value: string
  line: number
}

export interface DeckQuote {
  /** the quote's text as the audience reads it (markup removed) */
  text: string
  /** the answer the slide says the quote comes from (`answer:` or `:answer`), as written */
  answer: unknown
  via: 'blockquote' | 'SourceQuote'
}

export interface DeckImage {
  src: string
  alt: string | undefined
  /** marked as decorative (`alt=""` with `role="presentation"` or `aria-hidden="true"`) */
  decorative: boolean
}

export interface ComponentUse {
  name: string
  /** attribute name as written (`id`, `:ids`) → its value */
  attributes: Record<string, string>
}

export interface DeckSlide {
  /** 1-based, as Slidev numbers it */
  number: number
  title: string
  /** the layout Slidev uses: the frontmatter's, else `cover` for the first slide, `default` after */
  layout: string
  frontmatter: Record<string, unknown>
  /** YAML errors in the slide's frontmatter block, one line each */
  frontmatterErrors: string[]
  /** the markdown between frontmatter and notes */
  content: string
  /** the content as plain text, headings left out */
  text: string
  notes: string | undefined
  quotes: DeckQuote[]
  images: DeckImage[]
  components: ComponentUse[]
  urls: Located[]
  /** absolute paths such as `/favicon.svg` that Slidev serves from `public/` */
  publicPaths: Located[]
  /** where a `<!--` opens that no `-->` closes */
  unclosedComments: Located[]
  /** the markdown file the slide is in, relative to the deck directory */
  file: string
  /** 1-based line where the slide starts in that file */
  line: number
}

/** A styles/components/layouts/setup file, reduced to what it references. */
export interface DeckCodeFile {
  path: string
  urls: Located[]
  publicPaths: Located[]
}

export interface Deck {
  dir: string
  headmatter: Record<string, unknown>
  slides: DeckSlide[]
  codeFiles: DeckCodeFile[]
  /** files under public/, as the absolute paths a slide uses for them (`/favicon.svg`) */
  publicFiles: Set<string>
  layouts: Set<string>
  components: Set<string>
  /** installed Iconify sets (`ph`), whose icons Slidev resolves as components (`<PhArrowRight />`) */
  iconCollections: string[]
  /** errors Slidev's loader recorded (e.g. an imported markdown file not found) */
  loadErrors: Located[]
}

export class DeckNotFoundError extends Error {
  override name = 'DeckNotFoundError'
}

const codeExtensions = [
  '.vue',
  '.ts',
  '.js',
  '.mjs',
  '.css',
  '.scss',
  '.postcss',
  '.html',
]

export async function loadDeck(deckDir: string): Promise<Deck> {
  const dir = resolve(deckDir)
  const slidesPath = join(dir, 'slides.md')
  if (!existsSync(slidesPath))
    throw new DeckNotFoundError(`no slides.md in ${dir}`)

  const data = await load({
    roots: [dir],
    userRoot: dir,
    allowedRoots: [dir],
  }, slidesPath)
  // the entry's first block, even when that slide is hidden (load() leaves hidden slides out)
  const headmatter = { ...data.headmatter } as Record<string, unknown>
  const loadErrors = Object.values(data.markdownFiles)
    .flatMap(file => (file.errors ?? []).map(error => ({ value: error.message, line: error.row + 1 })))

  return {
    dir,
    headmatter,
    slides: data.slides.map(slide => readSlide(dir, slide)),
    codeFiles: listCodeFiles(dir).map(path => readCodeFile(dir, path)),
    publicFiles: new Set(listFiles(join(dir, 'public')).map(path => `/${relativePath(join(dir, 'public'), path)}`)),
    layouts: availableLayouts(dir, headmatter.theme),
    components: availableComponents(dir, headmatter.theme),
    iconCollections: installedIconCollections(dir),
    loadErrors,
  }
}

function readSlide(dir: string, slide: SlideInfo): DeckSlide {
  const frontmatter = isRecord(slide.frontmatter)
    ? slide.frontmatter
    : {}
  const source = slide.source
  const firstLine = source.start + 1
  const file = relativePath(dir, source.filepath)
  const frontmatterErrors = describeFrontmatterErrors(source, file)
  const layout = typeof frontmatter.layout === 'string'
    ? frontmatter.layout
    : slide.index === 0
      ? 'cover'
      : 'default'

  return {
    number: slide.index + 1,
    title: slide.title?.trim() || '(untitled)',
    layout,
    frontmatter,
    frontmatterErrors,
    content: slide.content,
    text: plainText(slide.content.replace(/^#{1,6} .*$/gm, '')),
    notes: slide.note?.trim() || undefined,
    quotes: extractQuotes(slide.content, frontmatter.answer),
    images: extractImages(slide.content),
    components: extractComponents(slide.content),
    ...slideReferences(source.raw, firstLine, frontmatter),
    file,
    line: firstLine,
  }
}

/**
 * One line for a broken frontmatter block: YAML's first error at its line in the file. One
 * mistake (often a missing closing `---`, so the slide's markdown is read as YAML) makes many.
 */
function describeFrontmatterErrors(source: SlideInfo['source'], file: string): string[] {
  const doc = source.frontmatterDoc
  if (!doc)
    return []
  const [first, ...more] = doc.errors
  if (first) {
    // the YAML starts on the line after the slide's opening `---`
    const line = source.start + 1 + (first.linePos?.[0].line ?? 1)
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    const moreErrors = more.length === 0
      ? ''
      : `, and ${more.length} more YAML error${more.length > 1
        ? 's'
        : ''}`
    const looksLikeMarkdown = /^\s*(?:[#><]|!\[)/m.test(source.frontmatterRaw ?? '')
    const hint = looksLikeMarkdown
      ? '; the block holds markdown: is its closing "---" missing?'
      : ''
    return [`${reason} (line ${line} of ${file})${moreErrors}${hint}`]
  }
  return doc.contents && !isRecord(doc.toJSON())
    ? ['the frontmatter is not a list of `key: value` pairs']
    : []
}

/** The deck's code folders plus root-level Vue files such as `slide-bottom.vue` and `global-top.vue`. */
function listCodeFiles(dir: string): string[] {
  const rootFiles = readdirSync(dir).filter(name => name.endsWith('.vue') || name === 'index.html').map(name => join(dir, name))
  return [
    ...rootFiles,
    ...listDeckFolders(dir, codeExtensions),
  ]
}

function readCodeFile(dir: string, path: string): DeckCodeFile {
  return {
    path: relativePath(dir, path),
    ...codeReferences(readFileSync(path, 'utf8')),
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
