/**
 * A deck directory read the way Slidev reads it (`@slidev/parser`), turned into the facts the
 * checker's rules look at: per slide its quotes, notes, images, URLs and component tags; for the
 * deck its code files, public files, and the layouts and components it can use.
 */
import type { SlideInfo } from '@slidev/types'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, extname, join, relative, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { listDeckFolders, listFiles, projectRoot } from '../project.ts'

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

const vueBuiltinComponents = [
  'Component',
  'KeepAlive',
  'RouterLink',
  'RouterView',
  'Suspense',
  'Teleport',
  'Transition',
  'TransitionGroup',
]
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
    publicFiles: new Set(listFiles(join(dir, 'public')).map(path => `/${relative(join(dir, 'public'), path).replaceAll('\\', '/')}`)),
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
  const frontmatterErrors = describeFrontmatterErrors(source, relative(dir, source.filepath).replaceAll('\\', '/'))
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
    urls: locate(source.raw, firstLine, extractUrls),
    publicPaths: uniqueValues([
      ...locate(source.raw, firstLine, extractPublicPaths),
      ...frontmatterPublicPaths(frontmatter, firstLine),
    ]),
    unclosedComments: findUnclosedComments(source.raw, firstLine),
    file: relative(dir, source.filepath).replaceAll('\\', '/'),
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
    const looksLikeMarkdown = /^\s*(?:[#><]|!\[)/m.test(source.frontmatterRaw ?? '')
    return [`${reason} (line ${line} of ${file})${more.length > 0
      ? `, and ${more.length} more YAML error${more.length > 1
        ? 's'
        : ''}`
      : ''}${looksLikeMarkdown ? '; the block holds markdown: is its closing "---" missing?' : ''}`]
  }
  return doc.contents && !isRecord(doc.toJSON())
    ? ['the frontmatter is not a list of `key: value` pairs']
    : []
}

// --- text ---------------------------------------------------------------------------------

const htmlEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: '\'',
  nbsp: ' ',
  hellip: '…',
}

/** Markdown/HTML reduced to the words a reader sees. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|[*`]/g, '')
    .replace(/&(\w+);/g, (entity, name: string) => htmlEntities[name] ?? entity)
    .replace(/\s+/g, ' ')
    .trim()
}

function extractQuotes(content: string, slideAnswer: unknown): DeckQuote[] {
  const quotes: DeckQuote[] = []
  const withoutSourceQuotes = content.replace(/<SourceQuote\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/SourceQuote>/g, (_, attributes: string, body: string) => {
    const parsed = parseAttributes(attributes)
    quotes.push({
      text: plainText(body),
      answer: parsed[':answer'] ?? parsed.answer,
      via: 'SourceQuote',
    })
    return ''
  })
  // a `<SourceQuote … />` without a body renders an empty quote
  for (const [, attributes] of withoutSourceQuotes.matchAll(/<SourceQuote\b((?:[^>"']|"[^"]*"|'[^']*')*)\/>/g)) {
    const parsed = parseAttributes(attributes!)
    quotes.push({ text: '', answer: parsed[':answer'] ?? parsed.answer, via: 'SourceQuote' })
  }
  const withoutCode = withoutSourceQuotes.replace(/^```[\s\S]+?^```/gm, '')
  for (const [, body] of withoutCode.matchAll(/<blockquote\b[^>]*>([\s\S]*?)<\/blockquote>/g)) {
    quotes.push({
      text: plainText(body!),
      answer: slideAnswer,
      via: 'blockquote',
    })
  }
  for (const [block] of withoutCode.matchAll(/^ {0,3}>.*(?:\n {0,3}>.*)*/gm)) {
    const text = plainText(block.replace(/^ {0,3}> ?/gm, ''))
    // a lone `>` closing a multi-line HTML tag is not a quote
    if (text)
      quotes.push({ text, answer: slideAnswer, via: 'blockquote' })
  }
  return quotes
}

function extractImages(content: string): DeckImage[] {
  const images: DeckImage[] = []
  for (const [, alt, src] of content.matchAll(/!\[([^\]]*)\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    images.push({ src: src!, alt: alt!.trim() || undefined, decorative: false })
  for (const [, attributeText] of content.matchAll(/<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attributes = parseAttributes(attributeText!)
    const alt = attributes.alt ?? attributes[':alt']
    images.push({
      src: attributes.src ?? attributes[':src'] ?? '',
      alt: alt?.trim() || undefined,
      decorative: alt === '' && (attributes.role === 'presentation' || attributes['aria-hidden'] === 'true'),
    })
  }
  return images
}

function extractComponents(content: string): ComponentUse[] {
  return [
    ...content.matchAll(/<([A-Z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g),
  ]
    .map(([, name, attributes]) => ({
      name: name!,
      attributes: parseAttributes(attributes!),
    }))
}

export function parseAttributes(attributeText: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const [, name, doubleQuoted, singleQuoted] of attributeText.matchAll(/([:@#]?[\w.:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g))
    attributes[name!] = doubleQuoted ?? singleQuoted ?? ''
  return attributes
}

/** The string values an attribute names: `'a'` in `:ids="['a', 'b']"`, or the plain value. */
export function attributeStrings(value: string): string[] {
  const literals = [
    ...value.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g),
  ].map(match => match[1] ?? match[2] ?? match[3] ?? '')
  return literals.length > 0
    ? literals
    : value.split(/\s+/).filter(Boolean)
}

// --- references ---------------------------------------------------------------------------

/** `http(s)://…` URLs in a line of text. */
export function extractUrls(text: string): string[] {
  return [
    ...text.matchAll(/https?:\/\/[^\s"'`<>()[\]{}]+/g),
  ].map(([url]) => url.replace(/[.,;:]+$/, ''))
}

/** Root-relative file paths (`/favicon.svg`) that Slidev would serve from `public/`. */
export function extractPublicPaths(text: string): string[] {
  const candidates = [
    ...text.matchAll(/\]\(\s*<?(\/[^)\s>]+)/g),
    ...text.matchAll(/\b(?:src|href|poster|image|background|favicon)\s*[=:]\s*["']?(\/[^"'\s>)]+)/g),
    ...text.matchAll(/url\(\s*["']?(\/[^"')]+)/g),
  ].map(match => match[1]!.replace(/[?#].*$/, ''))
  return [
    ...new Set(candidates.filter(isFilePath)),
  ]
}

function frontmatterPublicPaths(frontmatter: Record<string, unknown>, line: number): Located[] {
  return Object.values(frontmatter)
    .filter((value): value is string => typeof value === 'string' && isFilePath(value))
    .map(value => ({ value, line }))
}

/** `/x.png` yes; `//cdn…`, `/presenter` (a route) and `/@fs/…` no. */
function isFilePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/@') && /\.\w{1,5}$/.test(path)
}

function uniqueValues(found: readonly Located[]): Located[] {
  return found.filter((item, index) => found.findIndex(other => other.value === item.value) === index)
}

function locate(text: string, firstLine: number, extract: (line: string) => string[]): Located[] {
  return text.split(/\r?\n/).flatMap((line, index) => extract(line).map(value => ({ value, line: firstLine + index })))
}

/**
 * `<!--` that no `-->` closes. Slidev's parser then reads everything up to the next `-->` as a
 * comment, so the following slide's separator is swallowed and two slides become one: in that
 * case the merged slide holds a second `<!--` before the first is closed.
 */
function findUnclosedComments(raw: string, firstLine: number): Located[] {
  const unclosed: Located[] = []
  let open: Located | undefined
  let inCode = false
  raw.split(/\r?\n/).forEach((line, index) => {
    if (!open && /^\s*```/.test(line)) {
      inCode = !inCode
      return
    }
    if (inCode)
      return
    for (const [token] of line.matchAll(/<!--|-->/g)) {
      if (token === '-->') {
        open = undefined
      }
      else {
        if (open)
          unclosed.push(open)
        open = {
          value: line.trim(),
          line: firstLine + index,
        }
      }
    }
  })
  if (open)
    unclosed.push(open)
  return unclosed
}

// --- files --------------------------------------------------------------------------------

/** The deck's code folders plus root-level Vue files such as `slide-bottom.vue` and `global-top.vue`. */
function listCodeFiles(dir: string): string[] {
  const rootFiles = readdirSync(dir).filter(name => name.endsWith('.vue') || name === 'index.html').map(name => join(dir, name))
  return [
    ...rootFiles,
    ...listDeckFolders(dir, codeExtensions),
  ]
}

function readCodeFile(dir: string, path: string): DeckCodeFile {
  const text = readFileSync(path, 'utf8')
  return {
    path: relative(dir, path).replaceAll('\\', '/'),
    urls: locate(text, 1, extractUrls),
    publicPaths: locate(text, 1, extractPublicPaths),
  }
}

/** The directory of an installed package, resolved from the deck first, then from the checker. */
function packageDir(name: string, deckDir: string): string | undefined {
  for (const from of [
    join(deckDir, 'package.json'),
    import.meta.url,
  ]) {
    try {
      return resolve(createRequire(from).resolve(`${name}/package.json`), '..')
    }
    catch {}
  }
  return undefined
}

function themePackage(theme: unknown): string | undefined {
  if (typeof theme !== 'string' || theme === 'none' || theme.startsWith('.') || theme.startsWith('/'))
    return undefined
  return theme.startsWith('@') || theme.startsWith('slidev-theme-')
    ? theme
    : `@slidev/theme-${theme}`
}

function vueNames(dir: string | undefined, extensions = ['.vue']): string[] {
  return dir
    ? listFiles(dir, { extensions }).map(path => basename(path, extname(path)))
    : []
}

/** Where Slidev's client and the deck's theme are installed, as seen from the deck. */
function slidevPackageDirs(dir: string, theme: unknown) {
  const themeName = themePackage(theme ?? 'default')
  return {
    client: packageDir('@slidev/client', dir),
    themeDir: themeName
      ? packageDir(themeName, dir)
      : undefined,
  }
}

/** Slidev's built-in layouts, the theme's, and the deck's own `layouts/`. */
function availableLayouts(dir: string, theme: unknown): Set<string> {
  const { client, themeDir } = slidevPackageDirs(dir, theme)
  return new Set([
    ...vueNames(client && join(client, 'layouts')),
    ...vueNames(themeDir && join(themeDir, 'layouts')),
    ...vueNames(join(dir, 'layouts')),
  ])
}

/** Components a slide can use without importing: Vue's, Slidev's built-ins, the theme's, the deck's. */
function availableComponents(dir: string, theme: unknown): Set<string> {
  const { client, themeDir } = slidevPackageDirs(dir, theme)
  return new Set([
    ...vueBuiltinComponents,
    ...vueNames(client && join(client, 'builtin'), ['.vue', '.ts']),
    ...vueNames(themeDir && join(themeDir, 'components')),
    ...vueNames(join(dir, 'components')),
  ])
}

function installedIconCollections(dir: string): string[] {
  const collections = [dir, projectRoot].flatMap((root) => {
    const iconify = join(root, 'node_modules', '@iconify-json')
    return existsSync(iconify)
      ? readdirSync(iconify)
      : []
  })
  return [
    ...new Set(collections),
  ]
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
