/**
 * What a built site tells search engines and link previews, and what it keeps offline: robots.txt
 * (the public build open to indexing, with a sitemap of its slides; the private build `noindex`,
 * in robots.txt and a meta tag), the description Slidev 52 writes double-escaped written plainly,
 * and the exported PDF among the files the public build's service worker keeps.
 */
import type { Plugin } from 'vite'
import process from 'node:process'
import { readDeck } from '../deck.ts'

/** Set by lib/site/build.ts for the build it runs (BRIEFING_SITE, as JSON). */
export interface SiteSettings {
  /** the site's public address, e.g. `https://example.org/briefing/` */
  siteUrl?: string
  /** the exported slides PDF the public build offers: its URL path under the base, and a hash of it */
  pdf?: { url: string, revision: string }
}

export const siteSettingsVariable = 'BRIEFING_SITE'

/** Slidev 52 writes `info` and the like as `"&quot;…&quot;"` (JSON, then HTML-escaped again). */
const doubleEscaped = /(<meta\s+(?:name|property)="(?:description|author|keywords|og:description|twitter:description)"\s+content=")&quot;([\s\S]*?)&quot;(")/g

function decodeHtml(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#0?39);/g, (_, name: string) => ({
    'quot': '"',
    'amp': '&',
    'lt': '<',
    'gt': '>',
    '#039': '\'',
    '#39': '\'',
  })[name]!)
}

const encodeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The meta contents Slidev escaped twice, as the plain text they are (its line breaks as spaces). */
export function plainMetaContents(html: string): string {
  return html.replace(doubleEscaped, (_, before: string, value: string, after: string) => {
    const text = decodeHtml(JSON.parse(`"${decodeHtml(value).replace(/"/g, '\\"')}"`) as string)
    return `${before}${encodeAttribute(text.replace(/\s+/g, ' ').trim())}${after}`
  })
}

export function robotsTxt(isPublic: boolean, sitemap: string | undefined): string {
  return isPublic
    ? `User-agent: *\nAllow: /\n${sitemap
      ? `Sitemap: ${sitemap}\n`
      : ''}`
    : 'User-agent: *\nDisallow: /\n'
}

export function sitemapXml(siteUrl: string, paths: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${paths
    .map(path => `  <url><loc>${encodeAttribute(new URL(path, siteUrl).href)}</loc></url>`)
    .join('\n')}\n</urlset>\n`
}

export function publishedSite(): Plugin {
  let isPublic = false
  let pwa: { extendManifestEntries?: (fn: (entries: unknown[]) => unknown[]) => void } | undefined
  const settings: SiteSettings = JSON.parse(process.env[siteSettingsVariable] || '{}')
  return {
    name: 'briefing:published-site',
    apply: 'build',
    configResolved(config) {
      // the private build has the presenter (and the notes); the public one does not
      isPublic = config.define?.__SLIDEV_FEATURE_PRESENTER__ === 'false'
      pwa = config.plugins.find(plugin => plugin.name === 'vite-plugin-pwa')?.api as typeof pwa
    },
    buildStart() {
      // once every plugin has read the config, the service worker plugin takes more files to keep
      if (settings.pdf && pwa?.extendManifestEntries) {
        pwa.extendManifestEntries(entries => [
          ...entries,
          { url: settings.pdf!.url, revision: settings.pdf!.revision },
        ])
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const plain = plainMetaContents(html)
        return isPublic
          ? plain
          : plain.replace('</head>', '  <meta name="robots" content="noindex, nofollow">\n</head>')
      },
    },
    generateBundle() {
      const slides = readDeck().slides.length
      const sitemap = isPublic && settings.siteUrl
        ? new URL('sitemap.xml', settings.siteUrl).href
        : undefined
      this.emitFile({
        type: 'asset',
        fileName: 'robots.txt',
        source: robotsTxt(isPublic, sitemap),
      })
      if (sitemap) {
        this.emitFile({
          type: 'asset',
          fileName: 'sitemap.xml',
          source: sitemapXml(settings.siteUrl!, [
            ...Array.from({ length: slides }, (_, index) => String(index + 1)),
            'source',
          ]),
        })
      }
    },
  }
}
