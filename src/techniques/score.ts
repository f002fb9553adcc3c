/**
 * Score one technique variant of the vocabulary against a set of needs.
 *
 * Each need has a fit in [0, 1] computed only from the vocabulary entry's own
 * fields — `resolution`, `vacuum`, `liquidCompatible`, `timeResolved`,
 * `environment`, `reveals`, `limits`, `artefacts`, `access` — and every
 * strength or limit reported is one of that entry's strings, verbatim (the
 * `reveals`, `limits`, `artefacts`, `environment` or `resolution.note` /
 * `resolution.reported` text that drove the fit).
 * Strengths come only from needs met with fit ≥ 0.6, limits only from needs met
 * with fit < 1.
 *
 * Score = Σ weight·fit / Σ weight over the needs present plus two baseline
 * terms that always count, so the score lies in [0, 1]:
 *
 *   need                  weight  fit
 *   chemical-contrast     3       1 reveals name composition/chemistry/elements/EELS/EDX/diffraction;
 *                                 0 limits say "no chemical…"/"poor contrast for light elements"; 0.5 both; 0.3 neither
 *   resolution            2.5     from resolution.reported (length): 1 nm → 1, 10 nm → 0.7, 100 nm → 0.4, ≥ 1 μm → 0.1;
 *                                 without a value: 0.8 if reveals say nanoscale/atomic, 0.5 if a limit discusses resolution, else 0.4
 *   liquid-compatibility  3       liquidCompatible && !vacuum → 1; liquidCompatible && vacuum (sealed cell) → 0.75; otherwise 0
 *   time-resolution       2       timeResolved → 1 (0.8 when limits/artefacts name slow acquisition: projections, raster, frame rate); else 0
 *   penetration-3d        3       0.5 reveals 3D/tomography/reconstruction + 0.3 reveals internal/inside/subsurface/bulk
 *                                 + 0.2 environment or reveals an intact/working/coin cell − 0.3 limits "surface only",
 *                                 "projection-based", "only the exposed…", "destructive"…; clamped to [0, 1]
 *   intact-cell           2       1 environment names an intact/coin/working cell, else 0.6 without vacuum, 0.1 in vacuum;
 *                                 − 0.3 when limits/artefacts say tiny, idealised, simplified or modified cells; clamped
 *   surface-metrology     3       1 reveals topography/roughness/height/force mapping; 0.5 reveals a thickness; else 0.1
 *   solid-state           3       1 environment names solid electrolytes (solid-state, garnet, sulfide, LiPON, polymer);
 *                                 0.8 only reveals do; else 0.4 without vacuum, 0.1 in vacuum; − 0.3 "non-representative"/"no real electrolyte"
 *   avoid-electron-beam   2       electron microscope → 0; 0.7 when artefacts name (X-ray) radiation damage; else 1
 *   wide-field            2.5     1 reveals wide views/field of view/mosaic/electrode surface/numbers of sites; 0.7 for resolution ≥ 1 μm;
 *                                 else 0.4; − 0.3 when limits/artefacts say tiny electrodes, a single probe, a limited field of view
 *   sei-visibility        2       1 reveals mention the SEI, else 0.3; − 0.5 a limit says the SEI is invisible/hard to see/not the
 *                                 cell's own; − 0.2 an artefact says the beam alters the SEI; clamped
 *   deposit-morphology    1       1 reveals name dendrites/deposits/nucleation/growth/filaments, else 0.4; halved when limits say
 *                                 poor Li contrast or not yet used for Li metal
 *   baseline: access      0.5     benchtop 1, lab-x-ray 0.8, electron-microscope 0.6, synchrotron 0.3
 *   baseline: maturity    1       0 limits say not yet used / no published Li metal study; 0.3 findings transfer poorly
 *                                 or were set aside; 0.6 shown on a stand-in rather than Li metal; else 1
 *
 * A need that comes from an explicit constraint weighs 1.5 × its table weight.
 * @module
 */
import type { Technique } from '../../schema/files/vocab-files.ts'
import { parseQuantity } from '../units/parse.ts'
import type { NeedId } from './needs.ts'

export const NEED_WEIGHTS: Record<NeedId, number> = {
  'chemical-contrast': 3,
  resolution: 2.5,
  'liquid-compatibility': 3,
  'time-resolution': 2,
  'penetration-3d': 3,
  'intact-cell': 2,
  'surface-metrology': 3,
  'solid-state': 3,
  'avoid-electron-beam': 2,
  'wide-field': 2.5,
  'sei-visibility': 2,
  'deposit-morphology': 1,
}
export const BASELINE_WEIGHTS = { access: 0.5, maturity: 1 } as const
export const CONSTRAINT_FACTOR = 1.5
export const ACCESS_FIT: Record<Technique['access'], number> = {
  benchtop: 1, 'lab-x-ray': 0.8, 'electron-microscope': 0.6, synchrotron: 0.3,
}

export interface Fit { fit: number; strengths: string[]; limits: string[] }

const clamp = (x: number): number => Math.min(1, Math.max(0, x))
const pick = (list: readonly string[], re: RegExp): string[] => list.filter((s) => re.test(s))
const caveats = (t: Technique): string[] => [...t.limits, ...t.artefacts]

/** Resolution in μm from the vocabulary value, or null when absent or unreadable. */
export function resolutionMicrons(t: Technique): number | null {
  if (!t.resolution) return null
  try {
    const q = parseQuantity(t.resolution.reported, 'length')
    return q.max > 0 ? q.max : null
  } catch { return null }
}

const resolutionText = (t: Technique): string => t.resolution?.note ?? t.resolution?.reported ?? ''

function chemicalContrast(t: Technique): Fit {
  const pos = pick(t.reveals, /chemi|composition|element|\bEDX\b|\bEELS\b|diffraction|species|light-element/i)
  const neg = pick(t.limits, /no chemical|poor contrast for light elements/i)
  const fit = pos.length && neg.length ? 0.5 : pos.length ? 1 : neg.length ? 0 : 0.3
  return { fit, strengths: pos, limits: neg }
}

function resolution(t: Technique): Fit {
  const r = resolutionMicrons(t)
  if (r !== null) {
    const fit = clamp(1 - 0.3 * Math.log10(r / 0.001))
    const adjusted = Math.max(0.1, Math.min(1, fit))
    return adjusted >= 0.6
      ? { fit: adjusted, strengths: [t.resolution?.reported ?? ''], limits: [resolutionText(t)] }
      : { fit: adjusted, strengths: [], limits: [...pick(t.limits, /resolution/i), resolutionText(t)] }
  }
  const pos = pick(t.reveals, /nanoscale|nanometre|atomic|sub-micron/i)
  if (pos.length) return { fit: 0.8, strengths: pos, limits: [] }
  const neg = pick(t.limits, /resolution/i)
  if (neg.length) return { fit: 0.5, strengths: [], limits: neg }
  return { fit: 0.4, strengths: [], limits: [] }
}

function liquid(t: Technique): Fit {
  if (!t.liquidCompatible) {
    const neg = pick(caveats(t), /vacuum|liquid/i)
    return { fit: 0, strengths: [], limits: neg.length ? neg : [t.environment] }
  }
  if (!t.vacuum) return { fit: 1, strengths: [t.environment], limits: [] }
  return { fit: 0.75, strengths: [t.environment], limits: pick(caveats(t), /vacuum|liquid/i) }
}

function time(t: Technique): Fit {
  if (!t.timeResolved) return { fit: 0, strengths: [], limits: pick(t.limits, /acquisition|operando|time/i) }
  const slow = pick(caveats(t), /projections|raster|frame rate|acquisition/i)
  const pos = pick(t.reveals, /real-time|real time|during|over (?:days|weeks|cycles|extended)|stage-by-stage|moment|with time|evolution|dynamics|per cycle/i).slice(0, 2)
  return { fit: slow.length ? 0.8 : 1, strengths: pos, limits: slow }
}

const INTACT = /intact|coin cell|thick samples|working cell/i

function penetration(t: Technique): Fit {
  const three = pick(t.reveals, /\b3D\b|3-D|three-dimensional|tomograph|reconstruct/i)
  const internal = pick(t.reveals, /internal|inside|interior|subsurface|bulk of|buried/i)
  const intactEnv = INTACT.test(t.environment) ? [t.environment] : pick(t.reveals, /working cell/i)
  const neg = pick(t.limits, /surface only|projection-based|projected areas|top-down|only the exposed|destructive|under the Cu film/i)
  const fit = clamp((three.length ? 0.5 : 0) + (internal.length ? 0.3 : 0) + (intactEnv.length ? 0.2 : 0) - (neg.length ? 0.3 : 0))
  return { fit, strengths: [...new Set([...three, ...internal, ...intactEnv])], limits: neg }
}

function intactCell(t: Technique): Fit {
  const env = INTACT.test(t.environment)
  const neg = pick(caveats(t), /practical|cell-scale|tiny|micro-electrode|idealised|model thin-film|modif|simplified|little or no stack pressure|single probe/i)
  const base = env ? 1 : t.vacuum ? 0.1 : 0.6
  return { fit: clamp(base - (neg.length ? 0.3 : 0)), strengths: env ? [t.environment] : [], limits: env ? neg : [...neg, ...(t.vacuum ? [t.environment] : [])] }
}

function surface(t: Technique): Fit {
  const pos = pick(t.reveals, /topograph|roughness|height|force mapping|vertical sensitivity/i)
  if (pos.length) return { fit: 1, strengths: pos, limits: [] }
  const thick = pick(t.reveals, /thickness/i)
  if (thick.length) return { fit: 0.5, strengths: thick, limits: [] }
  return { fit: 0.1, strengths: [], limits: [] }
}

const SOLID = /solid[- ]electrolyte|solid-state|all-solid|garnet|sulfide|LiPON|LLZ|polymer|Li3PS4/i

function solidState(t: Technique): Fit {
  const neg = pick(caveats(t), /non-representative|no real electrolyte/i)
  const penalty = neg.length ? 0.3 : 0
  if (SOLID.test(t.environment)) return { fit: clamp(1 - penalty), strengths: [t.environment], limits: neg }
  const pos = pick(t.reveals, SOLID)
  if (pos.length) return { fit: clamp(0.8 - penalty), strengths: pos, limits: neg }
  return { fit: clamp((t.vacuum ? 0.1 : 0.4) - penalty), strengths: [], limits: [...neg, t.environment] }
}

function avoidBeam(t: Technique): Fit {
  if (t.access === 'electron-microscope') {
    const neg = pick(caveats(t), /beam|dose|radiolysis/i)
    return { fit: 0, strengths: [], limits: neg.length ? neg : [t.environment] }
  }
  const neg = pick(caveats(t), /radiation damage|beam/i)
  return { fit: neg.length ? 0.7 : 1, strengths: [], limits: neg }
}

function wideField(t: Technique): Fit {
  const pos = pick(t.reveals, /wide|field of view|mosaic|electrode surface|number of/i)
  const neg = pick(caveats(t), /field of view can differ|tiny|small chip|single probe|micro-electrode|sub-micron electrode|single layer|out of the focal plane/i)
  const r = resolutionMicrons(t)
  const base = pos.length ? 1 : r !== null && r >= 1 ? 0.7 : 0.4
  return { fit: clamp(base - (neg.length ? 0.3 : 0)), strengths: pos, limits: neg }
}

function seiVisibility(t: Technique): Fit {
  const pos = pick(t.reveals, /\bSEI\b|interphase/i)
  const invisible = pick(caveats(t), /SEI[^.]*invisible|no view of the SEI|SEI is hard to see|not the cell's own SEI|SEI chemistry[^.]*absent/i)
  const beam = pick(t.artefacts, /beam[^.]*SEI|irradiated SEI/i)
  const fit = clamp((pos.length ? 1 : 0.3) - (invisible.length ? 0.5 : 0) - (beam.length ? 0.2 : 0))
  return { fit, strengths: pos, limits: [...invisible, ...beam] }
}

const NOT_FOR_LI = /poor contrast for light elements|not yet used for Li metal|no published/i

function morphology(t: Technique): Fit {
  const pos = pick(t.reveals, /dendrit|morpholog|deposit|whisker|needle|nucle|growth|filament/i).slice(0, 2)
  const neg = pick(t.limits, NOT_FOR_LI)
  return { fit: (pos.length ? 1 : 0.4) * (neg.length ? 0.5 : 1), strengths: pos, limits: neg }
}

export const NEED_FITS: Record<NeedId, (t: Technique) => Fit> = {
  'chemical-contrast': chemicalContrast,
  resolution,
  'liquid-compatibility': liquid,
  'time-resolution': time,
  'penetration-3d': penetration,
  'intact-cell': intactCell,
  'surface-metrology': surface,
  'solid-state': solidState,
  'avoid-electron-beam': avoidBeam,
  'wide-field': wideField,
  'sei-visibility': seiVisibility,
  'deposit-morphology': morphology,
}

export function accessFit(t: Technique): Fit {
  const fit = ACCESS_FIT[t.access]
  return { fit, strengths: [], limits: fit < 1 ? pick(t.limits, /synchrotron|cost/i) : [] }
}

export function maturityFit(t: Technique): Fit {
  const none = pick(t.limits, /not yet used|no published/i)
  if (none.length) return { fit: 0, strengths: [], limits: none }
  const poor = pick(t.limits, /transfer poorly|sets these studies aside/i)
  if (poor.length) return { fit: 0.3, strengths: [], limits: poor }
  const standIn = pick(t.limits, /stand-in|not on Li metal itself/i)
  if (standIn.length) return { fit: 0.6, strengths: [], limits: standIn }
  return { fit: 1, strengths: [], limits: [] }
}

export interface BreakdownItem { need: NeedId | 'access' | 'maturity'; weight: number; fit: number }

export interface VariantScore {
  score: number
  strengths: string[]
  limits: string[]
  breakdown: BreakdownItem[]
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000

/**
 * Score `t` against `needs` (need id → weight). Strengths are listed from the
 * needs it meets best (fit ≥ 0.6), limits from the needs it meets worst
 * (fit < 1), each deduplicated, in need order.
 */
export function scoreVariant(t: Technique, needs: ReadonlyMap<NeedId, number>): VariantScore {
  const strengths: string[] = []
  const limits: string[] = []
  const breakdown: BreakdownItem[] = []
  let num = 0
  let den = 0
  const add = (need: BreakdownItem['need'], weight: number, f: Fit) => {
    num += weight * f.fit
    den += weight
    breakdown.push({ need, weight, fit: round3(f.fit) })
    if (f.fit >= 0.6) for (const s of f.strengths) if (!strengths.includes(s)) strengths.push(s)
    if (f.fit < 1) for (const s of f.limits) if (!limits.includes(s)) limits.push(s)
  }
  for (const [need, weight] of needs) add(need, weight, NEED_FITS[need](t))
  add('access', BASELINE_WEIGHTS.access, accessFit(t))
  add('maturity', BASELINE_WEIGHTS.maturity, maturityFit(t))
  return { score: round3(den > 0 ? num / den : 0), strengths: strengths.filter(Boolean), limits: limits.filter(Boolean), breakdown }
}
