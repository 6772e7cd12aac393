/**
 * Slidev renders the first slide after a chain of dynamic imports (entry → play page → slide →
 * layout), each discovered only when the one before has run. `firstSlidePreload` puts that chain and
 * the first slide's fonts into `index.html` as preloads, so the browser fetches them all at once.
 */
import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite'

export interface FirstSlidePreloadOptions {
  /** font files (as named in their package, e.g. `inter-latin-600-normal.woff2`) the first slide shows */
  fonts: string[]
}

/**
 * Marks the first slide's stylesheet preloads, which lib/site/first-slide.ts turns into stylesheets
 * for the static copy of slide 1, whatever order Vite writes their attributes in.
 */
export const firstSlideStyleAttribute = 'data-first-slide-style'

/** Slidev's play page, and slide 1 as Slidev's slides plugin names its module */
const firstSlideModules = {
  'the play page': (id: string) => id.endsWith('/@slidev/client/pages/play.vue'),
  'slide 1': (id: string) => id === '/@slidev/slides/1/md',
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
        const roots = Object.entries(firstSlideModules).map(([name, test]) => {
          const chunk = chunkOf(bundle, test)
          if (!chunk)
            throw new Error(`first-slide preload: no chunk holds ${name}; Slidev's module names changed, update lib/site/first-slide-preload.ts.`)
          return chunk
        })
        const seen = new Set(context.chunk?.imports ?? [])
        if (context.chunk)
          seen.add(context.chunk.fileName)
        const chunks = roots.flatMap(root => withStaticImports(bundle, root, seen))
        const styles = new Set(chunks.flatMap(chunk => [
          ...(chunk.viteMetadata?.importedCss ?? []),
        ]))
        const fonts = options.fonts.map((font) => {
          const asset = Object.values(bundle).find(output => output.type === 'asset' && output.originalFileNames.some(name => name.endsWith(`/${font}`)))
          if (!asset)
            throw new Error(`first-slide preload: the build has no font ${font}; update the fonts in vite.config.ts.`)
          return asset
        })
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
            [firstSlideStyleAttribute]: true,
          })),
        ]
      },
    },
  }
}
