// @vitest-environment node
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin, Rolldown } from 'vite'
import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import { firstSlidePreload } from '../../../lib/site/first-slide-preload.ts'
import { snapshotClass, withFirstSlideSnapshot } from '../../../lib/site/first-slide.ts'

function chunk(fileName: string, facadeModuleId: string, importedCss: string[], imports: string[] = []) {
  return {
    type: 'chunk',
    fileName,
    facadeModuleId,
    imports,
    viteMetadata: {
      importedCss: new Set(importedCss),
    },
  }
}
function font(fileName: string, original: string) {
  return {
    type: 'asset',
    fileName,
    originalFileNames: [original],
  }
}
/** A bundle as Slidev's build makes it: the entry, the play page, slide 1 and its layout, a font. */
function slidevBundle(): Rolldown.OutputBundle {
  const outputs = [
    chunk('assets/index-a.js', '/deck/node_modules/@slidev/client/main.ts', ['assets/index-a.css']),
    chunk('assets/play-b.js', '/deck/node_modules/@slidev/client/pages/play.vue', ['assets/play-b.css']),
    chunk('assets/md-c.js', '/@slidev/slides/1/md', ['assets/md-c.css'], ['assets/cover-d.js']),
    chunk('assets/cover-d.js', '/deck/layouts/cover.vue', []),
    font('assets/inter-e.woff2', '/deck/node_modules/@fontsource/inter/files/inter-latin-400-normal.woff2'),
  ]
  return Object.fromEntries(outputs.map(output => [output.fileName, output])) as unknown as Rolldown.OutputBundle
}

function preloadTags(bundle: Rolldown.OutputBundle): HtmlTagDescriptor[] {
  const plugin: Plugin = firstSlidePreload({
    fonts: ['inter-latin-400-normal.woff2'],
  })
  ;(plugin.configResolved as (config: unknown) => void)({ base: '/briefing/' })
  const transform = plugin.transformIndexHtml as { handler: (html: string, context: Partial<IndexHtmlTransformContext>) => HtmlTagDescriptor[] }
  return transform.handler('', { bundle, chunk: bundle['assets/index-a.js'] as Rolldown.OutputChunk })
}

/** Tags as HTML, their attributes in the order given or reversed (an HTML writer may order them either way). */
function serialize(tags: HtmlTagDescriptor[], reversed = false): string {
  return tags.map((tag) => {
    const attributes = Object.entries(tag.attrs ?? {}).map(([name, value]) => value === true
      ? name
      : `${name}="${String(value)}"`)
    return `  <${tag.tag} ${(reversed
      ? attributes.reverse()
      : attributes).join(' ')}>`
  }).join('\n')
}

function indexWith(tags: string) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <link rel="stylesheet" crossorigin href="/briefing/assets/index-a.css">
${tags}
</head>
<body>
  <div id="app"></div>
</body>
</html>`
}
const index = indexWith(serialize(preloadTags(slidevBundle())))
const slide = '<div class="slidev-slide-container"><div class="slidev-slide-content" style="width: 980px; height: 551.25px;"><h1>Digital Leninism</h1></div></div>'
const options = { base: '/briefing/', colorSchema: 'auto' }

describe('withFirstSlideSnapshot', () => {
  const html = withFirstSlideSnapshot(index, slide, options)

  it('puts the copy after the app\'s root, hidden from assistive technology and inert', () => {
    const document = new new Window().DOMParser().parseFromString(html, 'text/html')
    const copy = document.querySelector(`#app + .${snapshotClass}`)!
    expect(copy.getAttribute('aria-hidden')).toBe('true')
    expect(copy.hasAttribute('inert')).toBe(true)
    expect(copy.querySelector('h1')!.textContent).toBe('Digital Leninism')
    expect(copy.nextElementSibling!.tagName).toBe('SCRIPT')
    expect(document.querySelector('#app')!.children).toHaveLength(0)
  })

  it('applies the first slide\'s stylesheets from the start instead of only preloading them, in any attribute order', () => {
    for (const reversed of [false, true]) {
      const page = withFirstSlideSnapshot(indexWith(serialize(preloadTags(slidevBundle()), reversed)), slide, options)
      const document = new new Window().DOMParser().parseFromString(page, 'text/html')
      expect([
        ...document.querySelectorAll('link[rel="stylesheet"]'),
      ].map(link => link.getAttribute('href'))).toEqual([
        '/briefing/assets/index-a.css',
        '/briefing/assets/play-b.css',
        '/briefing/assets/md-c.css',
      ])
      expect(document.querySelectorAll('link[as="style"]')).toHaveLength(0)
      // the rest of the chain stays preloaded
      expect([
        ...document.querySelectorAll('link[rel="modulepreload"], link[rel="preload"]'),
      ].map(link => link.getAttribute('href'))).toEqual([
        '/briefing/assets/inter-e.woff2',
        '/briefing/assets/play-b.js',
        '/briefing/assets/md-c.js',
        '/briefing/assets/cover-d.js',
      ])
    }
  })

  it('shows the copy only at the first slide\'s addresses under the base', () => {
    expect(html).toContain('["/briefing/", "/briefing/1"].includes(location.pathname)')
  })

  it('stops on a page without the app\'s root', () => {
    expect(() => withFirstSlideSnapshot(index.replace('<div id="app"></div>', ''), slide, options)).toThrow(/no <div id="app"><\/div>/)
  })
})

describe('firstSlidePreload', () => {
  it('stops the build when no chunk holds slide 1 or the play page, or a font is not in the build', () => {
    const withoutSlide = slidevBundle()
    delete withoutSlide['assets/md-c.js']
    expect(() => preloadTags(withoutSlide)).toThrow(/no chunk holds slide 1/)
    const withoutPlay = slidevBundle()
    delete withoutPlay['assets/play-b.js']
    expect(() => preloadTags(withoutPlay)).toThrow(/no chunk holds the play page/)
    const withoutFont = slidevBundle()
    delete withoutFont['assets/inter-e.woff2']
    expect(() => preloadTags(withoutFont)).toThrow(/no font inter-latin-400-normal\.woff2/)
  })
})
