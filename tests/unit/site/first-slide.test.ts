// @vitest-environment node
import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import { snapshotClass, withFirstSlideSnapshot } from '../../../lib/site/first-slide.ts'

const index = `<!DOCTYPE html>
<html lang="en">
<head>
  <link rel="stylesheet" crossorigin href="/briefing/assets/index-a.css">
  <link rel="preload" as="style" crossorigin href="/briefing/assets/play-b.css">
  <link rel="preload" as="style" crossorigin href="/briefing/assets/md-c.css">
</head>
<body>
  <div id="app"></div>
</body>
</html>`
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

  it('applies the first slide\'s stylesheets from the start instead of only preloading them', () => {
    expect([
      ...html.matchAll(/<link rel="stylesheet" crossorigin href="([^"]+)">/g),
    ].map(match => match[1])).toEqual([
      '/briefing/assets/index-a.css',
      '/briefing/assets/play-b.css',
      '/briefing/assets/md-c.css',
    ])
    expect(html).not.toContain('rel="preload" as="style"')
  })

  it('shows the copy only at the first slide\'s addresses under the base', () => {
    expect(html).toContain('["/briefing/", "/briefing/1"].includes(location.pathname)')
  })

  it('stops on a page without the app\'s root', () => {
    expect(() => withFirstSlideSnapshot(index.replace('<div id="app"></div>', ''), slide, options)).toThrow(/no <div id="app"><\/div>/)
  })
})
