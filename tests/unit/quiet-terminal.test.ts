// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { allowedWarnings, unexpectedWarnings } from '../quiet-terminal.ts'

describe('the quiet terminal\'s check', () => {
  it('finds the warnings a presenter cannot act on, in colour or not', () => {
    const output = [
      'built the private site in 6.8 s',
      'npm warn Unknown project config "playwright_skip_browser_download".',
      '\u001B[33m[PLUGIN_TIMINGS] Warning:\u001B[0m JavaScript callbacks ran for 3.9s',
      '(!) outDir /tmp/x is not inside project root and will not be emptied.',
      '[unplugin-vue-components] component "SourceLink" has naming conflicts with other components, ignored.',
      'npm warn deprecated inflight@1.0.6: This module is not supported',
      '(node:123) ExperimentalWarning: Type Stripping is an experimental feature',
    ].join('\n')
    expect(unexpectedWarnings(output)).toHaveLength(6)
  })

  it('lets through what the allowlist names, each entry with a reason', () => {
    expect(unexpectedWarnings('3:04:05 PM [vite] [briefing] refused POST /__slidev/slides/2.json: a write must come from a page of this dev server')).toEqual([])
    expect(allowedWarnings.every(entry => entry.reason.length > 20)).toBe(true)
  })
})
