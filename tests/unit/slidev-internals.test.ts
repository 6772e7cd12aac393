// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { slidevPptxModule } from '../../lib/export/pptx/slidev.ts'
import { optionalFeatures } from '../../lib/site/optional-features.ts'

// The export's print pages (handout/*.vue), its PowerPoint file (lib/export/pptx/), the presenter's pace (components/PresenterPace.vue),
// the ordered sync (setup/), the lean build and the public build (lib/site/) use Slidev internals
// that are not public API. The version is pinned; these checks fail loudly if an upgrade moves any
// of them, before a build or a talk does.
const require = createRequire(import.meta.url)
const client = dirname(require.resolve('@slidev/client/package.json'))
const cli = dirname(require.resolve('@slidev/cli/package.json'))
const source = (path: string) => readFileSync(join(client, path), 'utf8')
const cliSource = () => readdirSync(join(cli, 'dist')).filter(name => name.endsWith('.mjs')).map(name => readFileSync(join(cli, 'dist', name), 'utf8')).join('\n')
/** every file of Slidev's client (not its own node_modules) */
function clientFiles() {
  return readdirSync(client, { recursive: true, encoding: 'utf8' })
    .filter(path => /\.(?:ts|vue)$/.test(path) && !path.startsWith('node_modules'))
}
/** the names the client imports from a package, over all its files */
function importedNames(specifier: string): string[] {
  const names = new Set<string>()
  for (const path of clientFiles()) {
    for (const [, clause] of source(path).matchAll(new RegExp(`import (?!type )(.+?) from '${specifier.replaceAll('/', '\\/')}'`, 'g'))) {
      for (const name of clause!.replace(/[{}]/g, '').split(',')) {
        names.add(name.trim().startsWith('* as') || !clause!.includes('{')
          ? 'default'
          : name.trim())
      }
    }
  }
  return [...names].sort()
}
/** the names a stub of lib/site/optional-features.ts exports */
function stubExports(specifier: string): string[] {
  const code = optionalFeatures.find(feature => specifier in feature.stubs)!.stubs[specifier]!
  return [
    ...code.matchAll(/export (?:function|const) (\w+)|export (default)/g),
  ].map(match => match[1] ?? match[2]!)
}

describe('the Slidev internals the export relies on', () => {
  it('is Slidev 53.0.0, as pinned', () => {
    expect(JSON.parse(source('package.json')).version).toBe('53.0.0')
    expect(require('@slidev/cli/package.json').version).toBe('53.0.0')
  })

  it('has its editable PowerPoint export in a module of its own (lib/export/pptx/slidev.ts)', async () => {
    const module = slidevPptxModule()
    const code = readFileSync(module, 'utf8')
    // what lib/export/pptx/slidev.ts gives it and reads back
    expect(code).toMatch(/async function exportPptxEditable\(ctx, output\) \{\s*await ctx\.go\("print"\);/)
    expect(code).toContain('containerSelector: ".print-slide-container"')
    for (const read of [
      'ctx.pages',
      'ctx.slides',
      'ctx.width',
      'ctx.height',
      'ctx.page',
    ])
      expect(code).toContain(read)
    for (const reported of [
      'fallbackSlides',
      'imagesDropped',
      'isolationMissed',
      'rastersFailed',
      'unparsedColors',
      'unplaceablePseudos',
    ])
      expect(code).toContain(`${reported}:`)
    // an icon becomes an <img>, whose alt it keeps; a transform or a mask would not be drawn as the page shows it
    expect(code).toContain('if (node.alt) options.altText = node.alt;')
    expect(code).toContain('if (style.transform && style.transform !== "none") return "transform";')
    expect(code).not.toMatch(/mask/i)
    const { exportPptxEditable } = await import(pathToFileURL(module).href) as Record<string, unknown>
    expect(exportPptxEditable).toBeTypeOf('function')
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

describe('the Slidev internals the sync relies on', () => {
  it('shares one nav state whose keys the ordered sync groups into its registers (state/shared.ts)', () => {
    const shared = source('state/shared.ts')
    for (const key of [
      'page: number',
      'clicks: number',
      'clicksTotal: number',
      'timer: {',
      'cursor?: {',
      'lastUpdate?: {',
    ])
      expect(shared).toContain(key)
    expect(shared).toMatch(/lastUpdate\?: \{\s*id: string\s*type: 'presenter' \| 'viewer'\s*time: number\s*\}/)
  })

  it('on the dev server, the state is a server-ref that takes the server\'s copy unless $syncDown is off', () => {
    const serverRef = readFileSync(require.resolve('vite-plugin-vue-server-ref').replace(/index\.\w+$/, 'index.mjs'), 'utf8')
    expect(serverRef).toContain('define(data, \'$syncDown\', true)')
    expect(serverRef).toContain('if (!data.$syncDown ||')
  })

  it('evaluates the deck\'s root setups before the router starts, so setup/root.ts reads the address as opened', () => {
    const main = source('main.ts')
    expect(main).toMatch(/import App from '\.\/App\.vue'/)
    expect(main.indexOf('createApp(App)')).toBeLessThan(main.indexOf('await setupMain(app)'))
    expect(source('App.vue')).toContain('import setupRoot from \'./setup/root\'')
    expect(source('setup/root.ts')).toContain('import setups from \'#slidev/setups/root\'')
  })
})

describe('the Slidev internals the room and the remote rely on', () => {
  it('names the shared state\'s channel after the slides\' title, which the remote and the relay use', () => {
    expect(source('setup/root.ts')).toMatch(/initSharedState\(`\$\{slidesTitle\} - shared`\)/)
    expect(source('env.ts')).toContain('export const slidesTitle = configs.slidesTitle')
  })

  it('lets a viewer report its position only at this machine\'s address; the room lets a paired one report from any', () => {
    const root = source('setup/root.ts')
    expect(root).toContain('if (!isPresenter.value && !TRUST_ORIGINS.includes(location.host.split(\':\')[0]))')
    expect(root).toMatch(/patch\('page', \+currentSlideNo\.value\)\s*patch\('clicks', clicksContext\.value\.current\)\s*patch\('clicksTotal', clicksContext\.value\.total\)/)
    expect(source('constants.ts')).toMatch(/export const TRUST_ORIGINS = \[\s*'localhost',\s*'127\.0\.0\.1',\s*\]/)
  })

  it('reports a position when the route changes, and counts a slide\'s clicks only once it has mounted (setup/root.ts holds the report until then)', () => {
    expect(source('setup/root.ts')).toContain('router.afterEach(updateSharedState)')
    expect(source('setup/root.ts')).toContain('watch(clicksContext, updateSharedState)')
    expect(source('composables/useClicks.ts')).toMatch(/\(isMounted\.value\s*\? Math\.max\(0, \.\.\.maxMap\.values\(\)\)\s*: 0/)
  })

  it('says "Caching for offline…" as it registers a service worker, before knowing there can be one', () => {
    expect(source('setup/pwa.ts')).toMatch(/pwaCaching\.value = true\s*registerSW\(/)
  })

  it('binds its keys on the play and presenter pages only, and not T (the room\'s key to follow the talk)', () => {
    const registering = clientFiles().filter(path => path.endsWith('.vue') && /registerShortcuts\(\)/.test(source(path))).sort()
    expect(registering).toEqual(['pages/play.vue', 'pages/presenter.vue'])
    expect(source('setup/shortcuts.ts')).not.toMatch(/[\s{,]t[\s,}]/)
  })
})

describe('the Slidev internals the lean build relies on', () => {
  it('aliases vue to its full build (lib/site/lean-build.ts swaps in the runtime build)', () => {
    expect(cliSource()).toMatch(/find: "vue",\s*replacement: await resolveImportPath\("vue\/dist\/vue\.esm-bundler\.js", true\)/)
  })

  it('imports parseRangeString from @slidev/parser/core (swapped for @slidev/parser/utils, which has it without yaml)', () => {
    expect(importedNames('@slidev/parser/core')).toEqual(['parseRangeString'])
    expect(readFileSync(require.resolve('@slidev/parser/utils'), 'utf8')).toMatch(/export \{[^}]*parseRangeString/)
  })

  it('names slide N\'s module /@slidev/slides/N/md (the first-slide preload finds slide 1 by it)', () => {
    expect(cliSource()).toContain('const VIRTUAL_SLIDE_PREFIX = "/@slidev/slides/"')
    expect(cliSource()).toMatch(/await import\('\$\{VIRTUAL_SLIDE_PREFIX\}\$\{no\}\/md'\)/)
  })

  it('uses no more of a stubbed package than its stub exports', () => {
    for (const specifier of [
      '@slidev/rough-notation',
      '@vueuse/motion',
      'floating-vue',
      'drauu',
      '@shikijs/vitepress-twoslash/client',
    ])
      expect(stubExports(specifier), specifier).toEqual(expect.arrayContaining(importedNames(specifier)))
  })

  it('uses these members of a drawing board, which the drawings stub provides or never reaches with drawings off', () => {
    const members = new Set(clientFiles().flatMap(path => [
      ...source(path).matchAll(/\bdrauu\.(\w+)/g),
    ].map(match => match[1]!)))
    // mode (the toolbar's setter), mount, options and unmount (the drawing layer) are never reached
    // with drawings off: the toolbar and the layer are not rendered
    expect([...members].sort()).toEqual([
      'canRedo',
      'canUndo',
      'clear',
      'dump',
      'el',
      'load',
      'mode',
      'mount',
      'mounted',
      'on',
      'options',
      'redo',
      'undo',
      'unmount',
    ])
  })
})

describe('the Slidev internals the builds rely on', () => {
  it('routes the presenter at /presenter/:no, which the public build must not contain', () => {
    expect(source('setup/routes.ts')).toContain('path: \'/presenter/:no\'')
  })

  it('has the elements the link preview hides: the nav bar, the PWA indicator, the slide container', () => {
    expect(source('internals/NavControls.vue')).toMatch(/<nav\b/)
    expect(source('internals/PwaIndicator.vue')).toContain('slidev-pwa-indicator')
    expect(source('internals/SlideContainer.vue')).toContain('slidev-slide-container')
  })
})
