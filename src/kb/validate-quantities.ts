/**
 * Walk a parsed seed document and parse every reported quantity with the kinds
 * its field allows; collect every problem with its JSON pointer.
 * @module
 */
import { parseQuantity, parseRatio, UnitError, type ParsedQuantity } from '../units/parse.ts'
import { QUANTITY_FIELDS } from './quantity-fields.ts'

export interface Problem { pointer: string; message: string }

export interface ParsedField { pointer: string; field: string; parsed: ParsedQuantity }

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1')

/** Parse all `{ reported }` quantities below `doc`; returns the parsed values and the problems. */
export function checkQuantities(doc: unknown): { parsed: ParsedField[]; problems: Problem[] } {
  const parsed: ParsedField[] = []
  const problems: Problem[] = []
  const visit = (node: unknown, pointer: string, field: string): void => {
    if (Array.isArray(node)) { node.forEach((item, i) => visit(item, `${pointer}/${i}`, field)); return }
    if (node === null || typeof node !== 'object') return
    const obj = node as Record<string, unknown>
    if (field === 'solventRatio' && typeof obj.reported === 'string') {
      try { parseRatio(obj.reported) } catch (e) { problems.push({ pointer: `${pointer}/reported`, message: (e as Error).message }) }
      return
    }
    if (typeof obj.reported === 'string' && field in QUANTITY_FIELDS) {
      const kinds = QUANTITY_FIELDS[field] ?? []
      try {
        const q = parseQuantity(obj.reported)
        if (!kinds.includes(q.kind)) {
          problems.push({ pointer: `${pointer}/reported`, message: `"${obj.reported}" is a ${q.kind} (${q.unit}); field "${field}" holds ${kinds.join(' or ')}` })
        } else parsed.push({ pointer, field, parsed: q })
      } catch (e) {
        if (!(e instanceof UnitError)) throw e
        problems.push({ pointer: `${pointer}/reported`, message: e.message })
      }
      return
    }
    for (const [key, value] of Object.entries(obj)) visit(value, `${pointer}/${escape(key)}`, key)
  }
  visit(doc, '', '')
  return { parsed, problems }
}
