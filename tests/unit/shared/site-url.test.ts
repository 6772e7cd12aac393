// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { siteUrlFrom } from '../../../lib/shared/site-url.ts'

describe('siteUrlFrom', () => {
  it('takes the address given, else the headmatter\'s seoMeta.ogUrl, always ending in /', () => {
    expect(siteUrlFrom('https://example.org/briefing', { ogUrl: 'https://other.example/' })).toBe('https://example.org/briefing/')
    expect(siteUrlFrom(undefined, { ogUrl: 'https://example.org/briefing/' })).toBe('https://example.org/briefing/')
  })

  it('has none without an address, or with one that is not text', () => {
    expect(siteUrlFrom(undefined, undefined)).toBeUndefined()
    expect(siteUrlFrom(undefined, { ogUrl: '' })).toBeUndefined()
    expect(siteUrlFrom(undefined, { ogUrl: 42 })).toBeUndefined()
  })
})
