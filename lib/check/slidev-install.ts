/**
 * What a deck can use without writing it: the layouts and components of Slidev, its theme and the
 * deck's own folders, and the installed icon sets, found where the deck's packages are installed.
 */
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, extname, join, resolve } from 'node:path'
import { listFiles, projectRoot } from '../project.ts'

const vueBuiltinComponents = [
  'Component',
  'KeepAlive',
  'RouterLink',
  'RouterView',
  'Suspense',
  'Teleport',
  'Transition',
  'TransitionGroup',
]
/** The directory of an installed package, resolved from the deck first, then from the checker. */
function packageDir(name: string, deckDir: string): string | undefined {
  for (const from of [
    join(deckDir, 'package.json'),
    import.meta.url,
  ]) {
    try {
      return resolve(createRequire(from).resolve(`${name}/package.json`), '..')
    }
    catch {}
  }
  return undefined
}

function themePackage(theme: unknown): string | undefined {
  if (typeof theme !== 'string' || theme === 'none' || theme.startsWith('.') || theme.startsWith('/'))
    return undefined
  return theme.startsWith('@') || theme.startsWith('slidev-theme-')
    ? theme
    : `@slidev/theme-${theme}`
}

function vueNames(dir: string | undefined, extensions = ['.vue']): string[] {
  return dir
    ? listFiles(dir, { extensions }).map(path => basename(path, extname(path)))
    : []
}

/** Where Slidev's client and the deck's theme are installed, as seen from the deck. */
function slidevPackageDirs(dir: string, theme: unknown) {
  const themeName = themePackage(theme ?? 'default')
  return {
    client: packageDir('@slidev/client', dir),
    themeDir: themeName
      ? packageDir(themeName, dir)
      : undefined,
  }
}

/** Slidev's built-in layouts, the theme's, and the deck's own `layouts/`. */
export function availableLayouts(dir: string, theme: unknown): Set<string> {
  const { client, themeDir } = slidevPackageDirs(dir, theme)
  return new Set([
    ...vueNames(client && join(client, 'layouts')),
    ...vueNames(themeDir && join(themeDir, 'layouts')),
    ...vueNames(join(dir, 'layouts')),
  ])
}

/** Components a slide can use without importing: Vue's, Slidev's built-ins, the theme's, the deck's. */
export function availableComponents(dir: string, theme: unknown): Set<string> {
  const { client, themeDir } = slidevPackageDirs(dir, theme)
  return new Set([
    ...vueBuiltinComponents,
    ...vueNames(client && join(client, 'builtin'), ['.vue', '.ts']),
    ...vueNames(themeDir && join(themeDir, 'components')),
    ...vueNames(join(dir, 'components')),
  ])
}

export function installedIconCollections(dir: string): string[] {
  const collections = [dir, projectRoot].flatMap((root) => {
    const iconify = join(root, 'node_modules', '@iconify-json')
    return existsSync(iconify)
      ? readdirSync(iconify)
      : []
  })
  return [
    ...new Set(collections),
  ]
}
