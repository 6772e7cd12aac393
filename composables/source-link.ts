import type { ComputedRef, InjectionKey } from 'vue'
import { configs, useNav } from '@slidev/client'
import { computed, inject } from 'vue'
import { siteUrlFrom } from '../lib/shared/site-url.ts'

/** Provided by the printed handouts, which end with the interview: links there stay in the PDF. */
export const interviewInDocument: InjectionKey<boolean> = Symbol('briefing:interview-in-document')

/** The site's public address (`seoMeta.ogUrl` in the headmatter), for links from a PDF to the site. */
export function siteUrl(): string | undefined {
  return siteUrlFrom(undefined, configs.seoMeta)
}

export interface SourceLink {
  /** a route in the app (`/source#quote-7`) */
  to?: string
  /** an address: an anchor in the same document, or the site's page from a PDF */
  href?: string
}

/**
 * Where the interview's place for `anchor` is: the `/source` page in the app; the appendix in a
 * handout; the site's `/source` page from the slides PDF if the site's address is set, else nowhere.
 */
export function useSourceLink(anchor: () => string): ComputedRef<SourceLink | undefined> {
  const inDocument = inject(interviewInDocument, false)
  const { isPrintMode } = useNav()
  return computed(() => {
    if (inDocument)
      return { href: `#${anchor()}` }
    if (isPrintMode.value) {
      const site = siteUrl()
      return site
        ? { href: `${site}source#${anchor()}` }
        : undefined
    }
    return { to: `/source#${anchor()}` }
  })
}
