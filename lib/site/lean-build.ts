import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { listFiles } from '../project.ts'

/**
 * Modules Slidev's client imports on every page for a feature this deck may not use. The production
 * build gets the stubs instead when every condition given holds: the deck's sources never match
 * `usedBy`, and Slidev's `flag` for the feature is off.
 */
export interface OptionalFeature {
  name: string
  /**
   * import specifier as Slidev's client writes it, or a package's file (`<package>/<path>`) imported
   * by a relative path → code that replaces the module
   */
  stubs: Record<string, string>
  /** matches the feature's use in the deck's own sources (Markdown, Vue, TypeScript) */
  usedBy?: RegExp
  /** matches the feature's use in compiled code, to stop a build that needs a stubbed feature */
  compiledUse?: RegExp
  /** Slidev's build-time flag for the feature (from the headmatter) */
  flag?: `__SLIDEV_FEATURE_${string}__`
}

function notBundled(feature: string) {
  const message = `${feature} is not in this build: the deck did not use it at build time (lib/lean-build.ts).`
  return `throw new Error(${JSON.stringify(message)})`
}

/** a Markdown code block that asks for TwoSlash's type information */
export const twoslashBlock = /```[^\n]*\btwoslash\b/

export const optionalFeatures: OptionalFeature[] = [
  {
    name: 'v-mark (rough-notation, roughjs)',
    usedBy: /\bv-mark\b/,
    compiledUse: /resolveDirective\(["']mark["']\)/,
    stubs: {
      '@slidev/rough-notation': `export function annotate() { ${notBundled('v-mark')} }\n`
        + `export function annotationGroup() { ${notBundled('v-mark')} }\n`,
    },
  },
  {
    name: 'v-motion (@vueuse/motion, popmotion)',
    usedBy: /\bv-motion\b/,
    compiledUse: /resolveDirective\(["']motion["']\)/,
    // Slidev calls MotionDirective() when the app starts, and its hooks only on an element with v-motion
    stubs: {
      '@vueuse/motion': `export function MotionDirective() {
  const unused = () => { ${notBundled('v-motion')} }
  return { created: unused, mounted: unused }
}
`,
    },
  },
  {
    name: 'drawings (drauu)',
    flag: '__SLIDEV_FEATURE_DRAWINGS__',
    // with the flag off Slidev still creates the canvas model on startup, but never mounts or draws on it
    stubs: {
      drauu: `export function createDrauu() {
  const inert = () => {}
  return { mounted: false, el: undefined, on: inert, load: inert, clear: inert, dump: () => '', canUndo: () => false, canRedo: () => false, undo: inert, redo: inert, mount: inert, unmount: inert }
}
`,
    },
  },
  {
    name: 'TwoSlash popups',
    usedBy: twoslashBlock,
    stubs: {
      '@shikijs/vitepress-twoslash/client': 'export default { install() {} }\n',
      '@shikijs/vitepress-twoslash/style.css': '',
    },
  },
  {
    // Slidev's own UI renders these popups only for TwoSlash, the drawing toolbar, and settings with
    // a description (none has one in 52.20); without them a popup component shows just its trigger
    name: 'floating-vue popups',
    usedBy: new RegExp(`floating-vue|v-tooltip|v-dropdown|${twoslashBlock.source}`),
    flag: '__SLIDEV_FEATURE_DRAWINGS__',
    stubs: {
      'floating-vue': `import { defineComponent } from 'vue'
const triggerOnly = name => defineComponent({ name, inheritAttrs: false, setup: (_, { slots }) => () => slots.default?.() })
export const Tooltip = triggerOnly('VTooltip')
export const Dropdown = triggerOnly('VDropdown')
export const Menu = triggerOnly('VMenu')
export function recomputeAllPoppers() {}
export default { install() {} }
`,
    },
  },
  {
    name: 'GitHub-style alerts',
    usedBy: /\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/i,
    stubs: {
      'markdown-it-github-alerts/styles/github-colors-light.css': '',
      'markdown-it-github-alerts/styles/github-colors-dark-media.css': '',
      'markdown-it-github-alerts/styles/github-base.css': '',
    },
  },
  {
    // Slidev highlights code with Shiki; the default theme still brings Prism's and CodeMirror's colours
    name: 'the default theme\'s Prism and CodeMirror colours',
    usedBy: /^\s*(?:```|~~~)/m,
    stubs: { '@slidev/theme-default/styles/prism.css': '' },
  },
  {
    name: 'magic-move code blocks',
    usedBy: /magic-move/i,
    stubs: { '@shikijs/magic-move/style.css': '' },
  },
]

/** A component of Slidev's client that the first slide does not need. */
export interface OnDemandComponent {
  /** the client file that imports it */
  importer: string
  name: string
  /** as the importer writes it */
  path: string
  /** load it when it is first rendered, or once the page has loaded and the browser is idle */
  load: 'when-rendered' | 'when-idle'
}

export const onDemandComponents: OnDemandComponent[] = [
  // shown only while an element with v-drag is selected
  {
    importer: 'internals/SlidesShow.vue',
    name: 'DragControl',
    path: './DragControl.vue',
    load: 'when-rendered',
  },
  // rendered only inside the open "More options" menu
  {
    importer: 'internals/NavControls.vue',
    name: 'Settings',
    path: './Settings.vue',
    load: 'when-rendered',
  },
  // the dialogs a viewer opens with a key or a right click (go to, quick overview, info, context
  // menu) and their search library; the play page renders them at once, hidden
  {
    importer: 'pages/play.vue',
    name: 'Controls',
    path: '../internals/Controls.vue',
    load: 'when-idle',
  },
]

/** Folders and files of a Slidev project whose sources can use a feature. */
const deckSourceFolders = [
  'components',
  'layouts',
  'setup',
  'pages',
  'snippets',
  'styles',
  'handout',
]
const deckSourceExtensions = [
  '.md',
  '.vue',
  '.ts',
  '.js',
  '.mjs',
  '.mts',
  '.css',
]

/** Markdown at a project's root that is about the project, never a part of the deck */
const projectDocs = /^(?:readme|changelog|contributing|license)\.md$/i

/** The deck's own sources: Markdown and Vue files at the root (slides, global layers) and Slidev's folders. */
export function deckSources(root: string): string[] {
  const rootFiles = readdirSync(root, { encoding: 'utf8' })
    .filter(name => (/\.(?:md|vue)$/.test(name) && !projectDocs.test(name)) || /^\.slides-.*\.local$/.test(name))
    .map(name => join(root, name))
  return [
    ...rootFiles,
    ...deckSourceFolders.flatMap(folder => listFiles(join(root, folder), { extensions: deckSourceExtensions })),
  ]
}

export interface FeatureUse {
  feature: OptionalFeature
  /** files (relative to the root) that use it */
  files: string[]
}

export function findFeatureUses(root: string, features: OptionalFeature[] = optionalFeatures): FeatureUse[] {
  const sources = deckSources(root).map(path => ({
    path,
    text: readFileSync(path, 'utf8'),
  }))
  return features.map(feature => ({
    feature,
    files: feature.usedBy
      ? sources.filter(source => feature.usedBy!.test(source.text)).map(source => relative(root, source.path))
      : [],
  }))
}

const stubPrefix = '\0lean-build-stub:'

/**
 * Resolves once the page has loaded and then the browser is idle (or 200 ms have passed where there
 * is no idle callback). Written into each module that waits, rather than a module of its own: one
 * request fewer before the first slide.
 */
const whenIdleFunction = `function whenIdle() {
  return new Promise((resolve) => {
    const idle = () => (window.requestIdleCallback ?? (run => setTimeout(run, 200)))(() => resolve())
    if (document.readyState === 'complete')
      idle()
    else
      window.addEventListener('load', idle, { once: true })
  })
}
`

/**
 * Slidev registers the service worker (the public build's offline copy) as the app starts, so its
 * code (workbox-window) loads beside the first slide's. Nothing needs it before the page has
 * loaded: the registration waits until then, and until the browser is idle.
 */
const pwaRegister = 'virtual:pwa-register'
const deferredPwaRegister = '\0lean-build:deferred-pwa-register'
const deferredPwaRegisterCode = `${whenIdleFunction}
export function registerSW(options) {
  whenIdle().then(() => import(${JSON.stringify(pwaRegister)})).then(({ registerSW }) => registerSW(options))
  return () => Promise.resolve()
}
`

/** The features this build can leave out: every condition a feature declares holds. */
export function unusedFeatures(root: string, define: Record<string, unknown>, features: OptionalFeature[] = optionalFeatures): OptionalFeature[] {
  return findFeatureUses(root, features)
    .filter(({ feature, files }) => !files.length && (!feature.flag || define[feature.flag] === 'false'))
    .map(({ feature }) => feature)
}

/**
 * Production build only: leaves out what Slidev's client bundles for every deck but this deck does
 * not use. Each replacement behaves the same for a deck that does not use the feature.
 * - the modules of optional features the deck does not use (see `optionalFeatures`);
 * - `yaml`: the client imports `parseRangeString` from `@slidev/parser/core`, which also pulls in
 *   the YAML library; `@slidev/parser/utils` exports the same function without it;
 * - Vue's template compiler: Slidev aliases `vue` to the full build; every template here is
 *   compiled at build time, so the runtime build is enough (a string `template:` option stops the build);
 * - and it loads later what the first slide does not need: the service worker's registration, and
 *   the components in `onDemandComponents`.
 */
export function leanSlidevBuild(features: OptionalFeature[] = optionalFeatures, components: OnDemandComponent[] = onDemandComponents): Plugin[] {
  return [
    leaveOutUnused(features),
    onDemandSlidevParts(components),
  ]
}

function leaveOutUnused(features: OptionalFeature[]): Plugin {
  const stubs = new Map<string, { feature: OptionalFeature, code: string }>()
  const require = createRequire(import.meta.url)
  // a stubbed package file that a file of the same package imports by a relative path
  const packageFileStub = (id: string, importer: string | undefined) => {
    if (!importer || !id.startsWith('.'))
      return undefined
    const file = join(dirname(importer), id).replaceAll('\\', '/')
    return [
      ...stubs.keys(),
    ].find(key => file.endsWith(`/node_modules/${key}`))
  }
  return {
    name: 'briefing:lean-slidev-build',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      const runtimeTemplates = deckSources(config.root)
        .filter(path => /\.(?:vue|[cm]?[jt]s)$/.test(path) && /\btemplate\s*:\s*['"`]/.test(readFileSync(path, 'utf8')))
      if (runtimeTemplates.length)
        throw new Error(`lean-build: ${runtimeTemplates.join(', ')} compile a template at runtime; Vue's runtime-only build cannot.`)
      const unused = unusedFeatures(config.root, config.define ?? {}, features)
      for (const feature of unused) {
        for (const [specifier, code] of Object.entries(feature.stubs))
          stubs.set(specifier, { feature, code })
      }
      // Slidev's own alias for `vue` comes first and wins, so it is changed in place rather than added to
      const vueAlias = config.resolve.alias.find(alias => alias.find === 'vue')
      if (vueAlias)
        vueAlias.replacement = require.resolve('vue/dist/vue.runtime.esm-bundler.js')
      const left = [
        ...unused.map(feature => feature.name),
        'yaml',
        'Vue\'s template compiler',
      ]
      config.logger.info(`lean-build: left out ${left.join('; ')}; loads the service worker's registration once the page has loaded`)
    },
    resolveId(id, importer) {
      const stub = stubs.has(id)
        ? id
        : packageFileStub(id, importer)
      if (stub)
        return `${stubPrefix}${stub}`
      if (id === '@slidev/parser/core')
        return this.resolve('@slidev/parser/utils')
      if (id === pwaRegister && importer !== deferredPwaRegister)
        return deferredPwaRegister
      return null
    },
    load(id) {
      if (id.startsWith(stubPrefix))
        return stubs.get(id.slice(stubPrefix.length))?.code
      if (id === deferredPwaRegister)
        return deferredPwaRegisterCode
      return null
    },
    transform: {
      order: 'post',
      handler(code, id) {
        if (id.includes('/node_modules/'))
          return null
        for (const { feature } of stubs.values()) {
          if (feature.compiledUse?.test(code))
            this.error(`lean-build: ${id} uses ${feature.name}, which this build leaves out; add its folder to deckSourceFolders in lib/lean-build.ts.`)
        }
        return null
      },
    },
  }
}

const slidevClientFile = (id: string) => /\/@slidev\/client\/(.+\.vue)$/.exec(id)?.[1]

/**
 * Production build only: the components in `onDemandComponents` become async components, so their
 * code is not loaded with the first slide. The build stops if Slidev's client no longer imports
 * them as expected.
 */
function onDemandSlidevParts(components: OnDemandComponent[]): Plugin {
  return {
    name: 'briefing:on-demand-slidev-parts',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      const later = components.map(component => `${component.name} until ${component.load === 'when-idle'
        ? 'the page has loaded'
        : 'it is shown'}`)
      config.logger.info(`lean-build: loads later ${later.join('; ')}`)
    },
    transform(code, id) {
      const file = slidevClientFile(id)
      const deferred = components.filter(component => component.importer === file)
      if (!deferred.length)
        return null
      const scriptSetup = '<script setup lang="ts">\n'
      const helpers = `import { defineAsyncComponent as __onDemand } from 'vue'\n${whenIdleFunction.replace('function whenIdle', 'function __whenIdle')}`
      let result = code.replace(scriptSetup, `${scriptSetup}${helpers}`)
      if (result === code)
        this.error(`lean-build: Slidev's ${file} no longer starts its script with ${scriptSetup.trim()}; update lib/site/lean-build.ts.`)
      for (const { name, path, load } of deferred) {
        const statement = `import ${name} from '${path}'`
        if (!result.includes(statement))
          this.error(`lean-build: Slidev's ${file} no longer has "${statement}"; update onDemandComponents in lib/site/lean-build.ts.`)
        const loader = load === 'when-idle'
          ? `() => __whenIdle().then(() => import('${path}'))`
          : `() => import('${path}')`
        result = result.replace(statement, `const ${name} = __onDemand(${loader})`)
      }
      return result
    },
  }
}

export interface FirstSlidePreloadOptions {
  /** font files (as named in their package, e.g. `inter-latin-600-normal.woff2`) the first slide shows */
  fonts: string[]
}

function chunkOf(bundle: Rolldown.OutputBundle, test: (moduleId: string) => boolean): Rolldown.OutputChunk | undefined {
  return Object.values(bundle).find((output): output is Rolldown.OutputChunk =>
    output.type === 'chunk' && !!output.facadeModuleId && test(output.facadeModuleId))
}

/** The chunk and every chunk it imports statically, depth first. */
function withStaticImports(bundle: Rolldown.OutputBundle, chunk: Rolldown.OutputChunk, seen = new Set<string>()): Rolldown.OutputChunk[] {
  if (seen.has(chunk.fileName))
    return []
  seen.add(chunk.fileName)
  return [
    chunk,
    ...chunk.imports.flatMap((fileName) => {
      const imported = bundle[fileName]
      return imported?.type === 'chunk'
        ? withStaticImports(bundle, imported, seen)
        : []
    }),
  ]
}

/**
 * Slidev renders the first slide after a chain of dynamic imports (entry → play page → slide →
 * layout), each discovered only when the one before has run. This plugin puts that chain and the
 * first slide's fonts into `index.html` as preloads, so the browser fetches them all at once.
 */
export function firstSlidePreload(options: FirstSlidePreloadOptions): Plugin {
  let base = '/'
  return {
    name: 'briefing:first-slide-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle
        if (!bundle)
          return []
        const roots = [
          chunkOf(bundle, id => id.endsWith('/@slidev/client/pages/play.vue')),
          chunkOf(bundle, id => id === '/@slidev/slides/1/md'),
        ].filter(chunk => chunk !== undefined)
        const seen = new Set(context.chunk?.imports ?? [])
        if (context.chunk)
          seen.add(context.chunk.fileName)
        const chunks = roots.flatMap(root => withStaticImports(bundle, root, seen))
        const styles = new Set(chunks.flatMap(chunk => [
          ...(chunk.viteMetadata?.importedCss ?? []),
        ]))
        const fonts = Object.values(bundle).filter(output => output.type === 'asset'
          && output.originalFileNames.some(name => options.fonts.some(font => name.endsWith(`/${font}`))))
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' })
        return [
          ...fonts.map(font => link({
            rel: 'preload',
            as: 'font',
            type: 'font/woff2',
            href: `${base}${font.fileName}`,
            crossorigin: true,
          })),
          ...chunks.map(chunk => link({ rel: 'modulepreload', crossorigin: true, href: `${base}${chunk.fileName}` })),
          ...[...styles].map(style => link({
            rel: 'preload',
            as: 'style',
            crossorigin: true,
            href: `${base}${style}`,
          })),
        ]
      },
    },
  }
}
