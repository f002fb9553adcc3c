/**
 * Experiment planning: given a base configuration and the parameters to vary,
 * choose a small matrix of conditions where the predictions change — points
 * bracketing each predicted transition (morphology family, dead-Li level,
 * short risk), the physical thresholds the simulator knows (Sand's capacity,
 * limiting current, critical current density), the range ends and a control —
 * each with its predicted outcome, the technique suggested to observe it, and why.
 * Pure and deterministic.
 * @module
 */
import type { KnowledgeBase } from '../kb/validate.ts'
import type { Conditions } from '../predict/kb-config.ts'
import { predict, type PredictContext, type Prediction } from '../predict/predict.ts'
import { compareTechniques } from '../techniques/index.ts'

export type NumericParameter = 'currentDensity' | 'capacity' | 'temperature' | 'stackPressure'
export type CategoricalParameter = 'additive' | 'substrate' | 'coating' | 'solidElectrolyte'
export type Vary =
  | { parameter: NumericParameter; range: [number, number] }
  | { parameter: CategoricalParameter; values: string[] }

const UNITS: Record<NumericParameter, string> = { currentDensity: 'mA/cm2', capacity: 'mAh/cm2', temperature: '°C', stackPressure: 'kPa' }
const LOG_SCALE: Record<NumericParameter, boolean> = { currentDensity: true, capacity: true, temperature: false, stackPressure: true }
export const GRID_POINTS = 16
export const MAX_ROWS = 12

export interface PlanRow {
  conditions: Record<string, number | string>
  role: 'control' | 'range-end' | 'transition' | 'threshold' | 'level'
  predicted: { family: string; label: string; deadLi: string; coulombicEfficiency: number | null; shortRisk: string; confidence: number }
  technique: { family: string; variant: string; why: string }
  why: string
}

export interface Plan {
  question: string
  base: Conditions
  vary: Vary[]
  transitions: Array<{ parameter: string; between: [number, number]; unit: string; change: string }>
  thresholds: Array<{ parameter: string; name: string; value: number; unit: string; source: string }>
  rows: PlanRow[]
}

function apply(c: Conditions, p: Vary['parameter'], v: number | string): Conditions {
  switch (p) {
    case 'currentDensity': return { ...c, currentDensity_mA_cm2: v as number }
    case 'capacity': return { ...c, capacity_mAh_cm2: v as number }
    case 'temperature': return { ...c, temperature_C: v as number }
    case 'stackPressure': return { ...c, stackPressure_kPa: v as number }
    case 'additive': return { ...c, electrolyte: { ...c.electrolyte, additives: v === 'none' ? [] : [...c.electrolyte.additives.filter((a) => a.id !== v), { id: v as string }] } }
    case 'substrate': return { ...c, substrate: v as string }
    case 'coating': return { ...c, coatings: v === 'none' ? [] : [v as string] }
    case 'solidElectrolyte': return { ...c, electrolyte: { ...c.electrolyte, kind: 'solid', salts: [], solvents: [], solid: { id: v as string } } }
  }
}

function grid(range: [number, number], log: boolean, n = GRID_POINTS): number[] {
  const [a, b] = range[0] <= range[1] ? range : [range[1], range[0]]
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1)
    const v = log && a > 0 ? a * (b / a) ** t : a + (b - a) * t
    return Number(v.toPrecision(3))
  })
}

const outcome = (p: Prediction) => `${p.morphology.family} / dead Li ${p.deadLi.level} / short ${p.shortRisk.level}`

/** Thresholds the simulator reports for the base configuration, in the varied parameter's unit. */
function thresholds(p: Prediction, parameter: NumericParameter, c: Conditions): Plan['thresholds'] {
  const q = p.simulation.quantities
  const out: Plan['thresholds'] = []
  if (parameter === 'currentDensity') {
    if (q.limitingCurrentDensity) out.push({ parameter, name: 'limiting current density (J_lim)', value: q.limitingCurrentDensity.value, unit: 'mA/cm2', source: 'physics.md §1.2' })
    if (q.criticalCurrentDensity) out.push({ parameter, name: 'critical current density (CCD)', value: q.criticalCurrentDensity.value, unit: 'mA/cm2', source: 'physics.md §5' })
  }
  if (parameter === 'capacity' && q.sandCapacity && q.limitingCurrentDensity && (c.currentDensity_mA_cm2 ?? 0) > q.limitingCurrentDensity.value) {
    out.push({ parameter, name: "Sand's capacity at this current density", value: q.sandCapacity.value, unit: 'mAh/cm2', source: 'Bai 2016; physics.md §1.2' })
  }
  return out.map((t) => ({ ...t, value: Number(t.value.toPrecision(3)) }))
}

/**
 * The technique to observe a row with: the best-ranked for the question and the row's topic. A plan
 * has few distinct (topic, solid) pairs, so rankings are kept in `cache` for the plan's rows.
 */
function suggestTechnique(base: Conditions, p: Prediction, kb: KnowledgeBase, question: string, cache: Map<string, PlanRow['technique']>): PlanRow['technique'] {
  const solid = base.electrolyte.kind === 'solid' || base.electrolyte.solid !== undefined
  const topic = p.morphology.family === 'penetrating' ? 'Li filaments and cracks inside the solid electrolyte, 3D internal structure'
    : /sei|interphase|lif|composition/i.test(question) ? 'SEI composition at the nanoscale'
      : 'Li deposit morphology and dead Li over time during plating and stripping'
  const key = `${solid} ${topic}`
  const hit = cache.get(key)
  if (hit) return hit
  const ranking = compareTechniques(`${question} ${topic}`, { liquidElectrolyte: !solid, solidState: solid, timeResolved: true }, kb).ranking
  const top = ranking[0]
  const variant = top?.variants[0]
  const technique = { family: top?.family ?? 'optical', variant: variant?.id ?? 'planar-om', why: variant?.strengths[0] ?? 'best match for the question' }
  cache.set(key, technique)
  return technique
}

/** Build the plan. `vary` holds one or two parameters; more are ignored (said in the result). */
export async function planExperiments(base: Conditions, vary: Vary[], question: string, ctx: PredictContext, kb: KnowledgeBase): Promise<Plan> {
  const basePrediction = await predict(base, ctx)
  const transitions: Plan['transitions'] = []
  const found: Plan['thresholds'] = []
  const levels: Array<Array<number | string>> = []
  for (const v of vary.slice(0, 2)) {
    if ('values' in v) { levels.push(['none', ...v.values.filter((x) => x !== 'none')]); continue }
    const points = grid(v.range, LOG_SCALE[v.parameter])
    const preds = await Promise.all(points.map((x) => predict(apply(base, v.parameter, x), ctx)))
    // Candidate levels with a priority: morphology changes first, then simulator thresholds,
    // then short-risk and dead-Li changes, then the ends of the range.
    const priority = new Map<number, number>()
    const want = (x: number, p: number) => priority.set(x, Math.min(p, priority.get(x) ?? Infinity))
    want(points[0] as number, 4); want(points[points.length - 1] as number, 4)
    for (let i = 1; i < points.length; i++) {
      const pa = preds[i - 1] as Prediction, pb = preds[i] as Prediction
      const a = outcome(pa), b = outcome(pb)
      if (a === b) continue
      transitions.push({ parameter: v.parameter, between: [points[i - 1] as number, points[i] as number], unit: UNITS[v.parameter], change: `${a} → ${b}` })
      const p = pa.morphology.family !== pb.morphology.family ? 1 : pa.shortRisk.level !== pb.shortRisk.level ? 3 : 5
      want(points[i - 1] as number, p); want(points[i] as number, p)
    }
    const [lo, hi] = [Math.min(...v.range), Math.max(...v.range)]
    for (const t of thresholds(basePrediction, v.parameter, base)) {
      if (t.value < lo || t.value > hi) continue
      found.push(t)
      want(Number((t.value * 0.7).toPrecision(3)), 2); want(Number((t.value * 1.3).toPrecision(3)), 2)
    }
    const otherLevels = vary.length > 1 && 'values' in (vary[1 - levels.length] ?? {}) ? (vary[1 - levels.length] as { values: string[] }).values.length + 1 : 1
    const budget = Math.max(2, Math.floor((MAX_ROWS - 1) / otherLevels))
    levels.push([...priority.entries()].filter(([x]) => x >= lo && x <= hi)
      .sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, budget).map(([x]) => x).sort((a, b) => a - b))
  }
  // Cross product of the chosen levels, thinned evenly to at most MAX_ROWS (the control is always kept).
  let combos: Array<Array<number | string>> = [[]]
  for (const l of levels) combos = combos.flatMap((c) => l.map((x) => [...c, x]))
  if (combos.length > MAX_ROWS - 1) {
    const step = combos.length / (MAX_ROWS - 1)
    combos = Array.from({ length: MAX_ROWS - 1 }, (_, i) => combos[Math.floor(i * step)] as Array<number | string>)
  }
  const rows: PlanRow[] = []
  const techniques = new Map<string, PlanRow['technique']>()
  const row = async (c: Conditions, values: Record<string, number | string>, role: PlanRow['role'], why: string, known?: Prediction) => {
    const p = known ?? await predict(c, ctx)
    rows.push({
      conditions: values, role,
      predicted: { family: p.morphology.family, label: p.morphology.label, deadLi: p.deadLi.level, coulombicEfficiency: p.deadLi.coulombicEfficiency?.value ?? null, shortRisk: p.shortRisk.level, confidence: p.confidence },
      technique: suggestTechnique(c, p, kb, question, techniques), why,
    })
  }
  await row(base, { control: 'base configuration' }, 'control', 'control: the base configuration as given', basePrediction)
  const named = vary.slice(0, 2)
  for (const combo of combos) {
    let c = base
    const values: Record<string, number | string> = {}
    const reasons: string[] = []
    let role: PlanRow['role'] = 'level'
    combo.forEach((x, i) => {
      const v = named[i] as Vary
      c = apply(c, v.parameter, x)
      values[v.parameter] = x
      if ('range' in v) {
        const t = transitions.find((tr) => tr.parameter === v.parameter && tr.between.includes(x as number))
        const th = found.find((f) => f.parameter === v.parameter && (Math.abs((x as number) / f.value - 0.7) < 0.01 || Math.abs((x as number) / f.value - 1.3) < 0.01))
        if (t) { role = 'transition'; reasons.push(`brackets the predicted change ${t.change} between ${t.between[0]} and ${t.between[1]} ${t.unit}`) }
        else if (th) { role = 'threshold'; reasons.push(`${(x as number) < th.value ? 'below' : 'above'} the ${th.name} (${th.value} ${th.unit})`) }
        else { if (role === 'level') role = 'range-end'; reasons.push(`end of the requested ${v.parameter} range`) }
      } else reasons.push(x === 'none' ? `without ${v.parameter} (control)` : `${v.parameter} = ${x}`)
    })
    await row(c, values, role, reasons.join('; '))
  }
  return { question, base, vary, transitions, thresholds: found, rows }
}
