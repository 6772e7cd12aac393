/**
 * A PowerPoint file as a real office suite lays it out: LibreOffice Impress converts it to PDF
 * headless, with the deck's fonts installed for it or without them, and Poppler's `pdftotext
 * -bbox-layout` reads back where every word landed. The tests and `npm run bench:export -- --pptx`
 * judge a PowerPoint file by it: words of two lines on top of each other, words off the page.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, delimiter, join } from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { trueTypeFaces } from './fonts.ts'
import { all, parseXml, rootOf } from './read.ts'

const run = promisify(execFile)

/** LibreOffice's command: BRIEFING_SOFFICE, or soffice / libreoffice on the PATH. */
export function libreOffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BRIEFING_SOFFICE)
    return env.BRIEFING_SOFFICE
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      if (dir && existsSync(join(dir, name)))
        return join(dir, name)
    }
  }
  return undefined
}

/**
 * The PDF LibreOffice makes of `pptx`, in a profile and a home of its own (so that conversions can
 * run side by side): `fonts` installs the deck's fonts where fontconfig finds a user's; without it,
 * LibreOffice sets the text in what the machine has (it does not read a file's embedded fonts).
 */
export async function convertWithLibreOffice(pptx: string, { fonts }: { fonts: boolean }): Promise<Uint8Array> {
  const soffice = libreOffice()
  if (!soffice)
    throw new Error('LibreOffice is not installed (Debian: apt-get install libreoffice-impress-nogui)')
  const work = await mkdtemp(join(tmpdir(), 'briefing-office-'))
  try {
    const data = join(work, 'data')
    if (fonts) {
      await mkdir(join(data, 'fonts'), { recursive: true })
      for (const face of await trueTypeFaces())
        await writeFile(join(data, 'fonts', face.fileName), face.ttf)
    }
    await run(soffice, [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      pptx,
    ], {
      env: {
        ...process.env,
        HOME: work,
        XDG_DATA_HOME: data,
        XDG_CACHE_HOME: join(work, 'cache'),
        XDG_CONFIG_HOME: join(work, 'config'),
      },
      timeout: 180_000,
    })
    const pdf = join(work, basename(pptx).replace(/\.pptx$/, '.pdf'))
    if (!existsSync(pdf))
      throw new Error(`LibreOffice wrote no PDF of ${pptx}`)
    return await readFile(pdf)
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}

export interface PlacedWord {
  text: string
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface RenderedPage {
  width: number
  height: number
  words: PlacedWord[]
  /** the page's words in reading order, joined by spaces */
  text: string
}

/** Every page's words and where they are (pdftotext -bbox-layout), in PDF points. */
export async function renderedPages(pdf: Uint8Array): Promise<RenderedPage[]> {
  const work = await mkdtemp(join(tmpdir(), 'briefing-bbox-'))
  try {
    await writeFile(join(work, 'rendered.pdf'), pdf)
    const { stdout } = await run('pdftotext', [
      '-bbox-layout',
      join(work, 'rendered.pdf'),
      '-',
    ], { maxBuffer: 64 * 1024 * 1024 })
    const xhtml = 'http://www.w3.org/1999/xhtml'
    return all(rootOf(parseXml(stdout)), xhtml, 'page').map((page) => {
      const words: PlacedWord[] = []
      for (const word of all(page, xhtml, 'word')) {
        const at = (name: string) => Number(word.getAttribute(name))
        words.push({
          text: word.textContent ?? '',
          x0: at('xMin'),
          y0: at('yMin'),
          x1: at('xMax'),
          y1: at('yMax'),
        })
      }
      return {
        width: Number(page.getAttribute('width')),
        height: Number(page.getAttribute('height')),
        words,
        text: words.map(word => word.text).join(' '),
      }
    })
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * Words drawn over each other: their boxes share more than a third of the shorter one's height and
 * more than a point of width (lines that merely touch, as tight leading makes them, do not count).
 * A mark without a letter or digit is left out: the quote's “ is set large in a box shorter than its
 * line (layouts/quote.vue), over the first line's box, in the deck itself.
 */
export function overlappingWords(page: RenderedPage): [PlacedWord, PlacedWord][] {
  const pairs: [PlacedWord, PlacedWord][] = []
  const words = page.words.filter(word => /[\p{L}\p{N}]/u.test(word.text))
  for (const [index, word] of words.entries()) {
    for (const other of words.slice(index + 1)) {
      const height = Math.min(word.y1, other.y1) - Math.max(word.y0, other.y0)
      const width = Math.min(word.x1, other.x1) - Math.max(word.x0, other.x0)
      if (width > 1 && height > Math.min(word.y1 - word.y0, other.y1 - other.y0) / 3)
        pairs.push([word, other])
    }
  }
  return pairs
}

/** Words that reach past the page's edge. */
export function wordsOffPage(page: RenderedPage): PlacedWord[] {
  return page.words.filter(word => word.x0 < -0.5 || word.y0 < -0.5 || word.x1 > page.width + 0.5 || word.y1 > page.height + 0.5)
}
