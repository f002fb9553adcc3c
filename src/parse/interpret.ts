/**
 * Turn a scan (spans of cells, quantities, ratios, materials, keywords) into a
 * prediction configuration: attach amounts to the material they qualify, give
 * each material its role (salt, solvent, additive, solid electrolyte,
 * substrate, coating…), attach thicknesses, solvent ratios and forms, and
 * record every choice that was not written out as an assumption.
 * @module
 */
import { PredictionConfigSchema, type PredictionConfigInput } from '../predict/configuration.ts'
import type { ParsedQuantity } from '../units/parse.ts'
import { originalSpan } from './fold.ts'
import type { Classifier, Item, Scan } from './scan.ts'

export interface RecognisedSpan {
  /** `[start, end)` in the text as given. */
  span: [number, number]
  /** The text of the span as given. */
  text: string
  /**
   * What the span was read as — conditions: `cell`, `currentDensity`, `strippingCurrentDensity`, `capacity`,
   * `temperature`, `stackPressure`, `oxygenPartialPressure`, `electronDose`, `cycles`, `gap`, `time`;
   * electrolyte: `salt`, `solvent`, `additive`, `solid-electrolyte`, `polymer-electrolyte`, `concentration`,
   * `amount`, `solventRatio`, `solidForm`, `solidThickness`, `absent` (`FEC-free`); electrodes: `substrate`,
   * `coating`, `cathode`, `lithium`, `filmThickness`, `surfacePreparation`; `separator`, `separatorThickness`;
   * `technique`, `topic`, `morphology`, `intent`; `material` (named, no role), `ratio` and `quantity`
   * (understood but not used — the reason is in the assumptions).
   */
  as: string
  value: unknown
}

type Electrolyte = PredictionConfigInput['electrolyte']
type Salt = NonNullable<Electrolyte['salts']>[number]
type Solvent = NonNullable<Electrolyte['solvents']>[number]
type Additive = NonNullable<Electrolyte['additives']>[number]
type Solid = NonNullable<Electrolyte['solid']>

export interface Interpretation {
  conditions: Partial<PredictionConfigInput>
  techniques: string[]
  topics: string[]
  recognised: RecognisedSpan[]
  unrecognised: Array<{ text: string; span: [number, number] }>
  assumptions: string[]
  compare: boolean
}

/** Quantity kinds that are amounts of an electrolyte component. */
export const AMOUNT_KINDS: ReadonlySet<string> = new Set(['concentration', 'massFraction', 'volumeFraction', 'percent', 'moleFraction'])
type Role =
  | 'salt' | 'solvent' | 'additive' | 'solid-electrolyte' | 'polymer-electrolyte' | 'substrate' | 'coating' | 'cathode'
  | 'lithium' | 'absent' | 'surfacePreparation' | 'material'

const fmt = (x: number): string => String(Number(x.toPrecision(6)))

export function interpret(scan: Scan, cls: Classifier): Interpretation {
  const { items, folded } = scan
  const s = folded.s
  const out = new Map<Item, { as: string; value: unknown }>()
  const assumptions: string[] = []
  const note = (x: string) => { if (!assumptions.includes(x)) assumptions.push(x) }
  const orig = (it: { a: number; b: number }) => { const [x, y] = originalSpan(folded, it.a, it.b); return scan.text.slice(x, y) }
  const gap = (a: number, b: number) => (a <= b ? s.slice(a, b) : '\u0000')
  const cats = (id: string) => cls.categories(id)
  const mats = items.filter((it): it is Item & { type: 'material' } => it.type === 'material')

  // Amounts (1 M, 5 wt%) attach to the material right after them, or right before them ("FEC (5 wt%)").
  const amountOf = new Map<Item, ParsedQuantity>()
  const amountItem = new Map<Item, Item>()
  items.forEach((it, i) => {
    if (it.type !== 'quantity' || !AMOUNT_KINDS.has(it.q.kind)) return
    const next = items[i + 1]
    const prev = items[i - 1]
    if (next?.type === 'material' && !amountOf.has(next) && /^\s*(?:of\s+)?$/i.test(gap(it.b, next.a))) {
      amountOf.set(next, it.q); amountItem.set(it, next)
    } else if (prev?.type === 'material' && !amountOf.has(prev) && /^\s*(?:\(|,|at|:|=)?\s*$/i.test(gap(prev.b, it.a))) {
      amountOf.set(prev, it.q); amountItem.set(it, prev)
    }
  })

  const prevWord = (a: number): string => {
    const m = /(\S+)\s*$/.exec(s.slice(Math.max(0, a - 40), a))
    return (m?.[1] ?? '').toLowerCase()
  }
  const groupSolvents = (g: number | undefined) =>
    g === undefined ? 0 : mats.filter((m) => m.group === g && cats(m.id).includes('solvent')).length
  const pureSalt = (except: Item) => mats.some((m) => m !== except && cats(m.id).includes('salt') && !cats(m.id).includes('additive'))

  const roleOf = (m: Item & { type: 'material' }): Role => {
    const c = cats(m.id)
    const amount = amountOf.get(m)
    const prev = prevWord(m.a)
    if (m.modifier === 'free') return 'absent'
    if (m.id === 'Li') return 'lithium'
    if (m.id === 'HCl') return 'surfacePreparation'
    if (c.includes('polymer-electrolyte')) return 'polymer-electrolyte'
    if (c.includes('solid-electrolyte') && c[0] !== 'sei-species') return 'solid-electrolyte'
    if (c.includes('cathode')) return 'cathode'
    if (amount) {
      if (amount.kind === 'concentration') {
        if (c.includes('salt') && c.includes('additive')) {
          const v = amount.values[0] ?? 0
          const biggerSalt = mats.some((o) => o !== m && cats(o.id).includes('salt') && (amountOf.get(o)?.kind === 'concentration') && (amountOf.get(o)?.values[0] ?? 0) > v)
          return v < 0.3 || biggerSalt ? 'additive' : 'salt'
        }
        if (c.includes('salt')) return 'salt'
        if (c.includes('additive')) return 'additive'
        if (c.includes('solvent')) return 'solvent'
      } else {
        if (c.includes('additive')) return 'additive'
        if (c.includes('solvent')) return 'solvent'
        if (c.includes('salt')) return 'additive'
      }
    }
    if (c.includes('salt') && c.includes('additive')) {
      // "LiDFOB in EC:DMC" with no other salt is the salt; otherwise these are additives
      return !pureSalt(m) && /^\s+in\b/i.test(s.slice(m.b, m.b + 4)) ? 'salt' : 'additive'
    }
    if (c.includes('solvent') && c.includes('additive')) return groupSolvents(m.group) >= 2 || prev === 'in' ? 'solvent' : 'additive'
    if (c.includes('salt')) return 'salt'
    if (c.includes('solvent')) return 'solvent'
    if (c.includes('additive')) return 'additive'
    if (c.includes('host')) return 'coating'
    if (c.includes('substrate') || c.includes('coating')) {
      if (m.modifier === 'coated' || /coat/i.test(s.slice(m.a, m.b)) || /\bcoat(?:ed|ing)\s+(?:with|of|by)\s*$/i.test(s.slice(Math.max(0, m.a - 30), m.a))) return 'coating'
      return c.includes('substrate') ? 'substrate' : 'coating'
    }
    return 'material'
  }

  const c: Partial<PredictionConfigInput> = {}
  const salts: Salt[] = []
  const solvents: Solvent[] = []
  const additives: Additive[] = []
  const coatings: string[] = []
  const preps: string[] = []
  let solid: (Solid & { kind: 'solid' | 'polymer' }) | undefined
  let solventRatio: Electrolyte['solventRatio']
  const techniques: string[] = []
  const topics: string[] = []
  let compare = false
  let sepThickness: number | undefined
  let solidThickness: number | undefined
  const roles = new Map<Item, Role>()

  // Cells first: they fix the substrate and may carry the solid electrolyte.
  for (const it of items) {
    if (it.type !== 'cell') continue
    if (it.cell && c.cell === undefined) {
      c.cell = it.cell
      if (it.substrate) c.substrate = it.substrate
      if (it.note) note(it.note)
      if (it.solid) solid = { id: it.solid, kind: cats(it.solid).includes('polymer-electrolyte') ? 'polymer' : 'solid' }
      out.set(it, { as: 'cell', value: { cell: it.cell, ...(it.substrate ? { substrate: it.substrate } : {}), ...(it.solid ? { electrolyte: it.solid } : {}) } })
    } else if (it.cell && it.cell !== c.cell) {
      note(`"${orig(it)}" conflicts with the cell already read (${c.cell}); kept ${c.cell}`)
      out.set(it, { as: 'cell', value: { cell: it.cell, used: false } })
    } else {
      // The same cell again ("anode-free Cu||LFP"): take what the notation adds.
      if (it.substrate && c.substrate === undefined) c.substrate = it.substrate
      if (it.solid && !solid) solid = { id: it.solid, kind: cats(it.solid).includes('polymer-electrolyte') ? 'polymer' : 'solid' }
      out.set(it, { as: 'cell', value: { cell: it.cell, ...(it.substrate ? { substrate: it.substrate } : {}), ...(it.solid ? { electrolyte: it.solid } : {}) } })
    }
  }

  // Materials.
  for (const m of mats) {
    const role = roleOf(m)
    roles.set(m, role)
    const amount = amountOf.get(m)
    const add = (as: string, value: unknown = m.id) => out.set(m, { as, value })
    switch (role) {
      case 'salt': {
        const conc = amount?.kind === 'concentration' ? amount.values[0] : undefined
        if (!salts.some((x) => x.id === m.id)) salts.push(conc === undefined ? { id: m.id } : { id: m.id, concentration_M: conc })
        add('salt')
        break
      }
      case 'solvent': {
        const fraction = amount && amount.kind !== 'concentration' ? amount.values[0] : undefined
        if (!solvents.some((x) => x.id === m.id)) solvents.push(fraction === undefined ? { id: m.id } : { id: m.id, fraction })
        add('solvent')
        break
      }
      case 'additive': {
        if (!additives.some((x) => x.id === m.id)) {
          const a: Additive = { id: m.id }
          if (amount) {
            const v = amount.values[0] as number
            if (amount.kind === 'concentration') Object.assign(a, { amount: v, unit: 'M' })
            else if (amount.kind === 'massFraction') Object.assign(a, { amount: v, unit: 'wt%' })
            else if (amount.kind === 'volumeFraction') Object.assign(a, { amount: v, unit: 'vol%' })
            else if (amount.kind === 'percent') { Object.assign(a, { amount: v, unit: 'wt%' }); note(`"${fmt(v)} %" of ${m.id} read as ${fmt(v)} wt%`) }
            else note(`${amount.reported} of ${m.id} (a mole fraction) is not recorded: additive amounts are in wt%, vol% or M`)
          }
          additives.push(a)
        }
        add('additive')
        break
      }
      case 'solid-electrolyte':
      case 'polymer-electrolyte': {
        const kind = role === 'polymer-electrolyte' ? 'polymer' : 'solid'
        if (!solid) solid = { id: m.id, kind }
        else if (solid.id !== m.id) note(`several solid electrolytes named; used ${solid.id}, not ${m.id}`)
        add(role)
        break
      }
      case 'substrate':
        if (c.substrate === undefined) { c.substrate = m.id; add('substrate') }
        else if (c.substrate === m.id) add('substrate')
        else if (cats(m.id).includes('coating')) { if (!coatings.includes(m.id)) coatings.push(m.id); add('coating') }
        else { note(`several substrates named; used ${c.substrate}, not ${m.id}`); add('material') }
        break
      case 'coating':
        if (!coatings.includes(m.id)) coatings.push(m.id)
        add('coating')
        break
      case 'cathode':
        add('cathode')
        break
      case 'surfacePreparation':
        if (!preps.includes('HCl etching')) preps.push('HCl etching')
        add('surfacePreparation', 'HCl etching')
        break
      case 'absent':
        note(`"${orig(m)}": ${m.id} taken as absent`)
        add('absent')
        break
      case 'lithium':
        add('lithium')
        break
      default:
        add('material')
    }
  }
  if (c.cell === undefined && mats.some((m) => roles.get(m) === 'cathode')) {
    c.cell = 'Li-cathode'
    note('a cathode is named: cell read as Li-cathode')
  }

  // Ratios go to the solvents they follow (or precede), else to all solvents when the count matches.
  for (const [i, it] of items.entries()) {
    if (it.type !== 'ratio') continue
    const parts = it.ratio.parts
    const groupAt = (m: Item | undefined) => (m?.type === 'material' ? m.group : undefined)
    const prev = items[i - 1]
    const next = items[i + 1]
    let target: number | undefined
    if (prev?.type === 'material' && /^\s*[,(=]?\s*$/.test(gap(prev.b, it.a))) target = groupSolvents(groupAt(prev)) === parts.length ? 1 : undefined
    if (target === undefined && next?.type === 'material' && /^\s*(?:\)?\s*(?:of\s+)?)$/.test(gap(it.b, next.a))) target = groupSolvents(groupAt(next)) === parts.length ? 1 : undefined
    if (target === undefined && solvents.length === parts.length) target = 1
    if (target !== undefined && solventRatio === undefined) {
      solventRatio = { parts, basis: it.ratio.basis }
      out.set(it, { as: 'solventRatio', value: { parts, basis: it.ratio.basis } })
    } else {
      out.set(it, { as: 'ratio', value: { parts, basis: it.ratio.basis } })
      note(`ratio "${it.ratio.reported}" does not match the ${solvents.length} solvent(s) named; not used`)
    }
  }

  // Quantities.
  let time: { seconds: number } | undefined
  for (const [i, it] of items.entries()) {
    if (it.type !== 'quantity') continue
    const q = it.q
    const v = q.values[0] as number
    const set = (as: string, value: unknown) => out.set(it, { as, value })
    const unused = (why: string) => { set('quantity', { kind: q.kind, values: q.values, unit: q.unit }); note(why) }
    if (it.note) note(it.note)
    if (q.values.length > 1 && !AMOUNT_KINDS.has(q.kind)) note(`"${q.reported}" gives ${q.values.length} values; used the first, ${fmt(v)} ${q.unit}`)
    const before = s.slice(Math.max(0, it.a - 30), it.a).toLowerCase()
    const near = s.slice(Math.max(0, it.a - 25), Math.min(s.length, it.b + 25)).toLowerCase()
    switch (q.kind) {
      case 'currentDensity':
        if (/strip/.test(before) && c.strippingCurrentDensity_mA_cm2 === undefined) {
          c.strippingCurrentDensity_mA_cm2 = v; set('strippingCurrentDensity', { value: v, unit: 'mA/cm2' })
        } else if (c.currentDensity_mA_cm2 === undefined) {
          c.currentDensity_mA_cm2 = v; set('currentDensity', { value: v, unit: 'mA/cm2' })
        } else unused(`several current densities named; used ${fmt(c.currentDensity_mA_cm2)} mA/cm², not "${q.reported}"`)
        break
      case 'arealCapacity':
        if (c.capacity_mAh_cm2 === undefined) { c.capacity_mAh_cm2 = v; set('capacity', { value: v, unit: 'mAh/cm2' }) }
        else unused(`several capacities named; used ${fmt(c.capacity_mAh_cm2)} mAh/cm², not "${q.reported}"`)
        break
      case 'temperature':
        if (c.temperature_C === undefined) { c.temperature_C = v; set('temperature', { value: v, unit: '°C' }) }
        else unused(`several temperatures named; used ${fmt(c.temperature_C)} °C, not "${q.reported}"`)
        break
      case 'pressure': {
        const o2 = /\b(o2|oxygen|partial pressure|p\(o2\)|po2)\b/.test(near)
        if (o2 && c.oxygenPartialPressure_Pa === undefined) { c.oxygenPartialPressure_Pa = v; set('oxygenPartialPressure', { value: v, unit: 'Pa' }) }
        else if (c.stackPressure_kPa === undefined) { c.stackPressure_kPa = v / 1000; set('stackPressure', { value: v / 1000, unit: 'kPa' }) }
        else unused(`several pressures named; used ${fmt(c.stackPressure_kPa)} kPa, not "${q.reported}"`)
        break
      }
      case 'concentration':
      case 'massFraction':
      case 'volumeFraction':
      case 'percent':
      case 'moleFraction': {
        const target = amountItem.get(it)
        if (target?.type === 'material') {
          const role = roles.get(target)
          const used = role === 'salt' || role === 'additive' || role === 'solvent'
          set(q.kind === 'concentration' ? 'concentration' : 'amount', { value: v, unit: q.unit, of: target.id })
          if (!used) note(`"${q.reported}" of ${target.id} (${role}) is not recorded`)
        } else unused(`"${q.reported}" is not attached to a named material; not used`)
        break
      }
      case 'length': {
        const next = items[i + 1]
        const prev = items[i - 1]
        const adjNext = next && /^\s*(?:thick\s+)?$/i.test(gap(it.b, next.a)) ? next : undefined
        // "LLZTO pellet 500 µm thick": look back over form words
        let back = i - 1
        while (back > 0 && items[back]?.type === 'form' && /^\s*$/.test(gap((items[back - 1] as Item).b, (items[back] as Item).a))) back--
        const before1 = items[back]
        const adjPrev = before1 && prev && /^\s*[,(]?\s*$/.test(gap(prev.b, it.a)) && /^\s*(thick|thickness|\))/i.test(s.slice(it.b, it.b + 20)) ? before1 : undefined
        const bound = [adjNext, adjPrev].find((x) => x !== undefined && (x.type === 'separator' || (x.type === 'material' && ['solid-electrolyte', 'polymer-electrolyte', 'substrate'].includes(roles.get(x) ?? ''))))
        if (/\b(gap|spacing|distance|separation)\b/.test(near) && c.gap_um === undefined && !bound) {
          c.gap_um = v; set('gap', { value: v, unit: 'um' })
        } else if (bound?.type === 'separator') {
          set('separatorThickness', { value: v, unit: 'um' }); sepThickness ??= v
        } else if (bound?.type === 'material' && roles.get(bound) === 'substrate') {
          c.currentCollectorFilmThickness_um ??= v; set('filmThickness', { value: v, unit: 'um', of: bound.id })
        } else if (bound?.type === 'material') {
          solidThickness ??= v; set('solidThickness', { value: v, unit: 'um', of: bound.id })
        } else unused(`length "${q.reported}" is not attached to a separator, solid electrolyte, film or gap; not used`)
        break
      }
      case 'electronDose':
        c.electronDose_e_A2_s ??= v; set('electronDose', { value: v, unit: 'e/A2/s' })
        break
      case 'time':
        time ??= { seconds: v }
        set('time', { value: v, unit: 's' })
        break
      case 'current':
        unused(`"${q.reported}" is a current, not a current density (the electrode area is unknown); not used`)
        break
      case 'charge':
        unused(`"${q.reported}" is a charge, not an areal capacity (the electrode area is unknown); not used`)
        break
      case 'cRate':
        unused(`"${q.reported}" is a C-rate; without a cathode loading it is not converted to a current density`)
        break
      default:
        set('quantity', { kind: q.kind, values: q.values, unit: q.unit })
    }
  }
  if (c.capacity_mAh_cm2 === undefined && c.currentDensity_mA_cm2 !== undefined && time) {
    c.capacity_mAh_cm2 = Number((c.currentDensity_mA_cm2 * time.seconds / 3600).toPrecision(12))
    note(`capacity taken as current density × time = ${fmt(c.capacity_mAh_cm2)} mAh/cm²`)
  }

  // Everything else.
  let sepThicknessUsed = false
  for (const it of items) {
    switch (it.type) {
      case 'cycles':
        if (c.cycles === undefined) c.cycles = it.n
        out.set(it, { as: 'cycles', value: it.n })
        break
      case 'temperature-word':
        if (c.temperature_C === undefined) { c.temperature_C = it.value; note(`"${orig(it)}" read as ${it.value} °C`) }
        out.set(it, { as: 'temperature', value: { value: it.value, unit: '°C' } })
        break
      case 'separator':
        if (c.separator === undefined) {
          c.separator = { type: it.sep }
          if (sepThickness !== undefined) { c.separator.thickness_um = sepThickness; sepThicknessUsed = true }
          if (it.note) note(it.note)
        }
        out.set(it, { as: 'separator', value: it.sep })
        break
      case 'form':
        if (solid) solid.form ??= it.form
        else note(`"${orig(it)}" describes a solid electrolyte, but none is named; not used`)
        out.set(it, { as: 'solidForm', value: it.form })
        break
      case 'prep':
        if (!preps.includes(it.value)) preps.push(it.value)
        out.set(it, { as: 'surfacePreparation', value: it.value })
        break
      case 'technique':
        if (!techniques.includes(it.id)) techniques.push(it.id)
        out.set(it, { as: 'technique', value: it.family ? { family: it.id } : { id: it.id } })
        break
      case 'topic':
        if (!topics.includes(it.topic)) topics.push(it.topic)
        out.set(it, { as: 'topic', value: it.topic })
        break
      case 'morphology': {
        const t = cls.dendritic(it.id) ? 'dendrites' : 'morphology'
        if (!topics.includes(t)) topics.push(t)
        out.set(it, { as: 'morphology', value: it.family ? { family: it.family } : { id: it.id } })
        break
      }
      case 'compare':
        compare = true
        out.set(it, { as: 'intent', value: 'compare' })
        break
      default:
        break
    }
  }
  if (sepThickness !== undefined && !sepThicknessUsed) note('a separator thickness was given without a separator type; not used')
  if (solid && solidThickness !== undefined) solid.thickness_um = solidThickness

  // Electrolyte.
  const electrolyte: Electrolyte = {}
  if (solid) {
    const { kind, ...rest } = solid
    electrolyte.kind = kind
    electrolyte.solid = rest
  } else if (salts.length + solvents.length + additives.length > 0) electrolyte.kind = 'liquid'
  if (salts.length) electrolyte.salts = salts
  if (solvents.length) electrolyte.solvents = solvents
  if (solventRatio) electrolyte.solventRatio = solventRatio
  if (additives.length) electrolyte.additives = additives
  if (Object.keys(electrolyte).length > 0) c.electrolyte = electrolyte
  if (coatings.length) c.coatings = coatings
  if (preps.length) c.surfacePreparation = preps
  if (c.cell === 'Li-Cu' && c.substrate === undefined) { c.substrate = 'Cu'; note('Li-Cu cell: substrate taken as Cu') }
  if (techniques.length === 1 && !compare) c.technique = techniques[0]

  const recognised: RecognisedSpan[] = items.map((it) => {
    const [a, b] = originalSpan(folded, it.a, it.b)
    const r = out.get(it) ?? { as: it.type, value: null }
    return { span: [a, b], text: scan.text.slice(a, b), as: r.as, value: r.value }
  })
  const unrecognised = scan.unrecognised.map((t) => {
    const [a, b] = originalSpan(folded, t.a, t.b)
    return { text: scan.text.slice(a, b), span: [a, b] as [number, number] }
  })
  dropOutOfRange(c, note)
  return { conditions: order(c), techniques, topics, recognised, unrecognised, assumptions, compare }
}

const PartialConfig = PredictionConfigSchema.partial()

/** Remove values the predictor would refuse (0 mA/cm², 300 °C, 30 M…), saying so, so the conditions stay valid input. */
function dropOutOfRange(c: Partial<PredictionConfigInput>, note: (x: string) => void): void {
  for (let round = 0; round < 5; round++) {
    const r = PartialConfig.safeParse(c)
    if (r.success) return
    for (const issue of r.error.issues) {
      const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))
      let parent: unknown = c
      for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[k]
      const leaf = path[path.length - 1]
      if (leaf === undefined || typeof parent !== 'object' || parent === null) continue
      const value = (parent as Record<string | number, unknown>)[leaf]
      if (Array.isArray(parent) && typeof leaf === 'number') parent.splice(leaf, 1)
      else delete (parent as Record<string | number, unknown>)[leaf]
      note(`${path.join('.')} = ${JSON.stringify(value)} is outside what the predictor accepts (${issue.message}); not used`)
    }
  }
}

const KEY_ORDER: Array<keyof PredictionConfigInput> = [
  'cell', 'electrolyte', 'substrate', 'coatings', 'currentDensity_mA_cm2', 'strippingCurrentDensity_mA_cm2',
  'capacity_mAh_cm2', 'temperature_C', 'stackPressure_kPa', 'separator', 'gap_um', 'cycles', 'technique',
  'electronDose_e_A2_s', 'oxygenPartialPressure_Pa', 'surfacePreparation', 'currentCollectorFilmThickness_um',
]

/** Keys in a fixed order, so equal questions serialise identically. */
function order(c: Partial<PredictionConfigInput>): Partial<PredictionConfigInput> {
  const o: Record<string, unknown> = {}
  for (const k of KEY_ORDER) if (c[k] !== undefined) o[k] = c[k]
  return o as Partial<PredictionConfigInput>
}
