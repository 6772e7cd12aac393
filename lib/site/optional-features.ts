/**
 * What Slidev's client bundles for every deck that a deck may not need: optional features and
 * their stand-ins, the parts of Slidev's UI that can load after the first slide, and how to tell
 * from the deck's own sources which of them it uses. lib/site/lean-build.ts builds with it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { listDeckFolders, twoslashBlock } from '../project.ts'

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
  const message = `${feature} is not in this build: the deck did not use it at build time (lib/site/optional-features.ts).`
  return `throw new Error(${JSON.stringify(message)})`
}

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

/** Markdown at a project's root that is about the project, never a part of the deck */
const projectDocs = /^(?:readme|changelog|contributing|license)\.md$/i
const sourceExtensions = [
  '.md',
  '.vue',
  '.ts',
  '.js',
  '.mjs',
  '.mts',
  '.css',
]

/** The deck's own source files: Markdown and Vue files at the root (slides, global layers) and the deck's folders. */
export function deckSourceFiles(root: string): string[] {
  const rootFiles = readdirSync(root, { encoding: 'utf8' })
    .filter(name => (/\.(?:md|vue)$/.test(name) && !projectDocs.test(name)) || /^\.slides-.*\.local$/.test(name))
    .map(name => join(root, name))
  return [
    ...rootFiles,
    ...listDeckFolders(root, sourceExtensions),
  ]
}

export interface FeatureUse {
  feature: OptionalFeature
  /** files (relative to the root) that use it */
  files: string[]
}

export function findFeatureUses(root: string, features: OptionalFeature[] = optionalFeatures): FeatureUse[] {
  const sources = deckSourceFiles(root).map(path => ({
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

/** The features this build can leave out: every condition a feature declares holds. */
export function unusedFeatures(root: string, define: Record<string, unknown>, features: OptionalFeature[] = optionalFeatures): OptionalFeature[] {
  return findFeatureUses(root, features)
    .filter(({ feature, files }) => !files.length && (!feature.flag || define[feature.flag] === 'false'))
    .map(({ feature }) => feature)
}
