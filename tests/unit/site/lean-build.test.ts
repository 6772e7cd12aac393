// @vitest-environment node
import type { Plugin } from 'vite'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { leanSlidevBuild } from '../../../lib/site/lean-build.ts'
import { onDemandComponents, optionalFeatures, unusedFeatures } from '../../../lib/site/optional-features.ts'

const client = dirname(createRequire(import.meta.url).resolve('@slidev/client/package.json'))
const drawingsOff = { __SLIDEV_FEATURE_DRAWINGS__: 'false' }

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lean-build-test-'))
  writeFileSync(join(root, 'slides.md'), '# A deck\n\nPlain text, no code.\n')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const unusedNames = () => unusedFeatures(root, drawingsOff).map(feature => feature.name)
const prism = 'the default theme\'s Prism and CodeMirror colours'
const alerts = 'GitHub-style alerts'

describe('unusedFeatures', () => {
  it('leaves out every optional feature a deck without them does not use', () => {
    expect(unusedNames()).toEqual(optionalFeatures.map(feature => feature.name))
  })

  it('keeps code colours for a deck with a code block, and alerts for a deck with an alert', () => {
    writeFileSync(join(root, 'slides.md'), '# A deck\n\n```ts\nconst a = 1\n```\n\n> [!NOTE]\n> Mind this.\n')
    expect(unusedNames()).not.toContain(prism)
    expect(unusedNames()).not.toContain(alerts)
  })

  it('reads the deck\'s folders, but not the project\'s README', () => {
    writeFileSync(join(root, 'README.md'), '# How to run it\n\n```sh\nnpm start\n```\n')
    expect(unusedNames()).toContain(prism)
    mkdirSync(join(root, 'components'))
    writeFileSync(join(root, 'components/Box.vue'), '<template><div v-mark.underline>x</div></template>\n')
    expect(unusedNames()).not.toContain('v-mark (rough-notation, roughjs)')
  })
})

type Hook = (this: { error: (message: string) => never, resolve?: (id: string) => unknown }, ...args: any[]) => any
function hook(plugin: Plugin, name: 'transform' | 'resolveId' | 'configResolved' | 'buildStart' | 'buildEnd'): Hook {
  const value = plugin[name] as Hook | { handler: Hook }
  return typeof value === 'function'
    ? value
    : value.handler
}
const context = {
  error(message: string): never {
    throw new Error(message)
  },
}

/** Slidev's alias of `vue` to its full build (as @slidev/cli sets it), or none */
function slidevAliases(withVue = true) {
  return withVue
    ? [
        { find: 'vue', replacement: '/deck/node_modules/vue/dist/vue.esm-bundler.js' },
      ]
    : [
        { find: '@slidev/client', replacement: '/deck/node_modules/@slidev/client' },
      ]
}

function configured(aliases = slidevAliases()): Plugin[] {
  const plugins = leanSlidevBuild()
  const config = {
    root,
    define: drawingsOff,
    resolve: { alias: aliases },
    logger: {
      info: () => {},
    },
  }
  for (const plugin of plugins)
    plugin.configResolved && hook(plugin, 'configResolved').call(context, config)
  return plugins
}

describe('leanSlidevBuild', () => {
  it('replaces a package file its own package imports by a relative path', () => {
    const [leaveOut] = configured()
    const resolve = hook(leaveOut!, 'resolveId')
    expect(resolve.call(context, './prism.css', '/deck/node_modules/@slidev/theme-default/styles/index.ts')).toBe('\0lean-build-stub:@slidev/theme-default/styles/prism.css')
    expect(resolve.call(context, './layouts.css', '/deck/node_modules/@slidev/theme-default/styles/index.ts')).toBeNull()
    expect(resolve.call(context, './prism.css', '/deck/styles/index.ts')).toBeNull()
  })

  it('makes Slidev\'s on-demand components async, the dialogs waiting until the page has loaded', () => {
    const [, onDemand] = configured()
    const transform = hook(onDemand!, 'transform')
    for (const component of onDemandComponents) {
      const path = join(client, component.importer)
      const code: string = transform.call(context, readFileSync(path, 'utf8'), path)
      expect(code).not.toContain(`import ${component.name} from`)
      expect(code).toContain(component.load === 'when-idle'
        ? `const ${component.name} = __onDemand(() => __whenIdle().then(() => import('${component.path}')))`
        : `const ${component.name} = __onDemand(() => import('${component.path}'))`)
    }
    expect(transform.call(context, '<template />', join(client, 'internals/Goto.vue'))).toBeNull()
  })

  it('stops the build when Slidev no longer imports a component as expected', () => {
    const [, onDemand] = configured()
    const transform = hook(onDemand!, 'transform')
    const path = join(client, 'pages/play.vue')
    const changed = readFileSync(path, 'utf8').replace('import Controls from \'../internals/Controls.vue\'', 'import Controls from \'../internals/Controls2.vue\'')
    expect(() => transform.call(context, changed, path)).toThrow(/no longer has "import Controls from '..\/internals\/Controls.vue'"/)
  })
})

describe('leanSlidevBuild fails loudly where Slidev changed', () => {
  it('makes Slidev\'s alias of vue point at the runtime-only build', () => {
    const aliases = slidevAliases()
    configured(aliases)
    expect(aliases[0]!.replacement).toMatch(/vue\.runtime\.esm-bundler\.js$/)
  })

  it('stops when Slidev no longer aliases vue, rather than saying it left out the template compiler', () => {
    expect(() => configured(slidevAliases(false))).toThrow(/no longer aliases "vue"/)
  })

  it('stops at the end of a build in which the client never imported @slidev/parser/core', async () => {
    const [leaveOut] = configured()
    const build = {
      ...context,
      resolve: async (id: string) => ({ id }),
    }
    hook(leaveOut!, 'buildStart').call(build)
    expect(() => hook(leaveOut!, 'buildEnd').call(build)).toThrow(/no longer imports "@slidev\/parser\/core"/)

    hook(leaveOut!, 'buildStart').call(build)
    expect(await hook(leaveOut!, 'resolveId').call(build, '@slidev/parser/core', join(client, 'logic/utils.ts'))).toEqual({ id: '@slidev/parser/utils' })
    expect(() => hook(leaveOut!, 'buildEnd').call(build)).not.toThrow()
  })
})

describe('leanSlidevBuild\'s hook filters', () => {
  it('let the bundler call its hooks only for what they can concern', () => {
    const [leaveOut] = leanSlidevBuild()
    const { filter: resolveFilter } = leaveOut!.resolveId as { filter: { id: RegExp } }
    for (const id of [
      '@slidev/rough-notation',
      'floating-vue',
      './prism.css',
      '../styles/prism.css',
      '@slidev/parser/core',
      'virtual:pwa-register',
    ])
      expect(id, id).toMatch(resolveFilter.id)
    for (const id of [
      'vue',
      './App.vue',
      '/@slidev/slides/1/md',
      '@slidev/parser/utils',
      './prism.css.map',
    ])
      expect(id, id).not.toMatch(resolveFilter.id)
    const { filter: transformFilter } = leaveOut!.transform as { filter: { code: RegExp } }
    expect('_resolveDirective("mark")').toMatch(transformFilter.code)
    expect('_resolveComponent("Timeline")').not.toMatch(transformFilter.code)
  })
})
