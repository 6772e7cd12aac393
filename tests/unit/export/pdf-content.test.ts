// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { marksOf, parseOperations } from '../../../lib/export/pdf-content.ts'

describe('content streams', () => {
  it('reads operators with their operands, strings with parentheses and escapes included', () => {
    const operations = parseOperations('BT /F1 12 Tf (a \\) (nested) b) Tj [(x) -20 (y)] TJ ET\n<</MCID 3>> q')
    expect(operations.map(operation => operation.operator)).toEqual(['BT', 'Tf', 'Tj', 'TJ', 'ET', 'q'])
    expect(operations[2]!.operands).toEqual(['(a \\) (nested) b)'])
    expect(operations[3]!.operands).toEqual(['[(x) -20 (y)]'])
  })

  it('skips an inline image\'s data', () => {
    const operations = parseOperations('BI /W 1 /H 1 ID \u0000\u00FFEI) Tj EI Q')
    expect(operations.map(operation => operation.operator)).toEqual(['BI', 'Q'])
  })

  it('finds each mark with the marked content around it; a path\'s mark starts where the path does', () => {
    const text = '/P <</MCID 0 >>BDC BT (a) Tj ET EMC 0 0 5 5 re f /Artifact BMC 1 1 m 2 2 l S EMC q 0 0 9 9 re W n Q /X1 Do'
    const marks = marksOf(parseOperations(text))
    expect(marks.map(mark => [mark.operator, mark.tag ?? null, mark.mcid ?? null])).toEqual([
      ['Tj', 'P', 0],
      ['f', null, null],
      ['S', 'Artifact', null],
      ['Do', null, null],
    ])
    expect(text.slice(marks[1]!.start, marks[1]!.end)).toBe('0 0 5 5 re f')
    expect(marks[3]!.xObject).toBe('X1')
  })
})
