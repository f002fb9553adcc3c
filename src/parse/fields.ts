/**
 * Field-by-field parsers for a configuration written the way papers write it
 * (`{ cell: "Li||Cu", electrolyte: "1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC",
 * currentDensity: "0.5 mA cm⁻²", separator: "25 µm PE" }`) into the structured
 * `PredictionConfigInput`. Reuses the question parser's scanner and the unit
 * parser; every problem is returned as an error naming its field (JSON pointer
 * of the input field), with the nearest vocabulary ids for unknown names.
 * Never throws for user input.
 * @module
 */
import type { VocabIndex } from '../kb/vocab-index.ts'
import { termKey } from '../kb/vocab-index.ts'
import { PredictionConfigSchema, type PredictionConfig, type PredictionConfigInput } from '../predict/configuration.ts'
import { foldUnicode } from '../units/normalise.ts'
import { parseQuantity, UnitError, type ParsedQuantity } from '../units/parse.ts'
import type { QuantityKind } from '../units/units.ts'
import { AMOUNT_KINDS, interpret, type Interpretation } from './interpret.ts'
import { CELL_WORDS, DEFAULT_MATERIAL_CATEGORIES, NAMED_TEMPERATURES, SEPARATORS, table, type SeparatorType } from './lexicon.ts'
import { makeClassifier, scanText, type CellKind, type ParseOptions } from './scan.ts'

export type { ParseOptions } from './scan.ts'

export interface FieldError {
  /** JSON pointer of the input field at fault, e.g. `/currentDensity`. */
  pointer: string
  detail: string
  suggestions?: string[]
}

type Electrolyte = PredictionConfigInput['electrolyte']
type Separator = NonNullable<PredictionConfigInput['separator']>

/** The text fields accepted, each as papers write it. */
export interface ConfigurationTextFields {
  cell?: string
  electrolyte?: string
  substrate?: string
  /** One or several coatings, separated by commas, `+` or `and`. */
  coating?: string
  coatings?: string
  currentDensity?: string
  strippingCurrentDensity?: string
  capacity?: string
  temperature?: string
  stackPressure?: string
  separator?: string
  gap?: string
  cycles?: string
  technique?: string
  electronDose?: string
  oxygenPartialPressure?: string
  surfacePreparation?: string
  currentCollectorFilmThickness?: string
}

const FIELD_NAMES: ReadonlyArray<keyof ConfigurationTextFields> = [
  'cell', 'electrolyte', 'substrate', 'coating', 'coatings', 'currentDensity', 'strippingCurrentDensity', 'capacity',
  'temperature', 'stackPressure', 'separator', 'gap', 'cycles', 'technique', 'electronDose', 'oxygenPartialPressure',
  'surfacePreparation', 'currentCollectorFilmThickness',
]

/** Config key → input field, to name the field when the schema refuses a value. */
const FIELD_OF_KEY: Record<string, keyof ConfigurationTextFields> = table({
  cell: 'cell', electrolyte: 'electrolyte', substrate: 'substrate', coatings: 'coating',
  currentDensity_mA_cm2: 'currentDensity', strippingCurrentDensity_mA_cm2: 'strippingCurrentDensity',
  capacity_mAh_cm2: 'capacity', temperature_C: 'temperature', stackPressure_kPa: 'stackPressure', separator: 'separator',
  gap_um: 'gap', cycles: 'cycles', technique: 'technique', electronDose_e_A2_s: 'electronDose',
  oxygenPartialPressure_Pa: 'oxygenPartialPressure', surfacePreparation: 'surfacePreparation',
  currentCollectorFilmThickness_um: 'currentCollectorFilmThickness',
})

const ELECTROLYTE_PARTS = new Set([
  'salt', 'solvent', 'additive', 'solid-electrolyte', 'polymer-electrolyte', 'concentration', 'amount', 'solventRatio',
  'solidForm', 'solidThickness', 'absent',
])


/**
 * Field texts repeat (one electrolyte string, many current densities) and reading one is most of the
 * cost of a text-form prediction, so interpretations are kept per vocabulary (one per knowledge-base
 * snapshot) and parse options, for up to ANALYSIS_CACHE_SIZE texts, oldest out first. They are
 * frozen: callers copy what they change.
 */
const ANALYSIS_CACHE_SIZE = 2048
const analyses = new WeakMap<VocabIndex, { options?: ParseOptions; byText: Map<string, Interpretation> }>()

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x)
    for (const v of Object.values(x)) deepFreeze(v)
  }
  return x
}

function analyse(text: string, vocab: VocabIndex, options?: ParseOptions): Interpretation {
  let cache = analyses.get(vocab)
  if (!cache || cache.options !== options) analyses.set(vocab, cache = { options, byText: new Map() })
  const hit = cache.byText.get(text)
  if (hit) return hit
  const cls = makeClassifier(options)
  const r = deepFreeze(interpret(scanText(text, vocab, cls), cls))
  if (cache.byText.size >= ANALYSIS_CACHE_SIZE) cache.byText.delete(cache.byText.keys().next().value as string)
  cache.byText.set(text, r)
  return r
}

const isBlank = (t: unknown): boolean => typeof t !== 'string' || t.trim() === ''

// ---------------------------------------------------------------------------------------------------------------
// Electrolyte

/**
 * `"1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC"`, `"LLZTO"`, `"0.8 M LiTFSI in DOL/DME 8:2 v/v"`, `"4 M LiFSI in DME"`,
 * `"PEO-LiTFSI"`, `"LLZTO pellet, 500 µm"` → the electrolyte object; unknown names and pieces that are not
 * part of an electrolyte are errors at `pointer`.
 */
export function parseElectrolyteText(
  text: string, vocab: VocabIndex, options?: ParseOptions, pointer = '/electrolyte',
): { electrolyte: Electrolyte; errors: FieldError[]; assumptions: string[] } {
  const errors: FieldError[] = []
  if (isBlank(text)) return { electrolyte: {}, errors: [{ pointer, detail: 'no electrolyte given' }], assumptions: [] }
  try {
    const r = analyse(text, vocab, options)
    for (const u of r.unrecognised) {
      const suggestions = vocab.suggest('material', u.text)
      errors.push({ pointer, detail: `unknown material "${u.text}"`, ...(suggestions.length ? { suggestions } : {}) })
    }
    for (const x of r.recognised) {
      if (ELECTROLYTE_PARTS.has(x.as)) continue
      if (x.as === 'ratio') errors.push({ pointer, detail: `ratio "${x.text}" does not match the solvents named` })
      else if (x.as === 'quantity') {
        const kind = (x.value as { kind?: string } | null)?.kind ?? ''
        // an amount before an unknown name: the unknown name is the error
        if (!(AMOUNT_KINDS.has(kind) && r.unrecognised.length > 0)) errors.push({ pointer, detail: `"${x.text}" is not an electrolyte amount (give M, wt% or vol%)` })
      }
      else errors.push({ pointer, detail: `"${x.text}" is not part of an electrolyte (read as ${x.as})` })
    }
    const electrolyte = r.conditions.electrolyte ?? {}
    if (errors.length === 0 && Object.keys(electrolyte).length === 0) errors.push({ pointer, detail: `no electrolyte component found in "${text}"` })
    return { electrolyte, errors, assumptions: r.assumptions }
  } catch (e) {
    return { electrolyte: {}, errors: [{ pointer, detail: `could not read "${text}": ${(e as Error).message}` }], assumptions: [] }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Separator

const SEPARATOR_FILLER = /\b(separators?|membranes?|thick|thickness|of|with|a|an|the|film|sheet|layer|filter|paper)\b/gi

/** `"25 µm PE"`, `"glass fibre"`, `"GF/D"`, `"Celgard 2400"`, `"PP, 40% porosity"`, `"none"`, `"capillary"`. */
export function parseSeparatorText(text: string, pointer = '/separator'): { separator?: Separator; errors: FieldError[]; assumptions: string[] } {
  const errors: FieldError[] = []
  const assumptions: string[] = []
  if (isBlank(text)) return { errors: [{ pointer, detail: 'no separator given' }], assumptions }
  let rest = foldUnicode(text)
  const out: Partial<Separator> = {}
  const NUM = String.raw`[+-]?(?:\d+(?:\.\d+)?|\.\d+)`
  const take = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    const m = re.exec(rest)
    if (m) { f(m); rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length) }
  }
  take(/\bcelgard\s*®?\s*(\d{4})?/i, (m) => { out.type = 'PP'; assumptions.push(`"${m[0].trim()}" read as a polypropylene (PP) separator`) })
  take(new RegExp(String.raw`pore\s*size\s*(?:of\s*)?(${NUM}\s*[a-zA-Z]+)`, 'i'), (m) => {
    const q = quantity(m[1] as string, 'length', pointer, errors)
    if (q !== undefined) out.poreSize_nm = q * 1000
  })
  take(new RegExp(String.raw`(?:porosity\s*(?:of\s*)?(${NUM})\s*(%)?|(${NUM})\s*(%)\s*porosity)`, 'i'), (m) => {
    const v = Number(m[1] ?? m[3])
    const pct = (m[2] ?? m[4]) === '%' || v > 1
    out.porosity = pct ? v / 100 : v
  })
  take(new RegExp(String.raw`(${NUM})\s*(nm|um|mm|cm)\b`, 'i'), (m) => {
    const q = quantity(m[0], 'length', pointer, errors)
    if (q !== undefined) out.thickness_um = q
  })
  const words = rest.replace(SEPARATOR_FILLER, ' ').replace(/[(),;]/g, ' ').replace(/\s+/g, ' ').trim()
  if (words !== '') {
    const key = termKey(words)
    const hit = SEPARATORS[key] ?? SEPARATORS[key + ' separator']
    const direct: Record<string, SeparatorType> = table({ none: 'none', no: 'none', capillary: 'capillary', 'glass capillary': 'capillary', ceramic: 'ceramic' })
    if (hit) { out.type = hit.type; if (hit.note) assumptions.push(hit.note) }
    else if (direct[key]) out.type = direct[key]
    else if (out.type === undefined) {
      const known = [...new Set(Object.values(SEPARATORS).map((x) => x.type)), 'capillary']
      errors.push({ pointer, detail: `unknown separator "${words}"`, suggestions: known })
    } else errors.push({ pointer, detail: `unrecognised words "${words}" in the separator` })
  }
  if (out.type === undefined) {
    if (!errors.some((e) => e.detail.startsWith('unknown separator'))) errors.push({ pointer, detail: `no separator type (PE, PP, GF, ceramic, none, capillary) in "${text}"` })
    return { errors, assumptions }
  }
  const separator: Separator = { type: out.type }
  if (out.thickness_um !== undefined) separator.thickness_um = out.thickness_um
  if (out.porosity !== undefined) separator.porosity = out.porosity
  if (out.poreSize_nm !== undefined) separator.poreSize_nm = out.poreSize_nm
  return { separator, errors, assumptions }
}

// ---------------------------------------------------------------------------------------------------------------
// Cell

/** A vocabulary index of the built-in material ids, for callers without the knowledge base. */
function fallbackVocab(): VocabIndex {
  const ids = new Map(Object.keys(DEFAULT_MATERIAL_CATEGORIES).map((id) => [termKey(id), id]))
  ids.set('lithium', 'Li')
  ids.set('lfp', 'LiFePO4')
  ids.set('lco', 'LiCoO2')
  return {
    resolve: (kind, t) => (kind === 'material' ? ids.get(termKey(t)) : undefined),
    suggest: () => [],
    names: (kind) => (kind === 'material' ? [...new Set(ids.values())] : []),
  }
}

const CELL_ENUM: Record<string, CellKind> = table({ 'li-cu': 'Li-Cu', 'li-li': 'Li-Li', 'anode-free': 'anode-free', 'li-cathode': 'Li-cathode' })

/** `"Li||Cu"`, `"Li‖Cu"`, `"Li|Cu"`, `"Li/Cu"`, `"Li-Li"`, `"Li | LLZTO | Li"`, `"symmetric"`, `"anode-free"`, `"Cu||LFP"`, `"Li||LiFePO4"`. */
export function parseCellText(
  text: string, vocab?: VocabIndex, options?: ParseOptions, pointer = '/cell',
): { cell?: CellKind; substrate?: string; solid?: string; errors: FieldError[]; assumptions: string[] } {
  if (isBlank(text)) return { errors: [{ pointer, detail: 'no cell given' }], assumptions: [] }
  const key = termKey(text).replace(/\s+cells?$/, '')
  const direct = CELL_ENUM[key] ?? CELL_WORDS[key]
  if (direct) return { cell: direct, errors: [], assumptions: [] }
  try {
    const r = analyse(text, vocab ?? fallbackVocab(), options)
    const cells = r.recognised.filter((x) => x.as === 'cell')
    const others = r.recognised.filter((x) => x.as !== 'cell' && x.as !== 'lithium')
    const c = r.conditions
    if (cells.length === 0 || c.cell === undefined) {
      return { errors: [{ pointer, detail: `cannot read a cell from "${text}"; write e.g. "Li||Cu", "Li||Li", "Cu||LiFePO4", "anode-free"`, suggestions: Object.values(CELL_ENUM) }], assumptions: [] }
    }
    const errors: FieldError[] = [
      ...r.unrecognised.map((u) => ({ pointer, detail: `unrecognised "${u.text}" in the cell` })),
      ...others.filter((x) => x.as !== 'solid-electrolyte' && x.as !== 'polymer-electrolyte' && x.as !== 'substrate' && x.as !== 'cathode')
        .map((x) => ({ pointer, detail: `"${x.text}" is not part of a cell notation (read as ${x.as})` })),
    ]
    const assumptions = r.assumptions.filter((a) => !/substrate taken as Cu/.test(a))
    return {
      cell: c.cell,
      ...(c.substrate ? { substrate: c.substrate } : {}),
      ...(c.electrolyte?.solid ? { solid: c.electrolyte.solid.id } : {}),
      errors, assumptions,
    }
  } catch (e) {
    return { errors: [{ pointer, detail: `could not read "${text}": ${(e as Error).message}` }], assumptions: [] }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Quantities

/** One value of `kind` in canonical units, or an error at `pointer`. */
function quantity(text: string, kind: QuantityKind, pointer: string, errors: FieldError[]): number | undefined {
  let q: ParsedQuantity
  try { q = parseQuantity(text, kind) } catch (e) {
    errors.push({ pointer, detail: e instanceof UnitError ? e.message : `cannot read "${text}"` })
    return undefined
  }
  if (q.shape !== 'single') {
    errors.push({ pointer, detail: `"${text}" gives ${q.values.length} values (${q.shape}); give one` })
    return undefined
  }
  return q.values[0]
}

function temperature(text: string, pointer: string, errors: FieldError[], assumptions: string[]): number | undefined {
  const named = NAMED_TEMPERATURES[termKey(text)]
  if (named !== undefined) { assumptions.push(`"${text}" read as ${named} °C`); return named }
  const bareC = /^\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*C\s*$/.exec(foldUnicode(text))
  if (bareC) { assumptions.push(`"${text}" read as ${Number(bareC[1])} °C`); return Number(bareC[1]) }
  return quantity(text, 'temperature', pointer, errors)
}

// ---------------------------------------------------------------------------------------------------------------
// Materials

function material(
  text: string, want: readonly string[], vocab: VocabIndex, options: ParseOptions | undefined, pointer: string, errors: FieldError[],
): string | undefined {
  const cls = makeClassifier(options)
  const id = vocab.resolve('material', text.trim()) ?? (() => {
    const r = analyse(text, vocab, options)
    const hits = r.recognised.filter((x) => typeof x.value === 'string' && vocab.resolve('material', x.value) !== undefined)
    return hits.length === 1 && r.unrecognised.length === 0 ? (hits[0]?.value as string) : undefined
  })()
  if (id === undefined) {
    const suggestions = vocab.suggest('material', text.trim())
    errors.push({ pointer, detail: `unknown material "${text.trim()}"`, ...(suggestions.length ? { suggestions } : {}) })
    return undefined
  }
  const cats = cls.categories(id)
  if (cats.length > 0 && !cats.some((c) => want.includes(c))) {
    errors.push({ pointer, detail: `"${text.trim()}" is ${id}, a ${cats.join('/')} material, not a ${want[0]}` })
    return undefined
  }
  return id
}

// ---------------------------------------------------------------------------------------------------------------
// The whole configuration

export interface ConfigurationTextResult {
  /** The configuration read; check `errors` first — with errors it may be incomplete (even lack the current density). */
  config: PredictionConfigInput
  /** The configuration as validated by `PredictionConfigSchema`, when it passed. */
  validated?: PredictionConfig
  errors: FieldError[]
  assumptions: string[]
}

export function parseConfigurationText(
  fields: ConfigurationTextFields, vocab: VocabIndex, options?: ParseOptions,
): ConfigurationTextResult {
  const errors: FieldError[] = []
  const assumptions: string[] = []
  const cfg: Record<string, unknown> = {}
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return { config: cfg as PredictionConfigInput, errors: [{ pointer: '', detail: 'expected an object of text fields' }], assumptions }
  }
  const raw = fields as Record<string, unknown>
  for (const k of Object.keys(raw)) {
    if (!(FIELD_NAMES as readonly string[]).includes(k)) errors.push({ pointer: `/${k}`, detail: `unknown field "${k}"`, suggestions: [...FIELD_NAMES] })
  }
  const str = (k: keyof ConfigurationTextFields): string | undefined => {
    const v = raw[k]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    if (typeof v !== 'string') { errors.push({ pointer: `/${k}`, detail: 'must be a string' }); return undefined }
    return v.trim() === '' ? undefined : v
  }

  try {
    // Cell: may fix the substrate and a solid electrolyte.
    let cellSolid: string | undefined
    const cellText = str('cell')
    if (cellText !== undefined) {
      const r = parseCellText(cellText, vocab, options)
      errors.push(...r.errors); assumptions.push(...r.assumptions)
      if (r.cell) cfg.cell = r.cell
      if (r.substrate) cfg.substrate = r.substrate
      cellSolid = r.solid
    }

    const electrolyteText = str('electrolyte')
    let electrolyte: Electrolyte = {}
    if (electrolyteText !== undefined) {
      const r = parseElectrolyteText(electrolyteText, vocab, options)
      errors.push(...r.errors); assumptions.push(...r.assumptions)
      electrolyte = r.electrolyte
    }
    if (cellSolid) {
      if (electrolyte.solid === undefined) {
        const cats = makeClassifier(options).categories(cellSolid)
        electrolyte = { ...electrolyte, kind: cats.includes('polymer-electrolyte') ? 'polymer' : 'solid', solid: { id: cellSolid } }
      } else if (electrolyte.solid.id !== cellSolid) {
        errors.push({ pointer: '/electrolyte', detail: `the cell names ${cellSolid} but the electrolyte names ${electrolyte.solid.id}` })
      }
    }
    cfg.electrolyte = electrolyte

    const substrateText = str('substrate')
    if (substrateText !== undefined) {
      const id = material(substrateText, ['substrate'], vocab, options, '/substrate', errors)
      if (id !== undefined) {
        if (cfg.substrate !== undefined && cfg.substrate !== id) assumptions.push(`substrate ${id} given explicitly; the cell's ${String(cfg.substrate)} is replaced`)
        cfg.substrate = id
      }
    }
    if (cfg.cell === 'Li-Cu' && cfg.substrate === undefined) { cfg.substrate = 'Cu'; assumptions.push('Li-Cu cell: substrate taken as Cu') }

    const coatings: string[] = []
    for (const k of ['coating', 'coatings'] as const) {
      const t = str(k)
      if (t === undefined) continue
      for (const part of t.split(/\s*(?:,|;|\+|\band\b)\s*/).filter(Boolean)) {
        const id = material(part.replace(/\s+coat(?:ing|ed)$/i, ''), ['coating', 'host', 'substrate'], vocab, options, `/${k}`, errors)
        if (id !== undefined && !coatings.includes(id)) coatings.push(id)
      }
    }
    if (coatings.length) cfg.coatings = coatings

    const q = (k: keyof ConfigurationTextFields, kind: QuantityKind, key: string, scale = 1) => {
      const t = str(k)
      if (t === undefined) return
      const v = quantity(t, kind, `/${k}`, errors)
      if (v !== undefined) cfg[key] = v * scale
    }
    q('currentDensity', 'currentDensity', 'currentDensity_mA_cm2')
    q('strippingCurrentDensity', 'currentDensity', 'strippingCurrentDensity_mA_cm2')
    q('capacity', 'arealCapacity', 'capacity_mAh_cm2')
    q('stackPressure', 'pressure', 'stackPressure_kPa', 1 / 1000)
    q('oxygenPartialPressure', 'pressure', 'oxygenPartialPressure_Pa')
    q('gap', 'length', 'gap_um')
    q('currentCollectorFilmThickness', 'length', 'currentCollectorFilmThickness_um')
    q('electronDose', 'electronDose', 'electronDose_e_A2_s')
    const tText = str('temperature')
    if (tText !== undefined) {
      const v = temperature(tText, '/temperature', errors, assumptions)
      if (v !== undefined) cfg.temperature_C = v
    }
    if (raw.currentDensity === undefined || raw.currentDensity === null || (typeof raw.currentDensity === 'string' && raw.currentDensity.trim() === '')) {
      errors.push({ pointer: '/currentDensity', detail: 'a current density is required (e.g. "0.5 mA cm⁻²")' })
    }

    const cyclesText = str('cycles')
    if (cyclesText !== undefined) {
      const m = /^\s*(\d+)\s*(?:cycles?)?\s*$/i.exec(cyclesText)
      if (m) cfg.cycles = Number(m[1])
      else errors.push({ pointer: '/cycles', detail: `"${cyclesText}" is not a whole number of cycles` })
    }

    const sepText = str('separator')
    if (sepText !== undefined) {
      const r = parseSeparatorText(sepText)
      errors.push(...r.errors); assumptions.push(...r.assumptions)
      if (r.separator) cfg.separator = r.separator
    }

    const techText = str('technique')
    if (techText !== undefined) {
      const id = vocab.resolve('techniqueFamily', techText) ?? vocab.resolve('technique', techText)
      if (id) cfg.technique = id
      else {
        const suggestions = [...new Set([...vocab.suggest('techniqueFamily', techText), ...vocab.suggest('technique', techText)])].slice(0, 3)
        errors.push({ pointer: '/technique', detail: `unknown technique "${techText}"`, ...(suggestions.length ? { suggestions } : {}) })
      }
    }

    const prepText = str('surfacePreparation')
    if (prepText !== undefined) {
      const parts = prepText.split(/\s*[,;]\s*/).map((x) => x.trim()).filter(Boolean)
      const tooLong = parts.filter((x) => x.length > 40)
      if (tooLong.length) errors.push({ pointer: '/surfacePreparation', detail: `each preparation step must be at most 40 characters ("${tooLong[0]}")` })
      else cfg.surfacePreparation = parts
    }
  } catch (e) {
    errors.push({ pointer: '', detail: `could not read the configuration: ${(e as Error).message}` })
  }

  // The schema's own limits (ranges, counts), reported against the input field.
  const parsed = PredictionConfigSchema.safeParse(cfg)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF_KEY[String(issue.path[0] ?? '')]
      const pointer = field ? `/${field}` : '/' + issue.path.map(String).join('/')
      if (field === 'coating' && raw.coating === undefined && raw.coatings !== undefined) continue
      if (errors.some((e) => e.pointer === pointer)) continue
      const where = issue.path.slice(1).map(String).join('/')
      errors.push({ pointer, detail: `${where ? where + ': ' : ''}${issue.message}` })
    }
  }
  if (parsed.success) return { config: parsed.data, validated: parsed.data, errors, assumptions }
  return { config: cfg as PredictionConfigInput, errors, assumptions }
}
