// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { unsupported } from '../../scripts/preflight.mjs'

const { engines } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }

describe('the preflight before every command', () => {
  it.each([
    '22.22.2',
    '22.23.3',
    '24.15.0',
    '24.21.0',
    '26.0.0',
    '26.10.0',
    '28.1.0',
  ])('lets Node.js %s run the deck', (version) => {
    expect(unsupported(version, engines.node)).toBeUndefined()
  })

  it.each([
    '20.20.2',
    '22.18.0',
    '22.22.1',
    '23.11.0',
    '24.14.1',
    '25.9.0',
  ])('stops Node.js %s with one line naming what the deck needs', (version) => {
    const message = unsupported(version, engines.node)!
    expect(message.split('\n')).toHaveLength(1)
    expect(message).toContain(`this is Node.js ${version}`)
    expect(message).toContain('22.22.2 or newer on the 22 line, 24.15.0 or newer on the 24 line, 26 or later')
  })
})
