// @vitest-environment node
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { writeRefusal } from '../../../lib/site/dev-write-guard.ts'

const onLoopback: AddressInfo = { address: '127.0.0.1', family: 'IPv4', port: 3030 }
const onNetwork: AddressInfo = { address: '0.0.0.0', family: 'IPv4', port: 3030 }
const write = (headers: Record<string, string>, url = '/__slidev/slides/2.json', method = 'POST') => ({ method, url, headers })

describe('the dev server\'s write guard', () => {
  it('lets the dev server\'s own pages write, as Slidev\'s notes editor does', () => {
    expect(writeRefusal(write({ 'origin': 'http://127.0.0.1:3030', 'sec-fetch-site': 'same-origin' }), onLoopback)).toBeUndefined()
    expect(writeRefusal(write({ origin: 'http://localhost:3030' }), onLoopback)).toBeUndefined()
  })

  it.each([
    [
      'another site',
      { 'origin': 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    ],
    [
      'another port of this machine',
      { 'origin': 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site' },
    ],
    [
      'a sandboxed frame or a file',
      { origin: 'null' },
    ],
    ['no Origin at all', {}],
    [
      'its own origin claimed, but the browser says cross-site',
      { 'origin': 'http://127.0.0.1:3030', 'sec-fetch-site': 'cross-site' },
    ],
  ])('refuses a write from %s', (_, headers) => {
    expect(writeRefusal(write(headers), onLoopback)).toMatch(/^a write must come from/)
  })

  it('refuses every write when the server listens beyond this machine, its own pages\' too', () => {
    expect(writeRefusal(write({ 'origin': 'http://127.0.0.1:3030', 'sec-fetch-site': 'same-origin' }), onNetwork)).toMatch(/beyond this machine/)
  })

  it('lets reads through from anywhere, but not the editor-opening GET', () => {
    expect(writeRefusal(write({ origin: 'http://evil.example' }, '/__slidev/slides/2.json', 'GET'), onLoopback)).toBeUndefined()
    expect(writeRefusal(write({ 'sec-fetch-site': 'cross-site' }, '/__open-in-editor?file=slides.md', 'GET'), onLoopback)).toMatch(/^a write must come from/)
  })
})
