/** The site's public address, always ending in `/`: as given, or the headmatter's `seoMeta.ogUrl`. */
export function siteUrlFrom(given: unknown, seoMeta?: unknown): string | undefined {
  const url = given ?? (seoMeta as { ogUrl?: unknown } | undefined)?.ogUrl
  return typeof url === 'string' && url
    ? url.replace(/\/?$/, '/')
    : undefined
}
