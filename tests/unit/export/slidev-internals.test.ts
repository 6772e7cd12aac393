// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The export's print pages (handout/*.vue) and lib/export.ts use Slidev internals that are not
// public API. The version is pinned; these checks fail loudly if an upgrade moves any of them.
const require = createRequire(import.meta.url)
const client = dirname(require.resolve('@slidev/client/package.json'))
const source = (path: string) => readFileSync(join(client, path), 'utf8')

describe('the Slidev internals the export relies on', () => {
  it('is Slidev 52.20.1, as pinned', () => {
    expect(JSON.parse(source('package.json')).version).toBe('52.20.1')
    expect(require('@slidev/cli/package.json').version).toBe('52.20.1')
  })

  it('renders one print slide from a fixed nav (internals/PrintSlideClick.vue)', () => {
    expect(source('internals/PrintSlideClick.vue')).toMatch(/defineProps<\{\s*nav: SlidevContextNav\s*\}>/)
    expect(source('composables/useNav.ts')).toMatch(/export function useFixedNav\(\s*currentSlideRoute: SlideRoute,\s*clicksContext: ClicksContext,/)
    expect(source('composables/useClicks.ts')).toContain('export function createFixedClicks(')
    expect(source('constants.ts')).toMatch(/export const CLICKS_MAX = /)
    expect(source('constants.ts')).toMatch(/export const injectionSlideScale = /)
  })

  it('renders notes from noteHtml (internals/NoteDisplay.vue) with click marks the handout hides', () => {
    const noteDisplay = source('internals/NoteDisplay.vue')
    expect(noteDisplay).toContain('noteHtml?: string')
    expect(noteDisplay).toContain('const CLASS_MARKER = \'slidev-note-click-mark\'')
  })

  it('shows a loading placeholder until a slide has loaded, which the export waits out', () => {
    expect(source('internals/SlideLoading.vue')).toContain('slidev-slide-loading')
  })

  it('serves each slide as the virtual module /@slidev/slides/<no>/md, which lib/export-server.ts warms up', () => {
    const dist = join(dirname(require.resolve('@slidev/cli/package.json')), 'dist')
    const chunks = readdirSync(dist).filter(name => name.endsWith('.mjs')).map(name => readFileSync(join(dist, name), 'utf8'))
    expect(chunks.some(chunk => chunk.includes('const VIRTUAL_SLIDE_PREFIX = "/@slidev/slides/"'))).toBe(true)
    expect(chunks.some(chunk => chunk.includes(['await import(\'$', '{VIRTUAL_SLIDE_PREFIX}$', '{no}/md\')'].join('')))).toBe(true)
  })

  it('adds routes from setup/routes.ts and knows print mode from the ?print query', () => {
    expect(source('setup/routes.ts')).toContain('setups.reduce((routes, setup) => setup(routes), routes)')
    expect(source('composables/useNav.ts')).toContain('query.value.has(\'print\')')
  })
})
