/**
 * Speaker notes must not reach the public build: one phrase per note to search for, and the search.
 */
import type { SlidevMarkdown } from '@slidev/types'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { readDeck } from '../deck.ts'
import { listFiles, projectRoot } from '../project.ts'

/** Text the public build is allowed to contain: a note phrase found here is not proof of a leak. */
const publicSourceDirs = [
  'content',
  'data',
  'components',
  'layouts',
]

const phraseWords = 6

export interface NotePhrase {
  /** 1-based slide number */
  slide: number
  phrase: string
}

export interface LeakedNote extends NotePhrase {
  file: string
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ')
}

/** Everything a reader of the public deck may legitimately see: slide content, frontmatter, bundled sources. */
function publicText(deck: SlidevMarkdown, root: string): string {
  const slides = deck.slides.map(slide => `${slide.frontmatterRaw ?? ''}\n${slide.content}`)
  const sources = publicSourceDirs.flatMap(dir => listFiles(join(root, dir)).map(path => readFileSync(path, 'utf8')))
  return normalize([
    ...slides,
    ...sources,
  ].join('\n'))
}

/**
 * One phrase per note that exists only in that note: six plain words from one line, so Markdown
 * rendering, HTML escaping and minification cannot change it, and absent from the slides and the
 * bundled sources, so finding it in a build means the note itself was shipped.
 */
export function notePhrases(deck: SlidevMarkdown = readDeck(), root = projectRoot): NotePhrase[] {
  const allowed = publicText(deck, root)
  const phrases: NotePhrase[] = []
  deck.slides.forEach((slide, index) => {
    const note = slide.note?.trim()
    if (!note)
      return
    for (const line of note.split('\n')) {
      const runs = line.split(/[^A-Z\s]+/i).map(run => run.trim().split(/\s+/).filter(Boolean))
      for (const words of runs) {
        for (let start = 0; start + phraseWords <= words.length; start++) {
          const phrase = words.slice(start, start + phraseWords).join(' ')
          if (!allowed.includes(normalize(phrase))) {
            phrases.push({ slide: index + 1, phrase })
            return
          }
        }
      }
    }
    throw new Error(`Slide ${index + 1}: no phrase of ${phraseWords} plain words in its notes is unique to the notes`)
  })
  return phrases
}

/** Every note phrase found in any file under `dir`, with the file it was found in. */
export function findNotePhrases(dir: string, phrases: NotePhrase[]): LeakedNote[] {
  const leaks: LeakedNote[] = []
  for (const path of listFiles(dir)) {
    const text = normalize(readFileSync(path).toString('latin1'))
    for (const note of phrases) {
      if (text.includes(normalize(note.phrase))) {
        leaks.push({
          ...note,
          file: relative(dir, path),
        })
      }
    }
  }
  return leaks
}
