/**
 * Synthetic knowledge base for scale and fault testing: study documents in the
 * shape of `seeds/studies/*.json` that pass `validateStudyDocs` against the real
 * vocabulary, with realistic variety — liquid carbonate / ether / sulfoxide
 * electrolytes and concentrated solvates with additives, garnet, sulfide and
 * LiPON solids, polymer electrolytes; substrates, coatings and current-collector
 * films; techniques of all five families; current densities log-uniform over
 * 10⁻³–10² mA cm⁻² written in varied units; temperatures, pressures, doses —
 * and observations drawn from the literature rules that fire for each
 * configuration (`outcomes.ts`).
 *
 * Everything synthetic is marked three ways: ids start `synth-`, DOIs are
 * under `10.0000/synthetic.`, titles start `[synthetic]` (and `gaps` says so).
 *
 * Pure and deterministic: study `i` depends only on (seed, tag, i), so the
 * first studies of a 10⁵-experiment run are those of a 10³ run.
 * @module
 */
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { Experiment, Observation, Quantity, StudyFile } from '../../schema/files/study-file.ts'
import { electrolyteClass, vocabLookup, type VocabLookup } from '../kb/rows.ts'
import type { Vocab } from '../kb/validate.ts'
import { drawOutcome, type Group, type Outcome } from './outcomes.ts'
import { createRng, type Rng } from './prng.ts'
import { compileRuleMatchers, matchRules, type CompiledRule } from './rule-match.ts'

export const SYNTH_ID_PREFIX = 'synth-'
export const SYNTH_DOI_PREFIX = '10.0000/synthetic.'
export const SYNTH_TITLE_PREFIX = '[synthetic]'
export const SYNTH_JOURNAL = 'Synthetic Data (generated; not a publication)'

/** True for a study this generator made (any of the three markers). */
export const isSynthetic = (s: { id: string; doi?: string; title?: string }): boolean =>
  s.id.startsWith(SYNTH_ID_PREFIX) || (s.doi?.startsWith(SYNTH_DOI_PREFIX) ?? false) || (s.title?.startsWith(SYNTH_TITLE_PREFIX) ?? false)

export interface SynthOptions {
  seed: number | string
  /** Total number of experiments to generate (spread over studies of `perStudy` experiments). */
  experiments: number
  /** Experiments per study, both ends included. Default [2, 8]. */
  perStudy?: readonly [number, number]
  /** Kebab-case tag in ids and DOIs: `synth-<tag>-<n>`. Default `s<seed>`. */
  tag?: string
  /** Index of the first study (to continue a run). Default 0. */
  startIndex?: number
}

/** Vocabulary-derived lookups and compiled rules, built once per run. */
export interface SynthContext {
  vocab: Vocab
  lookup: VocabLookup
  rules: CompiledRule[]
  techniques: Map<string, { family: string; name: string; timeResolved: boolean }>
  materials: Set<string>
  familyOf: Map<string, string>
  termsByFamily: Map<string, string[]>
}

export function createSynthContext(vocab: Vocab, rules: readonly RuleFile[]): SynthContext {
  const termsByFamily = new Map<string, string[]>()
  for (const m of vocab.morphology) termsByFamily.set(m.family, [...(termsByFamily.get(m.family) ?? []), m.id])
  return {
    vocab,
    lookup: vocabLookup(vocab),
    rules: compileRuleMatchers(rules),
    techniques: new Map(vocab.techniques.map((t) => [t.id, { family: t.family, name: t.name, timeResolved: t.timeResolved }])),
    materials: new Set(vocab.materials.map((m) => m.id)),
    familyOf: new Map(vocab.morphology.map((m) => [m.id, m.family])),
    termsByFamily,
  }
}

/** Study sizes (experiments per study) for a run: deterministic, summing exactly to `experiments`. */
export function* studyPlan(opts: SynthOptions): Generator<{ index: number; experiments: number }> {
  const [lo, hi] = opts.perStudy ?? [2, 8]
  let left = Math.max(0, Math.floor(opts.experiments))
  let index = opts.startIndex ?? 0
  while (left > 0) {
    const want = createRng(`${seedKey(opts)}:plan:${index}`).int(lo, hi)
    const n = Math.min(left, want)
    yield { index, experiments: n }
    left -= n
    index++
  }
}

/** Generate the studies of a run, one at a time (a run of 10⁵ experiments is ~20 000 studies). */
export function* generateStudies(ctx: SynthContext, opts: SynthOptions): Generator<StudyFile> {
  for (const { index, experiments } of studyPlan(opts)) yield generateStudy(ctx, opts, index, experiments)
}

const seedKey = (opts: SynthOptions) => `${String(opts.seed)}|${synthTag(opts)}`

export function synthTag(opts: Pick<SynthOptions, 'seed' | 'tag'>): string {
  const raw = opts.tag ?? `s${String(opts.seed)}`
  const tag = raw.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  if (tag === '') throw new Error(`synthetic tag "${raw}" has no letters or digits`)
  return tag
}

// ---------------------------------------------------------------------------------------------
// Number and quantity formatting: the way papers write them, in varied units.

/** `x` rounded to `sig` significant digits, as short as JavaScript writes it (`0.0012`, `250`, `1.5`). */
export const fmt = (x: number, sig = 2): string => String(Number(x.toPrecision(sig)))

const q = (reported: string, note?: string): Quantity => (note ? { reported, note } : { reported })

/** A current density in mA cm⁻², written the way a paper might (µA cm⁻², mA/cm2, A m⁻²…). */
export function currentDensityText(rng: Rng, jmA: number): string {
  const micro = jmA < 0.1 ? 0.8 : jmA < 1 ? 0.35 : 0.05
  const si = 0.08
  const r = rng.next()
  if (r < micro) return `${fmt(jmA * 1000)} ${rng.pick(['µA cm⁻²', 'μA cm⁻²', 'µA cm-2', 'uA/cm2', 'μA/cm²', 'µA cm^-2'])}`
  if (r < micro + si) return `${fmt(jmA * 10)} ${rng.pick(['A m⁻²', 'A/m2', 'A m-2'])}`
  return `${fmt(jmA)} ${rng.pick(['mA cm⁻²', 'mA cm⁻²', 'mA/cm2', 'mA cm-2', 'mA cm^-2', 'mA/cm²'])}`
}

function pressureText(rng: Rng, pa: number): string {
  if (pa >= 1e6) return rng.chance(0.2) ? `${fmt(pa / 1e5)} bar` : `${fmt(pa / 1e6)} MPa`
  if (pa >= 1e3) return rng.chance(0.15) ? `${fmt(pa / 6894.76)} psi` : `${fmt(pa / 1e3)} kPa`
  return `${fmt(pa)} Pa`
}

function temperatureText(rng: Rng, c: number): string {
  return rng.chance(0.12) ? `${fmt(c + 273.15, 3)} K` : `${fmt(c, 2)} °C`
}

// ---------------------------------------------------------------------------------------------
// Electrolyte systems.

type System = 'carbonate' | 'ether' | 'sulfoxide' | 'solvate' | 'garnet' | 'sulfide' | 'lipon' | 'polymer' | 'native'

const SYSTEMS: ReadonlyArray<readonly [System, number]> = [
  ['carbonate', 34], ['ether', 20], ['sulfoxide', 3], ['solvate', 7], ['garnet', 12], ['sulfide', 9],
  ['lipon', 6], ['polymer', 7], ['native', 2],
]

const GROUP: Record<System, Group> = {
  carbonate: 'carbonate', ether: 'ether', sulfoxide: 'carbonate', solvate: 'solvate', garnet: 'garnet',
  sulfide: 'sulfide', lipon: 'oxynitride', polymer: 'polymer', native: 'native-oxide',
}

type Electrolyte = Experiment['electrolyte']
type Component = Electrolyte['salts'][number]

const SUB: Record<string, string> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' }
/** `LiPF6` → `LiPF₆` for names; ids stay as the vocabulary writes them. */
const pretty = (id: string): string => id.replace(/(?<=[A-Za-z)])(\d+)/g, (d) => [...d].map((x) => SUB[x] ?? x).join(''))

function additive(rng: Rng, id: string): Component {
  switch (id) {
    case 'FEC': return { id, amount: q(`${rng.pick([2, 5, 10, 10, 15, 20])} ${rng.pick(['wt%', 'vol%'])}`) }
    case 'VC': return { id, amount: q(`${rng.pick([1, 2, 2, 5])} wt%`) }
    case 'CsPF6': return { id, concentration: q(`${rng.pick([0.01, 0.05, 0.05, 0.1])} M`) }
    case 'LiNO3': return rng.chance(0.5) ? { id, amount: q(`${rng.pick([0.5, 1, 2, 5])} wt%`) } : { id, concentration: q(`${rng.pick([0.1, 0.2, 0.5])} M`) }
    case 'LiDFOB': return { id, amount: q(`${rng.pick([1, 2, 3])} wt%`) }
    case 'LiPO2F2': return rng.chance(0.5) ? { id, amount: q(`${rng.pick([0.5, 1, 2])} wt%`) } : { id, concentration: q(`${rng.pick([0.02, 0.05])} M`) }
    case 'ferrocene': return { id, concentration: q(`${rng.pick([5, 10, 20])} mM`) }
    default: return { id }
  }
}

function additiveText(a: Component): string {
  const amt = a.amount?.reported ?? a.concentration?.reported
  return amt ? `${amt} ${pretty(a.id)}` : pretty(a.id)
}

function liquidElectrolyte(rng: Rng, system: 'carbonate' | 'ether' | 'sulfoxide' | 'solvate', known: Set<string>): Electrolyte {
  const ok = (ids: readonly string[]) => ids.filter((x) => known.has(x))
  let salt: string
  let conc: number
  let solvents: string[]
  let ratio: string | undefined
  let kind: Electrolyte['kind'] = 'liquid'
  let additives: string[] = []
  if (system === 'carbonate') {
    salt = rng.weighted([['LiPF6', 6], ['LiTFSI', 1], ['LiFSI', 1], ['LiClO4', 1], ['LiDFOB', 0.3]])
    conc = rng.weighted([[1, 8], [0.5, 1], [1.2, 1], [2, 0.5]])
    solvents = rng.weighted<string[]>([[['EC', 'DMC'], 5], [['EC', 'DEC'], 3], [['EC', 'EMC'], 2], [['PC'], 1.5], [['EC', 'DMC', 'DEC'], 0.7], [['EC', 'PC'], 0.3]])
    ratio = solvents.length === 1 ? undefined : solvents.length === 3 ? '1:1:1 v/v' : rng.pick(['1:1 v/v', '1:1 v/v', '3:7 v/v', '1:2 v/v', '1:1 w/w', '1:1'])
    const pool = ok(['FEC', 'VC', 'CsPF6', 'LiNO3', 'LiDFOB', 'LiPO2F2', 'ferrocene'])
    const n = rng.weighted([[0, 5], [1, 4], [2, 1]])
    additives = rng.sample(rng.chance(0.5) ? ['FEC', ...pool] : pool, n)
    additives = [...new Set(additives)].filter((a) => a !== salt)
  } else if (system === 'ether') {
    salt = rng.weighted([['LiTFSI', 4], ['LiFSI', 2], ['LiPF6', 0.3]])
    conc = rng.weighted([[1, 6], [0.5, 1], [2, 1]])
    solvents = rng.weighted<string[]>([[['DOL', 'DME'], 5], [['DME'], 2], [['TEGDME'], 1], [['DOL'], 0.3]])
    ratio = solvents.length === 2 ? rng.pick(['1:1 v/v', '1:1 v/v', '1:1']) : undefined
    const n = rng.weighted([[0, 4], [1, 5], [2, 0.5]])
    additives = rng.sample(rng.chance(0.7) ? ['LiNO3', ...ok(['FEC', 'CsPF6', 'LiPO2F2'])] : ok(['LiNO3', 'FEC', 'CsPF6', 'LiPO2F2', 'ferrocene']), n)
    additives = [...new Set(additives)].filter((a) => a !== salt)
  } else if (system === 'sulfoxide') {
    salt = rng.pick(['LiTFSI', 'LiClO4'])
    conc = rng.pick([0.5, 1, 1])
    solvents = ['DMSO']
  } else {
    kind = 'ionic-liquid-solvate'
    salt = rng.pick(['LiFSI', 'LiTFSI'])
    if (rng.chance(0.5)) { solvents = ['DME']; conc = rng.pick([3, 4, 4, 4.5, 5]) } else { solvents = ['TEGDME']; conc = rng.pick([2.5, 3]) }
  }
  const saltC: Component = { id: salt, concentration: q(rng.chance(0.1) ? `${conc} mol L⁻¹` : `${conc} M`) }
  const adds = ok(additives).map((a) => additive(rng, a))
  const solventText = solvents.map(pretty).join(':')
  const name = `${conc} M ${pretty(salt)} in ${ratio ? `${ratio.split(' ')[0]} ` : ''}${solventText}${adds.length ? ` + ${adds.map(additiveText).join(' + ')}` : ''}`
  return {
    kind, name, salts: [saltC], solvents: ok(solvents).map((id) => ({ id })),
    ...(ratio ? { solventRatio: { reported: ratio } } : {}),
    additives: adds,
  }
}

function solidElectrolyte(rng: Rng, system: 'garnet' | 'sulfide' | 'lipon' | 'polymer' | 'native', known: Set<string>): Electrolyte {
  const ok = (ids: ReadonlyArray<readonly [string, number]>) => ids.filter(([x]) => known.has(x))
  if (system === 'garnet') {
    const id = rng.weighted(ok([['LLZTO', 3], ['LLZO', 2], ['LLZO-Al', 2]]))
    const form = rng.weighted<Required<Electrolyte>['solid']['form']>([['pellet', 4], ['polycrystal', 2], ['single-crystal', 1]])
    const thick = rng.pick(['300 µm', '500 µm', '1 mm', '1.5 mm', '0.8 mm'])
    return { kind: 'solid-inorganic', name: `${id} ${form}`, salts: [], solvents: [], additives: [], solid: { id, form, thickness: q(thick) } }
  }
  if (system === 'sulfide') {
    const id = rng.weighted(ok([['LPS-glass', 2], ['beta-Li3PS4', 2], ['Li2S-P2S5', 2], ['Li6PS5Cl', 3]]))
    const form = id === 'LPS-glass' ? 'glass' : id === 'Li2S-P2S5' ? rng.pick(['glass', 'pellet'] as const) : rng.pick(['pellet', 'polycrystal'] as const)
    return { kind: 'solid-inorganic', name: `${pretty(id)} ${form}`, salts: [], solvents: [], additives: [], solid: { id, form, thickness: q(rng.pick(['500 µm', '700 µm', '1 mm'])) } }
  }
  if (system === 'lipon') {
    return { kind: 'solid-inorganic', name: 'LiPON thin film', salts: [], solvents: [], additives: [], solid: { id: 'LiPON', form: 'thin-film', thickness: q(`${rng.pick([1, 1.5, 2, 3])} µm`) } }
  }
  if (system === 'polymer') {
    const id = rng.weighted(ok([['PEO', 3], ['SPE-LiTFSI', 2]]))
    const ratio = rng.pick(['EO:Li 20:1', 'EO:Li 16:1', 'EO:Li 10:1'])
    return {
      kind: 'polymer', name: `${id === 'PEO' ? 'PEO' : 'SPE'}–LiTFSI (${ratio})`, salts: [{ id: 'LiTFSI' }], solvents: [], additives: [],
      solid: { id, form: 'thin-film', thickness: q(`${rng.pick([20, 50, 80, 100, 150])} µm`) },
    }
  }
  return { kind: 'native-layer', name: 'native Li₂O layer on the Li counter electrode', salts: [], solvents: [], additives: [], solid: { id: 'Li2O', thickness: q(`${rng.pick([5, 10, 20])} nm`) } }
}

function buildElectrolyte(rng: Rng, system: System, known: Set<string>): Electrolyte {
  return system === 'carbonate' || system === 'ether' || system === 'sulfoxide' || system === 'solvate'
    ? liquidElectrolyte(rng, system, known) : solidElectrolyte(rng, system, known)
}

// ---------------------------------------------------------------------------------------------
// Techniques, cells, substrates, coatings.

type W = ReadonlyArray<readonly [string, number]>
const LIQUID_TECHS: W = [
  ['planar-om', 3], ['cross-section-om', 3], ['capillary-om', 1.5], ['liquid-cell-tem', 2], ['liquid-cell-stem', 1],
  ['haadf-stem', 0.5], ['etem', 0.3], ['in-situ-afm', 1.8], ['txm', 1], ['xri', 1], ['xrt', 1], ['stxm', 0.3], ['xfm', 0.2], ['cdi', 0.2],
]
const SOLID_TECHS: W = [['in-situ-sem', 3], ['fib-sem', 1], ['transmission-om', 1], ['planar-om', 0.7], ['dry-cell-tem', 1], ['afm-etem', 0.4], ['xrt', 1], ['txm', 0.5]]
const POLYMER_TECHS: W = [['cross-section-sem', 2], ['in-situ-sem', 1], ['planar-om', 1], ['xrt', 1.5], ['txm', 1]]

function techniquePool(system: System): W {
  if (system === 'polymer') return POLYMER_TECHS
  if (system === 'native') return [['open-cell-tem', 1]]
  if (system === 'garnet') return [...SOLID_TECHS, ['sem-electron-injection', 0.5]]
  if (system === 'lipon') return [...SOLID_TECHS.filter(([t]) => t !== 'transmission-om'), ['uhv-sem', 2]]
  if (system === 'sulfide') return SOLID_TECHS
  return LIQUID_TECHS
}

type Config = Experiment['cell']['configuration']

function cellFor(rng: Rng, system: System, technique: string): Config {
  if (technique === 'capillary-om') return 'capillary'
  if (['liquid-cell-tem', 'liquid-cell-stem', 'haadf-stem', 'etem'].includes(technique)) return rng.chance(0.8) ? 'liquid-cell' : 'microelectrode'
  if (technique === 'open-cell-tem' || technique === 'sem-electron-injection') return 'open-cell'
  if (technique === 'dry-cell-tem' || technique === 'afm-etem') return 'point-electrode'
  if (technique === 'in-situ-afm') return rng.pick(['li-substrate', 'li-cu', 'li-li'] as const)
  if (system === 'polymer') return rng.weighted<Config>([['li-li', 2], ['full-cell', 2], ['li-substrate', 2]])
  if (system === 'garnet' || system === 'sulfide' || system === 'lipon') {
    return rng.weighted<Config>([['li-substrate', 3], ['li-li', system === 'lipon' ? 0 : 2], ['point-electrode', 1], ['anode-free', 0.5]])
  }
  return rng.weighted<Config>([['li-li', 3], ['li-cu', 3], ['li-substrate', 2], ['anode-free', 1], ['full-cell', 1]])
}

const SUBSTRATES: Record<'liquid' | 'solid' | 'lipon' | 'polymer' | 'native', W> = {
  liquid: [['Cu', 4], ['Li', 2], ['Ni', 1], ['Ti', 1], ['SS', 1], ['W', 0.5], ['Pt', 1], ['Au', 1], ['Ag', 0.5], ['GC', 0.5],
    ['brass', 0.3], ['In', 0.3], ['Al', 0.2], ['Pd', 0.2], ['Bi', 0.2], ['Cr', 0.2]],
  solid: [['Li', 2], ['Cu', 2], ['Au', 1], ['Pt', 0.5], ['Ti', 0.5], ['Ni', 0.5], ['SS', 0.5], ['Al', 0.3], ['W', 0.3]],
  lipon: [['Cu', 3], ['Pt', 1.5], ['Ni', 1], ['Au', 0.5], ['Ti', 0.5]],
  polymer: [['Li', 2], ['Cu', 1.5], ['Ni', 1], ['Ti', 1], ['Au', 1], ['Ag', 1], ['In', 0.5], ['Pd', 0.5], ['Al', 0.5], ['Cr', 0.3], ['Bi', 0.3]],
  native: [['Si', 1], ['Sn', 1], ['CNT', 1], ['Au', 0.5], ['Cu', 0.5]],
}

function substrateFor(rng: Rng, system: System, config: Config, known: Set<string>): string {
  const pool = SUBSTRATES[system === 'lipon' ? 'lipon' : system === 'polymer' ? 'polymer' : system === 'native' ? 'native'
    : system === 'garnet' || system === 'sulfide' ? 'solid' : 'liquid'].filter(([id]) => known.has(id))
  if (system !== 'lipon' && system !== 'native') {
    if (config === 'li-li' || config === 'full-cell') return 'Li'
    if (config === 'li-cu') return 'Cu'
    if (config === 'anode-free') return rng.pick(['Cu', 'Cu', 'Ni', 'SS'].filter((x) => known.has(x)))
  }
  return rng.weighted(pool)
}

const FORM: Record<string, string> = { Li: 'foil', Cu: 'foil', Ni: 'foil', SS: 'foil', Ti: 'foil', W: 'wire', Pt: 'thin film', Au: 'thin film', GC: 'disc', CNT: 'nanotube', Si: 'nanowire', Sn: 'nanowire' }

function coatingsFor(rng: Rng, system: System, substrate: string, known: Set<string>): Experiment['coatings'] {
  const out: Experiment['coatings'] = []
  const has = (id: string) => known.has(id)
  if (system === 'lipon') {
    const t = rng.weighted<number>([[0.03, 1], [0.05, 1], [0.1, 1.5], [0.2, 1], [0.5, 1], [1, 1], [2, 0.7]])
    out.push({ id: substrate, role: 'current-collector-film', thickness: q(t < 1 ? `${fmt(t * 1000)} nm` : `${t} µm`), method: 'sputtered' })
    return out
  }
  if (system === 'garnet' && rng.chance(0.12) && has('Au')) out.push({ id: 'Au', role: 'interlayer', thickness: q(`${rng.pick([10, 20, 50])} nm`), method: 'sputtered' })
  if (system === 'carbonate' || system === 'ether' || system === 'solvate' || system === 'sulfoxide') {
    if (!rng.chance(0.18)) return out
    const options: W = substrate === 'Li'
      ? [['Al2O3', 2], ['LiF', 1], ['Li3N', 1], ['Li3Mg7', 0.5]]
      : substrate === 'SS' ? [['Ag', 2], ['Sb', 2], ['Au', 1]]
        : [['Au', 1], ['Ag', 1], ['LixSi', 1], ['Li3Mg7', 1], ['SEI@GNR', 1], ['N-HPCS', 1], ['LiF', 0.5]]
    const id = rng.weighted(options.filter(([x]) => has(x)))
    const role = id === 'Li3Mg7' || id === 'N-HPCS' ? 'host' : 'coating'
    const method = id === 'Al2O3' ? 'atomic layer deposition' : id === 'Au' || id === 'Ag' || id === 'Sb' ? 'sputtered' : undefined
    const thickness = id === 'Al2O3' ? q(`${rng.pick([2, 5, 10, 14, 20])} nm`) : id === 'Au' || id === 'Ag' || id === 'Sb' ? q(`${rng.pick([10, 20, 50, 100])} nm`) : undefined
    out.push({ id, role, ...(thickness ? { thickness } : {}), ...(method ? { method } : {}) })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// One study.

const SECTION: Record<string, readonly string[]> = { optical: ['2.1', '2.2', '2.3'], sem: ['3'], tem: ['4'], afm: ['5'], xray: ['6'] }
const SURNAMES = ['Synthetica', 'Placeholder', 'Exemplar', 'Fictivo', 'Simulata', 'Generata', 'Modello', 'Artificio', 'Surrogate', 'Mockwell']
const INITIALS = 'ABCDEFGHJKLMNPRSTVWXYZ'

interface ExpState {
  system: System
  electrolyte: Electrolyte
  technique: string
  config: Config
  substrate: string
}

const CELL_TYPE: Partial<Record<Config, string>> = { 'li-li': 'Li-Li', 'li-cu': 'Li-Cu', 'li-substrate': 'Li-Cu', 'anode-free': 'anode-free', 'full-cell': 'Li-cathode' }

export function generateStudy(ctx: SynthContext, opts: SynthOptions, index: number, nExperiments: number): StudyFile {
  const rng = createRng(`${seedKey(opts)}:study:${index}`)
  const tag = synthTag(opts)
  const id = `${SYNTH_ID_PREFIX}${tag}-${String(index).padStart(6, '0')}`
  const known = ctx.materials
  const pickTechnique = (system: System) => rng.weighted(techniquePool(system).filter(([t]) => ctx.techniques.has(t)))

  const system = rng.weighted(SYSTEMS)
  const baseTechnique = pickTechnique(system)
  const baseConfig = cellFor(rng, system, baseTechnique)
  const base: ExpState = {
    system, electrolyte: buildElectrolyte(rng, system, known), technique: baseTechnique, config: baseConfig,
    substrate: substrateFor(rng, system, baseConfig, known),
  }
  const baseTemp = system === 'polymer' ? rng.pick([50, 60, 60, 70, 80, 90]) : rng.weighted<number | undefined>([[undefined, 4], [25, 4], [22, 1], [30, 0.5], [60, 0.5]])
  const experiments: Experiment[] = []
  for (let k = 0; k < nExperiments; k++) {
    const s: ExpState = { ...base }
    // Each experiment of a study varies one or two things, as real series do.
    if (k > 0) {
      if (rng.chance(0.3)) s.electrolyte = buildElectrolyte(rng, system, known)
      if (rng.chance(0.15)) { s.technique = pickTechnique(system); s.config = cellFor(rng, system, s.technique) }
      if (rng.chance(0.2) || s.config !== base.config) s.substrate = substrateFor(rng, system, s.config, known)
    }
    experiments.push(generateExperiment(ctx, rng, `${id}-e${k + 1}`, s, baseTemp))
  }
  const families = [...new Set(experiments.map((e) => e.technique.family))].sort()
  const sections = [...new Set(experiments.map((e) => e.provenance.section))].sort()
  const first = experiments[0] as Experiment
  const techName = ctx.techniques.get(first.technique.variant)?.name ?? first.technique.variant
  const year = rng.int(2008, 2025)
  const authors = [...rng.sample(SURNAMES, rng.int(1, 3)).map((n) => `${rng.pick([...INITIALS])}. ${n}`), 'et al.']
  const topic = rng.pick([
    `${techName} of Li plating in ${first.electrolyte.name}`,
    `Li deposition and stripping on ${first.substrate?.id ?? 'Li'} observed by ${techName.toLowerCase()}`,
    `Current-density series of Li growth in ${first.electrolyte.name}`,
    `How ${first.electrolyte.name} shapes Li metal growth`,
  ])
  return {
    id, role: 'primary', refs: [], authors, year,
    title: `${SYNTH_TITLE_PREFIX} ${topic}`,
    journal: SYNTH_JOURNAL, volume: String(rng.int(1, 40)), pages: `${rng.int(1, 9000)}`,
    doi: `${SYNTH_DOI_PREFIX}${tag}.${index}`,
    review: { sections, figures: [] },
    techniques: families,
    summary: `Synthetic record generated for scale and fault testing (seed ${String(opts.seed)}, study ${index}); not a real study. `
      + `${experiments.length} experiment(s) by ${families.join(', ')} with ${[...new Set(experiments.map((e) => e.electrolyte.name))].slice(0, 3).join('; ')}.`,
    keyFindings: [],
    corrections: [],
    gaps: ['Synthetic: generated by src/synth/generate.ts; observations are drawn from the rule set and a class × current-density table, not measured.'],
    experiments,
  }
}

function generateExperiment(ctx: SynthContext, rng: Rng, id: string, s: ExpState, baseTemp: number | undefined): Experiment {
  const tech = ctx.techniques.get(s.technique)
  if (!tech) throw new Error(`technique ${s.technique} is not in the vocabulary`)
  const family = tech.family
  const liquid = s.electrolyte.kind === 'liquid' || s.electrolyte.kind === 'ionic-liquid-solvate'
  const solidKind = s.electrolyte.kind === 'solid-inorganic' || s.electrolyte.kind === 'native-layer'

  // Current density: log-uniform over five decades; sometimes a range or a list.
  const j = rng.logUniform(1e-3, 1e2)
  const shape = rng.weighted([['single', 85], ['range', 10], ['list', 5]] as const)
  let jValues: number[]
  let jText: string
  if (shape === 'single') {
    jValues = [Number(j.toPrecision(2))]
    jText = currentDensityText(rng, j)
  } else {
    const hi = Math.min(100, j * rng.pick([2, 3, 5, 10]))
    const unit = j < 0.1 ? 'µA cm⁻²' : 'mA cm⁻²'
    const k = unit === 'µA cm⁻²' ? 1000 : 1
    const a = fmt(j * k), b = fmt(hi * k)
    if (shape === 'range') { jValues = [Number(a) / k, Number(b) / k]; jText = `${a}–${b} ${unit}` } else {
      const m = fmt(Math.sqrt(j * hi) * k)
      jValues = [Number(a) / k, Number(m) / k, Number(b) / k]
      jText = `${a}, ${m} and ${b} ${unit}`
    }
  }
  const positive = jValues.filter((v) => v > 0)
  const jRep = positive.length > 0 ? Math.exp(positive.reduce((t, v) => t + Math.log(v), 0) / positive.length) : j

  const cycles = rng.weighted<number | undefined>([[undefined, 3], [1, 3], [rng.int(2, 10), 2], [rng.int(11, 300), 1.5]])
  const capacity = rng.chance(0.55) ? Number(rng.logUniform(0.05, 10).toPrecision(2)) : undefined
  const temperature = s.system === 'polymer' ? baseTemp
    : rng.chance(0.05) ? rng.pick([-20, -10, 0, 5]) : rng.chance(0.05) ? rng.pick([40, 45, 55, 60, 80, 100]) : baseTemp
  const pressurePa = solidKind
    ? (rng.chance(0.6) ? rng.logUniform(1e5, 1e8) : rng.chance(0.1) ? rng.logUniform(1e3, 1e4) : undefined)
    : s.system === 'polymer' ? (rng.chance(0.4) ? rng.logUniform(1e4, 1e6) : undefined)
      : rng.chance(0.12) ? rng.logUniform(1e4, 2e6) : undefined
  const dose = family === 'tem' && rng.chance(0.7) ? Number(rng.logUniform(0.01, 50).toPrecision(2)) : undefined
  const o2 = s.technique === 'uhv-sem' ? Number(rng.logUniform(1e-7, 1e-4).toPrecision(2)) : undefined
  const surfacePreparation: Experiment['surfacePreparation'] = s.system === 'garnet'
    ? [rng.weighted<Experiment['surfacePreparation'][number]>([['polished', 4], ['acid-etched', 1.5], ['fractured', 1], ['as-received', 1], ['heat-treated', 0.5]])]
    : s.system === 'sulfide' ? [rng.weighted<Experiment['surfacePreparation'][number]>([['polished', 3], ['pristine', 2], ['scratched', 1]])]
      : s.config === 'li-li' && rng.chance(0.2) ? ['polished'] : []
  const coatings = coatingsFor(rng, s.system, s.substrate, ctx.materials)
  const film = coatings.find((c) => c.role === 'current-collector-film')
  const filmUm = film?.thickness ? parseThicknessUm(film.thickness.reported) : undefined
  const stripping = rng.chance(0.2) ? Number(rng.logUniform(jRep / 3, Math.min(100, jRep * 3)).toPrecision(2)) : undefined
  const mode: Experiment['technique']['mode'] = tech.timeResolved && rng.chance(0.75) ? 'operando' : 'in-situ'

  const facts = {
    currentDensity: jRep, strippingCurrentDensity: stripping ?? jRep, capacity: capacity ?? null, temperature: temperature ?? null,
    stackPressure: pressurePa === undefined ? null : pressurePa / 1000, cycles: cycles ?? null,
    cellType: CELL_TYPE[s.config] ?? 'unknown',
    electrolyteKind: liquid ? 'liquid' : s.electrolyte.kind === 'polymer' ? 'polymer' : 'solid',
    electrolyteClass: electrolyteClass(s.electrolyte, ctx.lookup) ?? 'unknown',
    salts: s.electrolyte.salts.map((x) => x.id), solvents: s.electrolyte.solvents.map((x) => x.id),
    additives: s.electrolyte.additives.map((x) => x.id), saltConcentration: null,
    solidElectrolyte: s.electrolyte.solid?.id ?? 'none', solidForm: s.electrolyte.solid?.form ?? 'unknown',
    substrate: s.substrate, substrateLithiophilicity: ctx.lookup.lithiophilicityOf.get(s.substrate) ?? 'unknown',
    coatings: coatings.filter((c) => c.role !== 'mask').map((c) => c.id), surfacePreparation,
    technique: s.technique, techniqueFamily: family, electronDose: dose ?? null, oxygenPartialPressure: o2 ?? null,
    currentCollectorFilmThickness: filmUm ?? null,
  }
  const outcome = drawOutcome(rng, matchRules(ctx.rules, facts), GROUP[s.system], jRep, ctx.familyOf, ctx.termsByFamily)

  const section = rng.pick(SECTION[family] ?? ['1'])
  const counter = s.config === 'open-cell' || s.config === 'point-electrode' || s.config === 'li-li' || s.config === 'li-cu' || s.config === 'li-substrate'
    ? { id: 'Li', form: s.config === 'point-electrode' ? 'chip' : 'foil' } : undefined
  const cathode = s.config === 'full-cell' || s.config === 'anode-free' ? { id: rng.pick(['LiFePO4', 'LiCoO2'].filter((x) => ctx.materials.has(x))) } : undefined
  const exp: Experiment = {
    id,
    label: `${s.electrolyte.name}, ${s.substrate}, ${jText}, ${tech.name.split(' (')[0]}`,
    technique: { family: family as Experiment['technique']['family'], variant: s.technique, mode },
    cell: {
      configuration: s.config,
      workingElectrode: { id: s.substrate, ...(FORM[s.substrate] ? { form: FORM[s.substrate] } : {}) },
      ...(s.electrolyte.kind === 'native-layer'
        ? { counterElectrode: { id: 'Li', form: 'tip', note: 'Li metal with its native Li₂O layer' } }
        : counter ? { counterElectrode: counter } : {}),
      ...(cathode ? { cathode } : {}),
    },
    electrolyte: s.electrolyte,
    substrate: { id: s.substrate, ...(FORM[s.substrate] ? { form: FORM[s.substrate] } : {}) },
    coatings,
    surfacePreparation,
    currentDensity: q(jText),
    ...(stripping !== undefined ? { strippingCurrentDensity: q(currentDensityText(rng, stripping)) } : {}),
    potentialProgram: { kind: shape === 'single' ? 'galvanostatic' : 'stepped-current' },
    ...(capacity !== undefined ? { capacity: q(`${fmt(capacity)} ${rng.pick(['mAh cm⁻²', 'mAh/cm2', 'mAh cm-2'])}`) } : {}),
    ...(cycles !== undefined ? { cycles } : {}),
    ...(temperature !== undefined ? { temperature: q(temperatureText(rng, temperature)) } : {}),
    ...(pressurePa !== undefined ? { stackPressure: q(pressureText(rng, pressurePa)) } : {}),
    ...(o2 !== undefined ? { atmosphere: { description: 'UHV SEM chamber with a controlled O₂ partial pressure', oxygenPartialPressure: q(`${fmt(o2)} Pa`) } } : {}),
    ...(dose !== undefined ? { electronDose: q(`${fmt(dose)} e⁻ Å⁻² s⁻¹`) } : {}),
    provenance: { section, figures: [] },
    observations: observationsFor(rng, outcome, { section, cycles, liquid, jText }),
  }
  return exp
}

function parseThicknessUm(text: string): number | undefined {
  const m = /^([\d.]+)\s*(nm|µm)$/.exec(text)
  if (!m) return undefined
  return Number(m[1]) * (m[2] === 'nm' ? 1e-3 : 1)
}

const SEI_SPECIES: Record<string, string[]> = {
  'lif-rich': ['LiF', 'Li2O'], 'inorganic-rich': ['LiF', 'Li2O', 'Li3N'], 'oxide-shell': ['Li2O', 'LiOH'],
  'li2co3-shell': ['Li2CO3'], 'organic-rich': ['Li2CO3'], 'beam-altered': ['LiF', 'Li2CO3'], mosaic: ['Li2O', 'LiF', 'Li2CO3'], layered: ['Li2O', 'LiF'],
}
const DENSITY_TEXT: Record<string, string> = {
  increases: 'nucleus density rises with current', decreases: 'nucleus density falls', high: 'dense nucleation', low: 'sparse nucleation',
}
const CE_RANGE: Record<string, readonly [number, number]> = { none: [98, 99.6], low: [96, 99], moderate: [88, 96], high: [60, 88] }

function observationsFor(rng: Rng, o: Outcome, e: { section: string; cycles: number | undefined; liquid: boolean; jText: string }): Observation[] {
  const provenance = { section: e.section, figures: [] }
  const source = o.rule ? `rule ${o.rule.id}` : 'the class × current-density table'
  const mechanism = `Synthetic outcome drawn from ${source}.`
  const deadLi = o.deadLi === 'none' ? { present: false } : { present: true, level: o.deadLi }
  const out: Observation[] = []
  const morph = [o.label]
  out.push({
    phase: 'plating', cycle: 1, morphology: morph, growthMode: o.growthMode as Observation['growthMode'],
    ...(o.nucleation ? { nucleation: { sites: [], densityTrend: DENSITY_TEXT[o.nucleation] ?? o.nucleation } } : {}),
    ...(o.sei ? { sei: { species: SEI_SPECIES[o.sei] ?? [], structure: o.sei } } : {}),
    mechanical: [],
    ...(o.short ? { shortCircuit: { occurred: true, time: q(`${rng.int(2, 240)} min`) } } : {}),
    voltage: o.short ? [{ feature: 'flat', note: 'cell voltage collapses when the deposit bridges the electrodes' }] : [],
    mechanism,
    summary: `Synthetic: ${o.family} Li (${o.label}) grows by ${o.growthMode.join('/')} growth at ${e.jText}${o.short ? ' and shorts the cell' : ''}.`,
    provenance,
  })
  if (rng.chance(0.5)) {
    out.push({
      phase: 'stripping', cycle: 1, morphology: morph, growthMode: [], deadLi, mechanical: [], voltage: [], mechanism,
      summary: `Synthetic: stripping leaves ${o.deadLi === 'none' ? 'no' : o.deadLi} dead Li.`, provenance,
    })
  }
  if (e.cycles !== undefined && e.cycles > 1 && rng.chance(0.6)) {
    const [lo, hi] = CE_RANGE[o.deadLi] ?? [90, 99]
    const ce = lo + rng.next() * (hi - lo)
    out.push({
      phase: 'cycling', cycle: e.cycles >= 50 ? 'extended' : 'later', morphology: morph, growthMode: [], deadLi,
      mechanical: o.family === 'penetrating' && rng.chance(0.5) ? [{ event: 'electrolyte-crack' }] : [],
      ...(e.liquid ? { coulombicEfficiency: q(`${fmt(ce, 3)} %`) } : {}),
      voltage: [], mechanism,
      summary: `Synthetic: over ${e.cycles} cycles the deposit stays ${o.family}${o.caveat ? '; see the rule caveat' : ''}.`,
      ...(o.caveat ? { nucleation: { sites: [], note: o.caveat } } : {}),
      provenance,
    })
  }
  return out
}
