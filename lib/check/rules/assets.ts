/**
 * Rules on assets and URLs: images with alt text, files that exist under `public/`, no third-party hosts.
 */
import type { Deck, Located } from '../load-deck.ts'
import type { Rule } from './shared.ts'
import { onSlide } from './shared.ts'

/** `image-alt`: every image has alt text, or is marked decorative. */
export const imageWithoutAlt: Rule = ({ deck }) => deck.slides.flatMap(slide => slide.images
  .filter(image => !image.alt && !image.decorative)
  .map(image => onSlide(slide, 'image-alt', `the image ${image.src || '(without src)'} has no alt text`)))

function missingIn(deck: Deck, paths: readonly Located[]) {
  return paths.filter(path => !deck.publicFiles.has(safeDecode(path.value)))
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path)
  }
  catch {
    return path
  }
}

/** `public-file`: every root-relative path a slide or code file uses is a file in `public/`. */
export const missingPublicFile: Rule = ({ deck }) => [
  ...deck.slides.flatMap(slide => missingIn(deck, slide.publicPaths)
    .map(path => onSlide(slide, 'public-file', `"${path.value}" (line ${path.line} of ${slide.file}) is not a file in public/`))),
  ...deck.codeFiles.flatMap(file => missingIn(deck, file.publicPaths)
    .map(path => ({
      file: file.path,
      line: path.line,
      rule: 'public-file' as const,
      message: `"${path.value}" is not a file in public/`,
    }))),
]

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]'])
// XML namespace names look like URLs but are never fetched
const namespaceUrls = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/XML/1998/namespace',
])

function foreignHost(url: string): string | undefined {
  if (namespaceUrls.has(url))
    return undefined
  try {
    const { hostname } = new URL(url)
    return localHosts.has(hostname)
      ? undefined
      : hostname
  }
  catch {
    return url
  }
}

/** `third-party-url`: no URL to another host, in slides or code: the deck works offline. */
export const thirdPartyUrl: Rule = ({ deck }) => [
  ...deck.slides.flatMap(slide => slide.urls
    .filter(url => foreignHost(url.value))
    .map(url => onSlide(slide, 'third-party-url', `${url.value} (line ${url.line} of ${slide.file}) points to another host, ${foreignHost(url.value)}: the deck must make no third-party requests`))),
  ...deck.codeFiles.flatMap(file => file.urls
    .filter(url => foreignHost(url.value))
    .map(url => ({
      file: file.path,
      line: url.line,
      rule: 'third-party-url' as const,
      message: `${url.value} points to another host, ${foreignHost(url.value)}: the deck must make no third-party requests`,
    }))),
]
