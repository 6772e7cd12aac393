// @vitest-environment node
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The export's print pages (handout/*.vue), the presenter's pace (components/PresenterPace.vue) and
// the ordered sync (setup/) use Slidev internals that are not public API. The version is pinned;
// these checks fail loudly if an upgrade moves any of them.
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

  it('adds routes from setup/routes.ts and knows print mode from the ?print query', () => {
    expect(source('setup/routes.ts')).toContain('setups.reduce((routes, setup) => setup(routes), routes)')
    expect(source('composables/useNav.ts')).toContain('query.value.has(\'print\')')
  })

  it('lets a sync method replace the built-in one, and says which window moved last (state/syncState.ts, setup/root.ts)', () => {
    const syncState = source('state/syncState.ts')
    expect(syncState).toContain('export function addSyncMethod(sync: Sync)')
    expect(syncState).toContain('export function disableBuiltinSync()')
    expect(syncState).toMatch(/init: <State extends object>\(channelKey: string, onUpdate: \(data: Partial<State>\) => void, state: State, persist\?: boolean\) => SyncWrite<State> \| undefined/)
    const root = source('setup/root.ts')
    expect(root.indexOf('for (const setup of setups)')).toBeLessThan(root.indexOf('initSharedState('))
    expect(root).toContain('if (state.lastUpdate?.type === syncType.value)')
  })

  it('gives the presenter a timer in shared state and a bottom bar with the custom nav controls (pages/presenter.vue)', () => {
    expect(source('composables/useTimer.ts')).toContain('export function useTimer()')
    const presenter = source('pages/presenter.vue')
    expect(presenter).toMatch(/<div ref="bottomSection" class="grid-section bottom flex">\s*<NavControls :persist="true"/)
    expect(presenter).toContain('<TimerInlined />')
    expect(source('internals/NavControls.vue')).toContain('<CustomNavControls />')
  })
})
