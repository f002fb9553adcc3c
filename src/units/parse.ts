/**
 * Parse quantities the way papers write them — `5 mA cm⁻²`, `50 μA cm-2`,
 * `0.77 mA/cm2`, `1.074 mA`, `C/3`, `10 mmol L⁻¹`, `5 wt%`, `5.7 × 10⁻⁶ Pa`,
 * `70 °C`, `0.26 μm²`, ranges (`2–20 mA cm⁻²`) and lists (`3, 5 and 7 mA cm⁻²`) —
 * into canonical units, refusing incompatible dimensions with a clear error.
 * @module
 */
import { foldUnicode } from './normalise.ts'
import {
  addDims, FRACTION_KINDS, kindForDims, QUANTITY_KINDS, resolveSymbol,
  type Dims, type FractionKind, type QuantityKind,
} from './units.ts'

export class UnitError extends Error {
  readonly code: 'UNIT_SYNTAX' | 'UNKNOWN_UNIT' | 'INCOMPATIBLE_DIMENSION' | 'MISSING_UNIT'
  constructor(code: UnitError['code'], message: string) {
    super(message)
    this.name = 'UnitError'
    this.code = code
  }
}

export interface ParsedQuantity {
  /** The text as given. */
  reported: string
  /** Values in the canonical unit (one for a single value, two for a range, n for a list). */
  values: number[]
  min: number
  max: number
  unit: string
  kind: QuantityKind
  shape: 'single' | 'range' | 'list'
  /** `~`, `≈`, `about` before the number. */
  approximate: boolean
  /** Inequality written before the number, if any. */
  bound?: 'lt' | 'le' | 'gt' | 'ge'
}

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`
const SEP = String.raw`\s*(?:,\s*and|,\s*or|,|and|or|to|–|-)\s*`
const HEAD = new RegExp(String.raw`^(${NUM}(?:${SEP}${NUM})*)\s*(.*)$`, 'i')
/** Every number in a number part (`String.match` with a global regex restarts at 0 each call). */
const NUMBERS = new RegExp(NUM, 'gi')
const QUALIFIER = /^(~|≈|∼|approx\.?|about|ca\.?|circa|up to|<=|>=|≤|≥|<|>)\s*/i
const C_RATE = /^(\d+(?:\.\d+)?|\d*\.\d+)?\s*C(?:\s*\/\s*(\d+(?:\.\d+)?))?$/

const BOUNDS: Record<string, ParsedQuantity['bound']> = {
  '<': 'lt', '≤': 'le', '<=': 'le', '>': 'gt', '≥': 'ge', '>=': 'ge', 'up to': 'le',
}

/** Parse a unit expression (`mA cm^-2`, `mA/cm2`, `e- A^-2 s^-1`) into an SI factor and dimensions. */
export function parseUnitExpression(expr: string): { factor: number; dims: Dims } {
  let factor = 1
  let dims: Dims = [0, 0, 0, 0, 0, 0, 0]
  // Split on spaces and slashes; a slash negates the exponent of the factor after it.
  const tokens = expr.replace(/\s*\/\s*/g, ' / ').split(/\s+/).filter(Boolean)
  let divide = false
  for (const raw of tokens) {
    if (raw === '/') { divide = true; continue }
    if (/^e\^?[-−]?$/.test(raw)) { // electron symbol `e-` / `e^-`
      dims = addDims(dims, [0, 0, 0, 0, 0, 0, divide ? -1 : 1])
      divide = false
      continue
    }
    const m = /^([A-Za-zÅΩ]+?)\^?([+-]?\d+)?$/.exec(raw)
    if (!m) throw new UnitError('UNIT_SYNTAX', `cannot read unit "${raw}" in "${expr}"`)
    const def = resolveSymbol(m[1] as string)
    if (!def) throw new UnitError('UNKNOWN_UNIT', `unknown unit "${m[1]}" in "${expr}"`)
    const exponent = (m[2] === undefined ? 1 : Number(m[2])) * (divide ? -1 : 1)
    factor *= def.factor ** exponent
    dims = addDims(dims, def.dims, exponent)
    divide = false
  }
  if (tokens.length === 0) throw new UnitError('MISSING_UNIT', 'no unit given')
  return { factor, dims }
}

const kindLabel = (k: QuantityKind): string => k.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())

/**
 * Parse `text` into canonical units. With `expected`, a quantity of another kind is
 * an `INCOMPATIBLE_DIMENSION` error (e.g. `5 mA` where a current density is needed).
 */
export function parseQuantity(text: string, expected?: QuantityKind): ParsedQuantity {
  const reported = text
  let s = foldUnicode(text)
  let approximate = false
  let bound: ParsedQuantity['bound']
  for (let q = QUALIFIER.exec(s); q; q = QUALIFIER.exec(s)) {
    const word = (q[1] as string).toLowerCase()
    if (BOUNDS[word]) bound = BOUNDS[word]
    else approximate = true
    s = s.slice(q[0].length)
  }

  const cRate = C_RATE.exec(s)
  if (cRate) {
    const value = Number(cRate[1] ?? 1) / Number(cRate[2] ?? 1)
    return finish({ reported, values: [value], unit: 'C', kind: 'cRate', shape: 'single', approximate, bound }, expected)
  }

  const head = HEAD.exec(s)
  if (!head) throw new UnitError('UNIT_SYNTAX', `no number found in "${reported}"`)
  const numberPart = head[1] as string
  const unitPart = (head[2] as string).trim()
  const numbers = numberPart.match(NUMBERS)?.map(Number) ?? []
  // "2-20" parses as 2 and -20: a dash between numbers is a range separator, not a sign.
  const hyphenRange = /\d\s*-\s*[\d.]/.test(numberPart)
  const isRange = numbers.length === 2 && (hyphenRange || /\d\s*(–|to)\s*[+-]?[\d.]/i.test(numberPart))
  const magnitudes = hyphenRange && isRange ? numbers.map((n, i) => (i === 1 ? Math.abs(n) : n)) : numbers
  const shape: ParsedQuantity['shape'] = magnitudes.length === 1 ? 'single' : isRange ? 'range' : 'list'

  const fraction = (Object.entries(FRACTION_KINDS) as [FractionKind, { unit: string; pattern: RegExp }][])
    .find(([, def]) => def.pattern.test(unitPart))
  if (fraction) {
    const [kind, def] = fraction
    return finish({ reported, values: magnitudes, unit: def.unit, kind, shape, approximate, bound }, expected)
  }
  if (unitPart === '') throw new UnitError('MISSING_UNIT', `"${reported}" has no unit`)

  if (/^°\s?C$/.test(unitPart) || /^deg\s?C$/i.test(unitPart)) {
    return finish({ reported, values: magnitudes, unit: '°C', kind: 'temperature', shape, approximate, bound }, expected)
  }
  const { factor, dims } = parseUnitExpression(unitPart)
  let kind = kindForDims(dims)
  if (!kind) throw new UnitError('UNKNOWN_UNIT', `"${unitPart}" is not a unit of any quantity this knowledge base records`)
  if (kind === 'pressure' && expected === 'modulus') kind = 'modulus'
  const def = QUANTITY_KINDS[kind]
  const values = magnitudes.map((v) =>
    round(kind === 'temperature' ? v * factor - 273.15 : (v * factor) / def.si))
  return finish({ reported, values, unit: def.unit, kind, shape, approximate, bound }, expected)
}

/** Trim binary floating-point noise (0.1 * 10 → 1.0000000000000002) to 12 significant digits. */
const round = (x: number): number => Number(x.toPrecision(12))

function finish(p: Omit<ParsedQuantity, 'min' | 'max'>, expected?: QuantityKind): ParsedQuantity {
  if (expected && p.kind !== expected) {
    throw new UnitError('INCOMPATIBLE_DIMENSION',
      `"${p.reported}" is a ${kindLabel(p.kind)} (${p.unit}), but a ${kindLabel(expected)} was expected`)
  }
  if (p.values.some((v) => !Number.isFinite(v))) throw new UnitError('UNIT_SYNTAX', `"${p.reported}" is not a finite number`)
  const out: ParsedQuantity = { ...p, min: Math.min(...p.values), max: Math.max(...p.values) }
  if (out.bound === undefined) delete out.bound
  return out
}

/** A composition ratio such as `1:1 v/v`, `3 : 7 by volume`, `10:27:63`, `70:30 mol%`. */
export interface ParsedRatio { reported: string; parts: number[]; basis: 'v/v' | 'w/w' | 'mol' | 'unspecified' }

/**
 * Run a parser on text that may well not parse (scanning free text): undefined instead of a
 * `UnitError`. Those failures are expected and never shown, so no stack trace is captured for
 * them; that was a third of the time to read a configuration. Other errors are rethrown with one.
 */
export function attempt<A extends unknown[], T>(parse: (...args: A) => T, ...args: A): T | undefined {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return parse(...args)
  } catch (e) {
    if (e instanceof UnitError) return undefined
    Error.stackTraceLimit = limit
    return parse(...args)
  } finally {
    Error.stackTraceLimit = limit
  }
}

export function parseRatio(text: string): ParsedRatio {
  const s = foldUnicode(text)
  const m = /^(\d+(?:\.\d+)?(?:\s*[:/]\s*\d+(?:\.\d+)?)+)\s*(.*)$/.exec(s)
  if (!m) throw new UnitError('UNIT_SYNTAX', `"${text}" is not a ratio like "1:1 v/v"`)
  const parts = (m[1] as string).split(/[:/]/).map((x) => Number(x.trim()))
  const rest = (m[2] as string).toLowerCase().replace(/[()]/g, '').trim()
  const basis: ParsedRatio['basis'] =
    rest === '' ? 'unspecified'
      : /v\/v|vol|volume/.test(rest) ? 'v/v'
        : /w\/w|wt|weight|mass/.test(rest) ? 'w/w'
          : /mol/.test(rest) ? 'mol'
            : (() => { throw new UnitError('UNKNOWN_UNIT', `unknown ratio basis "${m[2]}" in "${text}"`) })()
  return { reported: text, parts, basis }
}
