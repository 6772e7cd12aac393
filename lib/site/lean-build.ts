/**
 * The production build, lean: what Slidev's client bundles for features this deck does not use is
 * left out (lib/site/optional-features.ts says what and how to tell), and what the first slide does
 * not need loads later. Every assumption about Slidev's client fails the build loudly when it no
 * longer holds.
 */
import type { Plugin } from 'vite'
import type { OnDemandComponent, OptionalFeature } from './optional-features.ts'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { deckSourceFiles, onDemandComponents, optionalFeatures, unusedFeatures } from './optional-features.ts'

const thisFile = 'lib/site/lean-build.ts'
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
/** the ids of the modules this plugin makes start with `\0lean-build` */
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
  let parserCoreReplaced = false
  // hook filters: the bundler calls the hooks below only for ids and code they can concern, not
  // for each of the build's thousand modules
  const stubbable = features.flatMap(feature => Object.keys(feature.stubs))
  const specifiers = [
    ...stubbable,
    '@slidev/parser/core',
    pwaRegister,
  ]
  const packageFiles = stubbable.filter(key => key.includes('/')).map(key => key.split('/').at(-1)!)
  const resolvable = new RegExp(`^(?:${specifiers.map(escapeRegExp).join('|')})$|^\\.{1,2}/(?:.*/)?(?:${packageFiles.map(escapeRegExp).join('|')})$`)
  const compiledUses = features.flatMap(feature => feature.compiledUse
    ? [feature.compiledUse.source]
    : [])
  return {
    name: 'briefing:lean-slidev-build',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      const runtimeTemplates = deckSourceFiles(config.root)
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
      if (!vueAlias)
        throw new Error(`lean-build: Slidev no longer aliases "vue" to Vue's full build; update ${thisFile}.`)
      vueAlias.replacement = require.resolve('vue/dist/vue.runtime.esm-bundler.js')
      const left = [
        ...unused.map(feature => feature.name),
        'yaml',
        'Vue\'s template compiler',
      ]
      config.logger.info(`lean-build: left out ${left.join('; ')}; loads the service worker's registration once the page has loaded`)
    },
    buildStart() {
      parserCoreReplaced = false
    },
    resolveId: {
      filter: { id: resolvable },
      handler(id, importer) {
        const stub = stubs.has(id)
          ? id
          : packageFileStub(id, importer)
        if (stub)
          return `${stubPrefix}${stub}`
        if (id === '@slidev/parser/core') {
          parserCoreReplaced = true
          return this.resolve('@slidev/parser/utils')
        }
        if (id === pwaRegister && importer !== deferredPwaRegister)
          return deferredPwaRegister
        return null
      },
    },
    load: {
      filter: { id: /^\0lean-build/ },
      handler(id) {
        if (id.startsWith(stubPrefix))
          return stubs.get(id.slice(stubPrefix.length))?.code
        if (id === deferredPwaRegister)
          return deferredPwaRegisterCode
        return null
      },
    },
    transform: {
      order: 'post',
      filter: {
        id: { exclude: /\/node_modules\// },
        code: new RegExp(compiledUses.join('|') || '(?!)'),
      },
      handler(code, id) {
        for (const { feature } of stubs.values()) {
          if (feature.compiledUse?.test(code))
            this.error(`lean-build: ${id} uses ${feature.name}, which this build leaves out; add its folder to deckFolders in lib/project.ts.`)
        }
        return null
      },
    },
    buildEnd(error) {
      // the log above says yaml was left out: true only if the client still imports it this way
      if (!error && !parserCoreReplaced)
        this.error(`lean-build: Slidev's client no longer imports "@slidev/parser/core"; update ${thisFile}.`)
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
    transform: {
      filter: {
        id: new RegExp(`/@slidev/client/(?:${components.map(component => escapeRegExp(component.importer)).join('|')})$`),
      },
      handler(code, id) {
        const file = slidevClientFile(id)
        const deferred = components.filter(component => component.importer === file)
        if (!deferred.length)
          return null
        const scriptSetup = '<script setup lang="ts">\n'
        const helpers = `import { defineAsyncComponent as __onDemand } from 'vue'\n${whenIdleFunction.replace('function whenIdle', 'function __whenIdle')}`
        let result = code.replace(scriptSetup, `${scriptSetup}${helpers}`)
        if (result === code)
          this.error(`lean-build: Slidev's ${file} no longer starts its script with ${scriptSetup.trim()}; update ${thisFile}.`)
        for (const { name, path, load } of deferred) {
          const statement = `import ${name} from '${path}'`
          if (!result.includes(statement))
            this.error(`lean-build: Slidev's ${file} no longer has "${statement}"; update onDemandComponents in lib/site/optional-features.ts.`)
          const loader = load === 'when-idle'
            ? `() => __whenIdle().then(() => import('${path}'))`
            : `() => import('${path}')`
          result = result.replace(statement, `const ${name} = __onDemand(${loader})`)
        }
        return result
      },
    },
  }
}
