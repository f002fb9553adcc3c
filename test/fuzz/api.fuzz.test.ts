/**
 * Hostile-input fuzzing of every endpoint and method with fast-check: random JSON,
 * wrong types, huge / NaN-like / Infinity-like numbers (also as raw JSON tokens such
 * as `1e309`), Unicode (RTL, emoji, combining marks, NUL, lone surrogates), deep
 * nesting, over-long strings, lunr syntax abuse, SQL-injection strings in every text
 * field, malformed JSON and wrong content types.
 *
 * Every response: status < 500 and an `x-request-id`; every 4xx an
 * `application/problem+json` whose `status` is the HTTP status, with `type`, `title`,
 * a `detail` naming the cause, the request id, and (400/422) `errors[]` with JSON
 * pointers. Rejected writes leave the database unchanged (row counts and a sha256
 * over every table, before/after).
 *
 * Reproduce a failure with the seed fast-check prints: `FUZZ_SEED=<seed> npx vitest run test/fuzz`.
 * `FUZZ_SCALE=0.2` for a quicker pass, `FUZZ_SCALE=5` for a longer one.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LIMITS } from '../../api/app.ts'
import { makeTestApp } from '../helpers/deps.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20260107)
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)
const TOKEN = 'fuzz-token-0123456789abcdef'
const runs = (n: number) => Math.max(1, Math.round(n * SCALE))
const TIMEOUT = 120_000

type Ctx = Awaited<ReturnType<typeof makeTestApp>>
let ctx: Ctx
let baseStudy: Record<string, unknown>

// ---------------------------------------------------------------- JSON trees with raw tokens and duplicate keys

/** A JSON fragment written verbatim: `1e309`, `-0`, deep nesting, or something that is not JSON at all. */
class Raw { constructor(readonly text: string) {} }
/** An object as an ordered list of entries: allows `__proto__` and duplicate keys. */
class Obj { constructor(readonly entries: Array<[string, J]>) {} }
type J = Raw | Obj | J[] | { [k: string]: J } | string | number | boolean | null

function emit(v: J): string {
  if (v instanceof Raw) return v.text
  if (v instanceof Obj) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${emit(x)}`).join(',')}}`
  if (Array.isArray(v)) return `[${v.map(emit).join(',')}]`
  if (isPlain(v)) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${emit(x)}`).join(',')}}`
  return JSON.stringify(v) ?? 'null'
}
const isPlain = (v: unknown): v is Record<string, J> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype
/** Paths into plain objects and arrays (not into Raw/Obj leaves). */
type Path = Array<string | number>
function paths(v: unknown, at: Path = [], out: Array<{ path: Path; value: unknown }> = []) {
  if (at.length > 0) out.push({ path: at, value: v })
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out))
  else if (isPlain(v)) for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out)
  return out
}
function setAt(doc: any, path: Path, value: unknown) {
  let o = doc
  for (const k of path.slice(0, -1)) o = o[k]
  if (value === undefined) { if (Array.isArray(o)) o.splice(path.at(-1) as number, 1); else delete o[path.at(-1) as string] } else o[path.at(-1) as string] = value
}
/** An object from a record whose absent keys fast-check left out. */
const obj = (r: Record<string, J | undefined>) => new Obj(Object.entries(r).filter((e): e is [string, J] => e[1] !== undefined))

// ---------------------------------------------------------------- hostile leaves

const SQL = [
  "' OR 1=1 --", '"; DROP TABLE studies; --', "'; DELETE FROM experiments WHERE '1'='1", "1' UNION SELECT sql FROM sqlite_master --",
  "Robert'); DROP TABLE observations;--", "%' AND 1=1 AND '%'='", "'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
  "x' AND search_fts MATCH '*' --", '1; PRAGMA writable_schema=ON', "') OR ('a'='a",
]
const NAN_LIKE = [
  'NaN', '-NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e309', '-1e309', '1e-400', '-0', '0x10', '0b1', '1_000', '١٢٣', '１２３',
  '', ' ', 'null', 'undefined', 'true', '[]', '{}', '9'.repeat(400), '-1', '0', '1e3', '2147483648', '9007199254740993', '.5', '5.', '+3',
]
const UNICODE = [
  '\u202eFEC\u202c', 'مرحبا بالعالم', 'עברית', '👩‍🔬🔋⚡', '🇺🇳', 'e\u0301\u0302\u0303\u0304\u0305', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻', '\u0000', 'a\u0000b',
  '\ud800', '\udfff', 'x\ud83d', '\ufeff', '\u2028\u2029', '𝐋𝐢𝐏𝐅𝟔', 'Ｌｉ', 'µA cm⁻²', '3\u00a0mA\u00a0cm-2', '\u200b\u200c\u200d', '\t\r\n',
]
const LUNR = [
  'a~5', 'a~11111', 'ab~1111', '****', '*', '~', '^', ':', '+', '-', '+-+-', '--', 'title:', ':title', '*:*', 'li*~2', 'lipf6^1000',
  'x^-1', 'x^NaN', 'dend~2 dend~2 dend~2 dend~2 dend~2', '+a -a', '"a b"', 'title:*', 'title:li*^3~1', 'a:b:c', '\\*', '*a*', '~1', '^^^^',
  'li?f6', 'summary:+', '-*', '+*', 'a*b*c*d', 'garnet~8', 'title:~2', '^10 ^10', 'abcdefghijklmnopqrstuvwxyz~2', 'OR AND NOT', 'NEAR(a b)',
]
const VALIDISH = [
  'FEC', 'LiPF6', 'LiNO3', 'Cu', 'tem', 'optical', 'FIB-SEM', 'needle', 'whisker', 'mossy', 'carbonate', 'ether', 'LLZTO', 'EC', 'DME',
  '3 mA cm-2', '500 µA cm⁻²', '0.5 mA/cm2', '1 mAh cm-2', '25 °C', '0.35 MPa', 'uA/cm2', 'wood-2016', 'porz-2017', 'Li||Cu', 'dendrite',
]
const MALFORMED_JSON = [
  '', ' ', '{', '}', '[', '{"a":', '{"a":1,}', '[1,]', "{'a':1}", '{a:1}', 'NaN', 'Infinity', 'undefined', '01', '.5', '+1', '0x10',
  '"\\x41"', '"unterminated', '"\u0000"', '{"a":1}{"b":2}', '\ufeff{}', 'nul', 'tru', '{"a" 1}', '[1 2]', '{"__proto__":', '\u0000',
]
/** Names Object.prototype has: a lookup table that is a plain object finds them. */
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype', 'toLocaleString']
const UNITISH = [
  ...PROTO, 'mA', 'cm-2', 'mA cm-2', 'µA/cm2', 'mAh', 'kPa', '°C', 'K', '°F', 'A m^-2', 'mA/cm^2/s', 'cm^999', 'mA^1e309', 'cm^-1e309', 'm/m/m/m/m/m/m',
  'mA cm-2 cm-2 cm-2', 'mA cm⁻²⁻²', 'mmmmA', 'MA cm-2', 'GA/m2', 'e/Å2/s', 'wt%', '%%', 'C/3', '1C', 'mA cm', 'mA·cm⁻²', 'mA/(cm2)', 'mA/cm2)', '((mA', 'mA^', '^2', '/', '//',
]
const RAW_NUMBERS = ['1e309', '-1e309', '1E400', '-0', '0e0', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1', '5e-325', '123456789012345678901234567890', '-0.0']

const loneSurrogates = fc.tuple(fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 }))
  .map(([u, s]) => `${s}${String.fromCharCode(u)}${s}`)
const overlong = fc.tuple(fc.constantFrom('a', 'é', '👩‍🔬', ' ', '*', '~', "'", '%', '-', 'Li'), fc.integer({ min: 60, max: 6000 }))
  .map(([c, n]) => c.repeat(n))
const lunrAbuse = fc.array(fc.oneof(
  fc.constantFrom(...LUNR),
  fc.tuple(fc.constantFrom('li', 'dend', 'sei', 'title', 'summary', 'a', 'FEC', 'x'), fc.constantFrom('~', '~1', '~2', '~3', '~9', '*', '**', '^', '^2', '^999', ':', '', '~2*', '^0')).map(([a, b]) => a + b),
  fc.constantFrom('~', '*', '^', ':', '+', '-'),
), { minLength: 1, maxLength: 16 }).chain((parts) => fc.constantFrom(' ', '', '  ').map((sep) => parts.join(sep)))
const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(), fc.integer(), fc.double({ min: -1e4, max: 1e4 }),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, 1e-4, 9e-5, 1000, 1000.0001, 10_000, 10_001, 0.5, 3),
)
/** Quantity-like text: a number (or a NaN-like one) with a unit, a unit-algebra abuse or a prototype name. */
const quantityish = fc.tuple(fc.oneof(fc.constantFrom('2', '3', '0.5', '1e3', '-1', '0', '1e309', '1e-320', 'NaN', '~3', '>2', '2-5', '2 to 5', '3 ± 1', ''), hostileNumber.map(String)),
  fc.constantFrom(' ', '', '  '), fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...UNITISH) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }))
  .map(([n, sp, u]) => `${n}${sp}${u}`)
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL, ...NAN_LIKE, ...UNICODE, ...LUNR, ...VALIDISH, ...PROTO) },
  { weight: 2, arbitrary: quantityish },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 1, arbitrary: overlong },
  { weight: 2, arbitrary: lunrAbuse },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...VALIDISH), fc.constantFrom(...SQL, ...UNICODE, ' ', '~2', '*')).map(([a, b]) => a + b) },
)
const rawNumber = fc.constantFrom(...RAW_NUMBERS).map((t) => new Raw(t))
const rawDeep = fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean())
  .map(([n, arr]) => new Raw(arr ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n)))
const keyArb = fc.oneof(
  fc.constantFrom(...PROTO, '', ' ', 'id', 'currentDensity', 'electrolyte', 'options', '$ref', 'a.b', '/'),
  fc.string({ maxLength: 12 }), hostileString,
)
const leaf: fc.Arbitrary<J> = fc.oneof(
  { weight: 4, arbitrary: hostileString }, { weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: rawNumber }, { weight: 1, arbitrary: rawDeep },
)
const anyJson: fc.Arbitrary<J> = fc.letrec<{ value: J }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 5 },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 5 }).map((e) => new Obj(e))),
})).value
/** A field value: usually a real one, else hostile. */
const field = (...valid: Array<string | number | boolean>) => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...valid) as fc.Arbitrary<J> },
  { weight: 3, arbitrary: hostileString as fc.Arbitrary<J> },
  { weight: 1, arbitrary: hostileNumber as fc.Arbitrary<J> },
  { weight: 1, arbitrary: anyJson },
)
const rec = <T extends Record<string, fc.Arbitrary<J>>>(shape: T) => fc.record(shape, { requiredKeys: [] }).map((r) => obj(r as Record<string, J | undefined>))
const withExtra = (a: fc.Arbitrary<Obj>) => fc.tuple(a, fc.array(fc.tuple(keyArb, anyJson), { maxLength: 2 })).map(([o, extra]) => new Obj([...o.entries, ...extra]))

// ---------------------------------------------------------------- request bodies per endpoint

const textConfig = withExtra(rec({
  cell: field('Li||Cu', 'Li||Li', 'anode-free', 'Li|LLZTO|Li'),
  electrolyte: field('1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', '1 M LiTFSI in DOL:DME + 2 wt% LiNO3', 'LLZTO', 'LiPON'),
  substrate: field('Cu', 'Pt', 'Au', 'stainless steel'),
  coating: field('LiF', 'Ag', 'ZnO'),
  currentDensity: field('3 mA cm-2', '0.5 mA/cm2', '500 µA cm⁻²', '20 mA cm-2'),
  strippingCurrentDensity: field('1 mA cm-2'),
  capacity: field('1 mAh cm-2', '3 mAh/cm2'),
  temperature: field('25 °C', '60 C', '-20 °C'),
  stackPressure: field('0.35 MPa', '100 kPa'),
  separator: field('25 µm PE', 'GF'),
  cycles: field('10', '1'),
  technique: field('tem', 'optical', 'FIB-SEM'),
}))
const num = (...valid: number[]) => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) as fc.Arbitrary<J> }, { weight: 2, arbitrary: hostileNumber as fc.Arbitrary<J> },
  { weight: 1, arbitrary: rawNumber as fc.Arbitrary<J> }, { weight: 1, arbitrary: hostileString as fc.Arbitrary<J> })
const idList = (...valid: string[]) => fc.oneof(fc.array(rec({ id: field(...valid), concentration_M: num(1, 0.5), fraction: num(50), amount: num(5), unit: field('wt%', 'M', 'vol%') }), { maxLength: 4 }) as fc.Arbitrary<J>, anyJson)
const structuredConfig = withExtra(rec({
  currentDensity_mA_cm2: num(3, 0.5, 1e-4, 1000),
  electrolyte: fc.oneof(
    { weight: 3, arbitrary: rec({ kind: field('liquid', 'solid', 'polymer'), salts: idList('LiPF6', 'LiTFSI'), solvents: idList('EC', 'DMC', 'DME'), additives: idList('FEC', 'LiNO3'), solid: fc.oneof(rec({ id: field('LLZTO', 'LiPON'), thickness_um: num(500), relDensity: num(0.95) }), anyJson) }) as fc.Arbitrary<J> },
    { weight: 1, arbitrary: anyJson }),
  substrate: field('Cu', 'Pt'),
  coatings: fc.oneof(fc.array(field('LiF', 'Ag'), { maxLength: 8 }), anyJson),
  capacity_mAh_cm2: num(1, 100),
  temperature_C: num(25, -60, 200),
  stackPressure_kPa: num(350, 0, 1e6),
  cycles: num(1, 10),
  technique: field('tem', 'optical'),
  separator: fc.oneof(rec({ type: field('PE', 'GF', 'none'), thickness_um: num(25), porosity: num(0.4) }), anyJson),
  surfacePreparation: fc.oneof(fc.array(field('polished'), { maxLength: 8 }), anyJson),
}))
/** Valid configurations; `mutated` breaks 0–2 of their fields (any depth), so hostile values reach deep parsers. */
const TEXT_BASES: Array<Record<string, J>> = [
  { cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', substrate: 'Cu', currentDensity: '3 mA cm-2', capacity: '1 mAh cm-2', temperature: '25 °C', stackPressure: '0.35 MPa', separator: '25 µm PE' },
  { currentDensity: '0.5 mA cm⁻²', electrolyte: 'LLZTO', temperature: '60 °C', stackPressure: '5 MPa' },
  { currentDensity: '500 µA cm-2', electrolyte: '1 M LiTFSI in DOL:DME + 2 wt% LiNO3', cycles: '10', technique: 'optical' },
]
const STRUCTURED_BASES: Array<Record<string, J>> = [
  { currentDensity_mA_cm2: 3, electrolyte: { salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DMC' }], additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }] }, substrate: 'Cu', capacity_mAh_cm2: 1, coatings: [] },
  { currentDensity_mA_cm2: 0.5, electrolyte: { kind: 'solid', solid: { id: 'LLZTO', thickness_um: 500 } }, temperature_C: 60, stackPressure_kPa: 350, separator: { type: 'none' } },
]
const mutated = (bases: Array<Record<string, J>>, max = 2) => fc.tuple(fc.constantFrom(...bases),
  fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 4, arbitrary: leaf as fc.Arbitrary<J | undefined> }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: fc.constant(undefined) })), { maxLength: max }))
  .map(([base, ms]) => {
    const doc = structuredClone(base)
    for (const [i, v] of ms) { const ps = paths(doc); if (ps.length > 0) setAt(doc, ps[i % ps.length]!.path, v) }
    return doc as J
  })
const mutatedConfig = fc.oneof(mutated(TEXT_BASES), mutated(STRUCTURED_BASES))
const configBody: fc.Arbitrary<J> = fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 2, arbitrary: textConfig }, { weight: 2, arbitrary: structuredConfig }, { weight: 4, arbitrary: mutatedConfig })
const simulateOptions = fc.oneof(anyJson, rec({
  mode: field('fast', 'detailed'),
  cycles: num(1, 2, 5),
  seed: num(1, 42),
  series: fc.oneof(fc.array(field('voltage', 'concentration', 'height', 'ce'), { maxLength: 7 }), anyJson),
}))
const simulateBody = fc.tuple(configBody, fc.option(fc.oneof(simulateOptions, mutated([{ mode: 'fast', cycles: 2, series: ['voltage', 'ce'] }, { mode: 'detailed', cycles: 1 }], 1)), { nil: undefined }))
  .map(([b, o]) => (b instanceof Obj && o !== undefined ? new Obj([...b.entries, ['options', o]]) : isPlain(b) && o !== undefined ? { ...b, options: o } : b))
const rangeEnd = fc.oneof(num(0.1, 20, 25, 60), field('0.1 mA cm-2', '20 mA cm-2', '1 mAh cm-2', '25 °C', '1 MPa'))
const varyItem = rec({
  parameter: field('currentDensity', 'capacity', 'temperature', 'stackPressure', 'additive', 'substrate', 'coating', 'solidElectrolyte'),
  range: fc.oneof({ weight: 3, arbitrary: fc.tuple(rangeEnd, rangeEnd) as fc.Arbitrary<J> }, { weight: 1, arbitrary: fc.array(rangeEnd, { maxLength: 4 }) as fc.Arbitrary<J> }, { weight: 1, arbitrary: anyJson }),
  values: fc.oneof(fc.array(field('FEC', 'none', 'Cu', 'LiNO3'), { maxLength: 7 }) as fc.Arbitrary<J>, anyJson),
})
const VARY_BASES: Array<Record<string, J>> = [
  { parameter: 'currentDensity', range: ['0.1 mA cm-2', '20 mA cm-2'] }, { parameter: 'additive', values: ['FEC', 'none'] },
  { parameter: 'temperature', range: [0, 60] }, { parameter: 'stackPressure', range: ['0.1 MPa', '10 MPa'] }, { parameter: 'substrate', values: ['Cu', 'Au'] },
]
const planValidish = fc.tuple(mutatedConfig, fc.array(mutated(VARY_BASES, 1), { minLength: 1, maxLength: 2 }), fc.option(hostileString, { nil: undefined }))
  .map(([baseConfiguration, vary, question]): J => ({ baseConfiguration, vary, ...(question !== undefined ? { question } : {}) }))
const planBody = fc.oneof({ weight: 2, arbitrary: planValidish }, { weight: 1, arbitrary: anyJson }, {
  weight: 4, arbitrary: withExtra(rec({
    question: field('where does the morphology change'), hypothesis: field('FEC suppresses whiskers'),
    baseConfiguration: configBody,
    vary: fc.oneof({ weight: 4, arbitrary: fc.array(varyItem, { maxLength: 3 }) as fc.Arbitrary<J> }, { weight: 1, arbitrary: anyJson }),
  })),
})
const compareBody = fc.oneof({ weight: 1, arbitrary: anyJson },
  { weight: 3, arbitrary: mutated([{ question: 'SEI composition at the nanoscale in a liquid electrolyte', constraints: { liquidElectrolyte: true, nanoscale: true, chemistry: true } }, { question: 'dendrite growth in 3D' }], 1) }, {
  weight: 4, arbitrary: withExtra(rec({
    question: field('SEI composition at the nanoscale in a liquid electrolyte', 'dendrite growth in 3D'),
    constraints: fc.oneof(rec({ liquidElectrolyte: field(true, false), intactCell: field(true), nanoscale: field(false), timeResolved: field(true), avoidBeamDamage: field(true), solidState: field(false), threeD: field(true), chemistry: field(true) }), anyJson),
  })),
})

// ---------------------------------------------------------------- requests

interface Req { method: string; path: string; headers?: Record<string, string>; body?: string }
const JSON_HEADERS = { 'content-type': 'application/json' }

/** encodeURIComponent, but a lone surrogate is sent as its (invalid) WTF-8 bytes instead of throwing. */
function enc(s: string): string {
  let out = ''
  for (const ch of s) {
    const u = ch.charCodeAt(0)
    out += ch.length === 1 && u >= 0xd800 && u <= 0xdfff
      ? `%${(0xe0 | (u >> 12)).toString(16)}%${(0x80 | ((u >> 6) & 0x3f)).toString(16)}%${(0x80 | (u & 0x3f)).toString(16)}`.toUpperCase()
      : encodeURIComponent(ch)
  }
  return out
}
/** Usually encoded; sometimes raw (unencoded `&`, `#`, `%`, `+`, spaces: what a careless client sends). */
const qv = (s: string, raw: boolean) => (raw ? s.replace(/[\ud800-\udfff]/g, '').replace(/#/g, '%23') : enc(s))
const queryString = (pairs: Array<[string, string]>, raw: boolean) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${qv(k, raw)}=${qv(v, raw)}`).join('&')}`)
const queryPairs = (keys: Record<string, fc.Arbitrary<string>>, max = 6) => fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.keys(keys)).chain((k) => (keys[k] as fc.Arbitrary<string>).map((v) => [k, v] as [string, string])) },
  { weight: 1, arbitrary: fc.tuple(keyArb, hostileString) },
), { maxLength: max })
const qval = (...valid: string[]) => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 3, arbitrary: hostileString })
const qnum = (...valid: string[]) => fc.oneof(fc.constantFrom(...valid), fc.constantFrom(...NAN_LIKE), hostileNumber.map(String), hostileString)
const STUDY_QUERY = {
  technique: qval('optical', 'sem', 'tem', 'FIB-SEM', 'liquid-cell-tem'), electrolyteClass: qval('carbonate', 'ether', 'garnet', 'liquid', 'solid-inorganic'),
  additive: qval('FEC', 'fluoroethylene carbonate', 'LiNO3'), salt: qval('LiPF6', 'LiTFSI'), solvent: qval('EC', 'DME'), substrate: qval('Cu', 'Pt'),
  solidElectrolyte: qval('LLZTO', 'LiPON'), morphology: qval('needle', 'whisker', 'dendritic'),
  jMin: qnum('2', '500 µA cm-2', '0.1'), jMax: qnum('6', '10 mA cm-2'), jUnit: fc.oneof(qval('uA/cm2', 'mA/cm2', 'A/m2', 'mA'), fc.constantFrom(...UNITISH)),
  yearMin: qnum('2010', '1899'), yearMax: qnum('2020', '2101'), limit: qnum('1', '100', '101', '0'), offset: qnum('0', '10', '1000001'),
}
const junkHeaders = fc.record({
  accept: fc.constantFrom('application/json', '*/*', 'text/html', 'application/problem+json', ''),
  'x-request-id': fc.oneof(fc.constantFrom('abc-123', 'a'.repeat(300), '../../etc', "'; DROP TABLE studies; --", 'x y', '=', '_-='), fc.string({ unit: 'grapheme-ascii', maxLength: 40 })),
  origin: fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1:5173'),
  authorization: fc.constantFrom('Bearer nope', 'Basic YTpi', `Bearer ${TOKEN}`, 'Bearer', ''),
}, { requiredKeys: [] }).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== '')) as Record<string, string>)
const get = (path: fc.Arbitrary<string>) => fc.tuple(path, junkHeaders).map(([p, headers]): Req => ({ method: 'GET', path: p, headers }))
const post = (path: string, body: fc.Arbitrary<J>) => body.map((b): Req => ({ method: 'POST', path, headers: JSON_HEADERS, body: emit(b) }))
const withQuery = (base: string, keys: Record<string, fc.Arbitrary<string>>, max?: number) =>
  fc.tuple(queryPairs(keys, max), fc.boolean()).map(([pairs, raw]) => base + queryString(pairs, raw))
const pathSegment = (...valid: string[]) => fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...valid).map(enc) },
  { weight: 4, arbitrary: hostileString.filter((s) => s.length > 0).map(enc) },
  { weight: 1, arbitrary: fc.constantFrom('..', '%2e%2e', '%2F', 'a%2Fb', '%', '%ZZ', '%E0%A4%A', '%00', '.', 'a/b', 'x?y=1', ';a=1', '*') },
)

// ---------------------------------------------------------------- the checks

const stats = { sent: 0, byRoute: new Map<string, number>(), okByRoute: new Map<string, number>(), byStatus: new Map<number, number>() }
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1)
const routeOf = (r: Req) => `${r.method} ${r.path.split('?')[0]!.replace(/^\/v1\/(studies|rules)\/[^/]+$/, '/v1/$1/{id}').replace(/^\/docs\/assets\/.*$/, '/docs/assets/{file}').slice(0, 40)}`

interface Sent { status: number; headers: Headers; text: string; problem?: Record<string, unknown> }

async function send(req: Req): Promise<Sent> {
  const res = await ctx.app.request(req.path, { method: req.method, headers: req.headers, body: req.body })
  const text = await res.text()
  stats.sent++
  bump(stats.byRoute, routeOf(req))
  bump(stats.byStatus, res.status)
  if (res.status < 300) bump(stats.okByRoute, routeOf(req))
  const where = () => `${req.method} ${req.path.slice(0, 300)}${req.body !== undefined ? ` body(${req.body.length})=${req.body.slice(0, 300)}` : ''} → ${res.status} ${text.slice(0, 400)}`
  const fail = (why: string): never => { throw new Error(`${why}: ${where()}`) }
  if (res.status >= 500) fail('server error')
  const rid = res.headers.get('x-request-id')
  if (!rid) fail('no x-request-id header')
  if (res.status < 400) return { status: res.status, headers: res.headers, text }
  if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) fail('4xx that is not application/problem+json')
  if (req.method === 'HEAD') return { status: res.status, headers: res.headers, text }
  let p: Record<string, unknown>
  try { p = JSON.parse(text) as Record<string, unknown> } catch { return fail('problem body is not JSON') }
  if (typeof p.type !== 'string' || typeof p.title !== 'string' || p.title === '') fail('problem without type/title')
  if (p.status !== res.status) fail('problem status differs from the HTTP status')
  if (p.request_id !== rid) fail('problem request_id differs from x-request-id')
  if (typeof p.detail !== 'string' || p.detail === '') fail('problem without a detail naming the cause')
  if (res.status === 400 || res.status === 422) {
    const errors = p.errors as Array<{ pointer?: unknown; detail?: unknown }> | undefined
    if (errors !== undefined && (!Array.isArray(errors) || errors.length === 0 || errors.some((e) => typeof e.pointer !== 'string' || !e.pointer.startsWith('/') || typeof e.detail !== 'string'))) fail('malformed errors[]')
  }
  return { status: res.status, headers: res.headers, text, problem: p }
}

const check = (arb: fc.Arbitrary<Req>, numRuns: number, extra?: (req: Req, res: Sent) => void | Promise<void>) =>
  fc.assert(fc.asyncProperty(arb, async (req) => {
    const res = await send(req)
    await extra?.(req, res)
  }), { seed: SEED, numRuns: runs(numRuns) })

// ---------------------------------------------------------------- database fingerprint

const TABLES = ['studies', 'experiments', 'observations', 'quantities', 'vocabulary', 'meta', 'search_doc', 'search_stats']
async function dbHash(): Promise<string> {
  const h = createHash('sha256')
  const client = ctx.deps.database.client
  for (const sql of [...TABLES.map((t) => `SELECT * FROM ${t} ORDER BY rowid`), 'SELECT rowid, * FROM search_fts ORDER BY rowid']) {
    const r = await client.execute(sql)
    h.update(sql)
    for (const row of r.rows) h.update(JSON.stringify(r.columns.map((_, i) => {
      const v = row[i]
      return typeof v === 'bigint' ? v.toString() : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v
    })))
  }
  return h.digest('hex')
}
async function counts() {
  const r = await ctx.deps.database.client.execute('SELECT (SELECT count(*) FROM studies) s, (SELECT count(*) FROM experiments) e, (SELECT count(*) FROM observations) o, (SELECT count(*) FROM quantities) q, (SELECT count(*) FROM search_doc) d')
  const row = r.rows[0]!
  return { studies: Number(row.s), experiments: Number(row.e), observations: Number(row.o), quantities: Number(row.q), searchDocs: Number(row.d), version: ctx.deps.store.current.version }
}

// ---------------------------------------------------------------- write bodies

let nextId = 0
/** A valid new study (unique id, DOI and experiment id) to mutate. */
function freshStudy(): { id: string; doc: Record<string, unknown> } {
  const id = `fuzz${nextId++}-2024`
  const doc = structuredClone(baseStudy) as Record<string, any>
  doc.id = id; doc.doi = `10.9999/fuzz.${id}`; doc.year = 2024
  doc.experiments[0].id = `${id}-a`
  return { id, doc }
}
/** JSON value of a different type than `v` (so the field is invalid whatever its schema). */
const wrongType = (v: unknown): fc.Arbitrary<unknown> => {
  const choices: fc.Arbitrary<unknown>[] = []
  if (typeof v !== 'number') choices.push(hostileNumber.filter(Number.isFinite))
  if (typeof v !== 'string') choices.push(hostileString)
  if (typeof v !== 'boolean') choices.push(fc.boolean())
  if (!Array.isArray(v)) choices.push(fc.array(fc.oneof(hostileString, hostileNumber.filter(Number.isFinite)), { maxLength: 3 }))
  if (v === null || typeof v !== 'object' || Array.isArray(v)) choices.push(fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }))
  return fc.oneof(...choices)
}
const REQUIRED_TOP = ['id', 'role', 'refs', 'authors', 'year', 'title', 'journal', 'doi', 'summary']
/** Mutations that make a valid document invalid: a required field of the wrong type (or removed), a bad id/DOI/year. */
const breakingMutation = (): fc.Arbitrary<Array<{ path: Path; value: unknown }>> => fc.oneof(
  fc.constantFrom(...REQUIRED_TOP).chain((k) => fc.oneof(wrongType(baseStudy[k]), fc.constant(undefined)).map((value) => [{ path: [k], value }])),
  fc.constantFrom('experiments', 'review', 'experiments/0/observations').chain((k) => wrongType(k === 'review' ? {} : []).map((value) => [{ path: k.split('/').map((x) => (/^\d+$/.test(x) ? Number(x) : x)), value }])),
  fc.constantFrom('experiments/0/id', 'experiments/0/technique/family', 'experiments/0/currentDensity/reported', 'experiments/0/observations/0/phase')
    .chain((p) => fc.constantFrom(...SQL, '', '  ', 'not-a-term zz', '\u202eFEC\u202c', '👩‍🔬🔋⚡', '\ud800').map((value) => [{ path: p.split('/').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), value }])),
  fc.oneof(fc.constantFrom(...SQL, 'doi:10.1/x', '10.1/x', ''), hostileString.filter((s) => !/^10\.\d{4,9}\/\S+$/.test(s))).map((value) => [{ path: ['doi'], value }]),
  fc.oneof(fc.double({ noInteger: true }), fc.constantFrom(-1, 0, 1e308, 99999), fc.constantFrom(...NAN_LIKE)).map((value) => [{ path: ['year'], value }]),
)
/** Any string leaf of the document replaced by a hostile string (may or may not be valid). */
const textMutation = () => fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SQL) }, { weight: 2, arbitrary: hostileString })), { minLength: 1, maxLength: 3 })

// ---------------------------------------------------------------- tests

beforeAll(async () => {
  ctx = await makeTestApp({ seeds: 'seeds', apiToken: TOKEN })
  baseStudy = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8')) as Record<string, unknown>
  delete baseStudy.$schema
}, 60_000)
afterAll(() => {
  const top = [...stats.byRoute.entries()].sort((a, b) => b[1] - a[1]).filter(([, n]) => n >= 20).map(([k, n]) => `${k}: ${n} (2xx ${stats.okByRoute.get(k) ?? 0})`).join(', ')
  const other = [...stats.byRoute.entries()].filter(([, n]) => n < 20)
  console.log(`fuzz: ${stats.sent} requests (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...stats.byStatus.entries()].sort((a, b) => a[0] - b[0])))}\n  ${top}\n  + ${other.reduce((n, [, k]) => n + k, 0)} requests over ${other.length} other method/route pairs`)
  ctx?.close()
})

describe('hostile input: no 5xx, every error a problem naming its cause', () => {
  test('GET /health, /openapi.json, /v1/techniques, /docs assets with junk queries and headers', async () => {
    await check(get(fc.oneof(
      withQuery('/health', { verbose: hostileString }), withQuery('/openapi.json', { format: hostileString }),
      withQuery('/v1/techniques', { q: hostileString }), pathSegment('swagger-ui.css', 'favicon-32x32.png').map((f) => `/docs/assets/${f}`),
    )), 300)
  }, TIMEOUT)

  test('GET /v1/studies and /v1/experiments: every filter hostile', async () => {
    await check(get(fc.oneof(withQuery('/v1/studies', STUDY_QUERY, 8), withQuery('/v1/experiments', STUDY_QUERY, 8))), 900, (_req, res) => {
      if (res.status === 200) expect((JSON.parse(res.text) as { items: unknown[] }).items.length).toBeLessThanOrEqual(100)
    })
  }, TIMEOUT)

  test('GET /v1/export', async () => {
    const format = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('csv', 'bibtex', 'csljson', 'jsonld') }, { weight: 1, arbitrary: hostileString })
    await check(get(fc.tuple(format, withQuery('/v1/export', STUDY_QUERY, 4)).map(([f, p]) => `${p}${p.includes('?') ? '&' : '?'}format=${enc(f)}`)), 300)
  }, TIMEOUT)

  test('GET /v1/studies/{id} and /v1/rules/{id}', async () => {
    await check(get(fc.oneof(
      pathSegment('wood-2016', 'porz-2017', 'beta-2021').map((id) => `/v1/studies/${id}`),
      pathSegment('low-stack-pressure-needle-extrusion').map((id) => `/v1/rules/${id}`),
    )), 500)
  }, TIMEOUT)

  test('GET /v1/search: lunr syntax abuse, over-long and hostile queries, absurd paging', async () => {
    const q = fc.oneof({ weight: 3, arbitrary: lunrAbuse }, { weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom('dendrite', 'LiPF6 +dendrit*', 'title:garnet', 'sei~1') },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('dendrite', 'LiPF6', 'sei', 'garnet', 'FEC', 'title:garnet', '+whisker'), hostileString).map(([a, b]) => `${a} ${b}`) })
    await check(get(withQuery('/v1/search', { q, limit: qnum('1', '100', '101'), offset: qnum('0', '10000', '10001') }, 4)), 700, (req, res) => {
      const url = new URL(req.path, 'http://x')
      const qs = url.searchParams.getAll('q')
      if (qs.length === 1 && (qs[0] as string).length > 200) expect([400, 414], req.path.slice(0, 200)).toContain(res.status)
      if (res.status === 200) expect((JSON.parse(res.text) as { hits: unknown[] }).hits.length).toBeLessThanOrEqual(100)
    })
  }, TIMEOUT)

  test('GET /v1/ask: hostile and over-long questions', async () => {
    const q = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: lunrAbuse },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('what happens at 3 mA cm-2 with FEC', 'compare OM and TEM for SEI', 'garnet LLZTO at 0.5 mA cm⁻² and 60 °C'), hostileString).map(([a, b]) => `${a} ${b}`) })
    await check(get(withQuery('/v1/ask', { q }, 3)), 500, (req, res) => {
      const qs = new URL(req.path, 'http://x').searchParams.getAll('q')
      if (qs.length === 1 && (qs[0] as string).length > 500) expect([400, 414], req.path.slice(0, 200)).toContain(res.status)
    })
  }, TIMEOUT)

  test('GET /v1/rules?study=', async () => {
    await check(get(withQuery('/v1/rules', { study: qval('wood-2016', 'porz-2017') }, 3)), 200)
  }, TIMEOUT)

  test('POST /v1/predict', async () => { await check(post('/v1/predict', configBody), 700) }, TIMEOUT)

  test('POST /v1/simulate', async () => { await check(post('/v1/simulate', simulateBody), 300) }, TIMEOUT)

  test('POST /v1/plan', async () => { await check(post('/v1/plan', planBody), 250) }, TIMEOUT)

  test('POST /v1/plan: absurd or negative range ends are 400 naming the range', async () => {
    const ABSURD: Record<string, Array<number | string>> = {
      currentDensity: [1e308, -1e308, 1001, -5, 0, 5e-5, 5e-324, '1e300 mA cm-2', '-3 mA cm-2', '2000 A cm-2'],
      capacity: [1e308, 101, -5, 0, '0 mAh cm-2', '1e9 mAh cm-2'],
      temperature: [1e308, -1e308, 201, -61, '5000 °C', '-300 °C', '1e6 K'],
      stackPressure: [1e308, 1e6 + 1, -5, 0, '1e9 MPa', '-1 MPa'],
    }
    const body = fc.constantFrom(...Object.keys(ABSURD)).chain((p) => fc.tuple(fc.constant(p), fc.constantFrom(...ABSURD[p]!), fc.nat(1)))
      .map(([parameter, x, j]) => new Obj([['baseConfiguration', new Obj([['currentDensity', '1 mA cm-2']])],
        ['vary', [new Obj([['parameter', parameter], ['range', j === 0 ? [x, parameter === 'temperature' ? 25 : 1] : [parameter === 'temperature' ? 25 : 1, x]]])]]]))
    await check(post('/v1/plan', body), 100, (req, res) => {
      expect(res.status, req.body).toBe(400)
      const pointers = (res.problem?.errors as Array<{ pointer: string }>).map((e) => e.pointer)
      expect(pointers.some((p) => p.startsWith('/body/vary/0/range')), req.body).toBe(true)
    })
  }, TIMEOUT)

  test('POST /v1/techniques/compare', async () => { await check(post('/v1/techniques/compare', compareBody), 400) }, TIMEOUT)

  test('any method, any route: wrong content types, malformed JSON, binary bodies', async () => {
    const paths = ['/health', '/openapi.json', '/v1/studies', '/v1/studies/wood-2016', '/v1/experiments', '/v1/search?q=li', '/v1/ask?q=FEC',
      '/v1/rules', '/v1/rules/x', '/v1/techniques', '/v1/export?format=csv', '/v1/predict', '/v1/simulate', '/v1/plan', '/v1/techniques/compare',
      '/docs', '/', '/index.html', '/nope', '/v2/studies', '/../etc/passwd', '/%2e%2e/package.json']
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/problem+json', 'application/vnd.api+json',
      'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json;;;', '*/*', '')
    const body = fc.oneof(fc.constantFrom(...MALFORMED_JSON), anyJson.map(emit), fc.string({ unit: 'binary', maxLength: 200 }), fc.constant('a=1&b=2'))
    const req = fc.tuple(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), fc.constantFrom(...paths), contentType, body, junkHeaders)
      .map(([method, path, ct, b, h]): Req => ({ method, path, headers: { ...h, ...(ct ? { 'content-type': ct } : {}) }, body: method === 'GET' || method === 'HEAD' ? undefined : b }))
    await check(req, 400)
  }, TIMEOUT)

  test('limits: body size (413), JSON nesting depth (400), query length (414)', async () => {
    const endpoints = ['/v1/predict', '/v1/simulate', '/v1/plan', '/v1/techniques/compare', '/v1/studies', '/v1/studies/wood-2016']
    const big = fc.tuple(fc.constantFrom(...endpoints), fc.integer({ min: LIMITS.bodyBytes + 1, max: LIMITS.bodyBytes * 4 }), fc.constantFrom('a', 'é', '['))
      .map(([path, n, c]): Req & { expect: number; type: string } => ({ method: path.includes('wood') ? 'PUT' : 'POST', path, headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` },
        body: c === '[' ? '['.repeat(n) : `{"question":"${c.repeat(c === 'é' ? Math.ceil(n / 2) : n)}"}`, expect: 413, type: '/problems/payload-too-large' }))
    const deep = fc.tuple(fc.constantFrom(...endpoints), fc.integer({ min: LIMITS.jsonDepth + 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
      .map(([path, n, open, inString]): Req & { expect: number; type: string } => ({ method: path.includes('wood') ? 'PUT' : 'POST', path, headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` },
        // brackets inside a string do not count; the real nesting follows it
        body: `{"currentDensity":"${inString ? '['.repeat(50) : ''}","x":${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)}}`, expect: 400, type: '/problems/too-deeply-nested' }))
    const longQuery = fc.tuple(fc.constantFrom('/v1/studies', '/v1/search', '/v1/ask', '/health', '/v1/export'), fc.integer({ min: LIMITS.queryChars + 1, max: LIMITS.queryChars * 2 }))
      .map(([path, n]): Req & { expect: number; type: string } => ({ method: 'GET', path: `${path}?q=${'a'.repeat(n)}`, expect: 414, type: '/problems/query-too-long' }))
    const shallow = fc.tuple(fc.constantFrom('/v1/predict', '/v1/techniques/compare'), fc.integer({ min: 1, max: LIMITS.jsonDepth - 1 }))
      .map(([path, n]): Req & { expect: number; type: string } => ({ method: 'POST', path, headers: JSON_HEADERS, body: `{"x":${'['.repeat(n)}${']'.repeat(n)}}`, expect: 0, type: '' }))
    await check(fc.oneof(big, deep, longQuery, shallow), 150, (req, res) => {
      const want = req as Req & { expect: number; type: string }
      if (want.expect === 0) { expect(res.problem?.type, req.body).not.toBe('/problems/too-deeply-nested'); return }
      expect(res.status, req.path).toBe(want.expect)
      expect(res.problem?.type).toBe(want.type)
    })
  }, TIMEOUT)

  test('CORS for reads only; secure headers on every response', async () => {
    const read = await ctx.app.request('/v1/studies?limit=1', { headers: { origin: 'http://elsewhere.example' } })
    expect(read.headers.get('access-control-allow-origin')).toBe('*')
    expect(read.headers.get('access-control-expose-headers')).toMatch(/x-request-id/i)
    expect(read.headers.get('x-content-type-options')).toBe('nosniff')
    const preflight = await ctx.app.request('/v1/studies', { method: 'OPTIONS', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'GET' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD')
    const writePreflight = await send({ method: 'OPTIONS', path: '/v1/studies', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'POST' } })
    expect(writePreflight.headers.get('access-control-allow-origin')).toBeNull()
    const write = await send({ method: 'POST', path: '/v1/predict', headers: { ...JSON_HEADERS, origin: 'http://elsewhere.example' }, body: '{}' })
    expect(write.headers.get('access-control-allow-origin')).toBeNull()
    expect(write.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('hostile writes: rejected writes leave the database unchanged', () => {
  const auth = fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer wrong-token' }, { authorization: 'Bearer a b' }, { authorization: 'Basic YTpi' },
    { authorization: `bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, { authorization: TOKEN })
  const seedIds = ['wood-2016', 'porz-2017', 'bai-2016']

  /** Writes that must all be refused: no or wrong token (any body); right token with a random body, a broken document, a seed id, or a path/body id mismatch. */
  const rejected = fc.oneof(
    { weight: 2, arbitrary: fc.tuple(auth, fc.oneof(anyJson.map(emit), fc.constant('VALID')), fc.constantFrom('POST', 'PUT'), pathSegment('wood-2016', 'new-2024'))
      .map(([h, body, method, id]) => ({ method, path: method === 'POST' ? '/v1/studies' : `/v1/studies/${id}`, headers: { ...JSON_HEADERS, ...h }, body })) },
    { weight: 2, arbitrary: fc.tuple(anyJson, fc.constantFrom('POST', 'PUT'), pathSegment('new-2024')).map(([b, method, id]) => ({ method, path: method === 'POST' ? '/v1/studies' : `/v1/studies/${id}`, headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: emit(b) })) },
    { weight: 3, arbitrary: fc.tuple(breakingMutation(), fc.constantFrom('POST', 'PUT')).map(([m, method]) => ({ method, path: method === 'POST' ? '/v1/studies' : 'PUT-SELF', headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: 'BREAK', mutations: m })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...seedIds), textMutation()).map(([id, m]) => ({ method: 'PUT', path: `/v1/studies/${id}`, headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: 'SEED', mutations: m })) },
    { weight: 1, arbitrary: pathSegment('other-2024').map((id) => ({ method: 'PUT', path: `/v1/studies/${id}`, headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: 'MISMATCH' })) },
  )
  type W = { method: string; path: string; headers: Record<string, string>; body: string; mutations?: unknown }
  /** Fill in the document bodies (fresh ids each run, so only the intended fault can reject them). */
  function materialise(w: W): Req {
    if (w.body === 'VALID' || w.body === 'MISMATCH') {
      const { id, doc } = freshStudy()
      return { ...w, path: w.body === 'MISMATCH' ? w.path : w.path === '/v1/studies' ? w.path : `/v1/studies/${id}`, body: JSON.stringify(doc) }
    }
    if (w.body === 'BREAK') {
      const { id, doc } = freshStudy()
      for (const m of w.mutations as Array<{ path: Path; value: unknown }>) setAt(doc, m.path, m.value)
      return { ...w, path: w.path === 'PUT-SELF' ? `/v1/studies/${id}` : w.path, body: JSON.stringify(doc) }
    }
    if (w.body === 'SEED') {
      const id = w.path.split('/').pop() as string
      const doc = structuredClone(baseStudy) as Record<string, any>
      doc.id = id; doc.experiments[0].id = `${id}-x`
      applyText(doc, w.mutations as Array<[number, string]>)
      return { ...w, body: JSON.stringify(doc) }
    }
    return w
  }
  function applyText(doc: unknown, mutations: Array<[number, string]>) {
    const strings = paths(doc).filter((p) => typeof p.value === 'string' && p.path[0] !== 'id')
    for (const [i, s] of mutations) setAt(doc, strings[i % strings.length]!.path, s)
  }

  const rejectAll = async (numRuns: number) => {
    const before = await counts()
    await check(rejected.map((w) => materialise(w as W)), numRuns, (req, res) => {
      if (res.status < 300) throw new Error(`write accepted: ${req.method} ${req.path} ${req.headers?.authorization ?? ''} ${req.body?.slice(0, 300)} → ${res.status} ${res.text}`)
    })
    expect(await counts()).toEqual(before)
  }

  test('refused writes (no/wrong token, random bodies, broken documents, seed ids, id mismatch): database unchanged', async () => {
    const hash = await dbHash()
    const before = await counts()
    await rejectAll(500)
    expect(await counts()).toEqual(before)
    expect(await dbHash()).toBe(hash)
  }, TIMEOUT)

  test('SQL-injection and hostile strings in every text field of a valid document: stored verbatim or refused, nothing else changes', async () => {
    const start = await counts()
    let accepted = 0
    let acceptedExperiments = 0
    let acceptedObservations = 0
    await fc.assert(fc.asyncProperty(textMutation(), fc.boolean(), async (mutations, put) => {
      const { id, doc } = freshStudy()
      applyText(doc, mutations)
      const before = await counts()
      const res = await send({ method: put ? 'PUT' : 'POST', path: put ? `/v1/studies/${id}` : '/v1/studies', headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(doc) })
      const after = await counts()
      if (res.status === 201) {
        accepted++
        const exps = doc.experiments as Array<{ observations: unknown[] }>
        acceptedExperiments += exps.length
        acceptedObservations += exps.reduce((n, e) => n + e.observations.length, 0)
        expect(after.studies).toBe(before.studies + 1)
        expect(after.version).toBe(before.version + 1)
        const stored = await send({ method: 'GET', path: `/v1/studies/${id}` })
        expect(stored.status).toBe(200)
        const got = JSON.parse(stored.text) as Record<string, unknown>
        // text is stored as sent (lone surrogates aside: UTF-8 cannot carry them)
        for (const k of ['title', 'summary', 'journal'] as const) {
          if (typeof doc[k] === 'string' && !/[\ud800-\udfff]/.test(doc[k] as string)) expect(got[k]).toBe(doc[k])
        }
      } else {
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(after).toEqual(before)
      }
    }), { seed: SEED, numRuns: runs(250) })
    const end = await counts()
    expect(end.studies).toBe(start.studies + accepted)
    expect(end.experiments).toBe(start.experiments + acceptedExperiments)
    expect(end.observations).toBe(start.observations + acceptedObservations)
    // the tables the injection strings name are all still there
    const tables = (await ctx.deps.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => r.name)
    expect(tables).toEqual(expect.arrayContaining(['studies', 'experiments', 'observations', 'quantities', 'search_fts']))
    console.log(`fuzz writes: ${accepted} hostile-text documents accepted and stored verbatim, ${runs(250) - accepted} refused`)
  }, TIMEOUT)

  test('refused writes after user studies exist: database unchanged', async () => {
    const hash = await dbHash()
    await rejectAll(150)
    expect(await dbHash()).toBe(hash)
  }, TIMEOUT)

  test(`at least 5,000 requests in total`, () => {
    if (SCALE >= 1) expect(stats.sent).toBeGreaterThanOrEqual(5000)
  })
})
