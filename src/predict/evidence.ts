/**
 * Nearest knowledge-base experiments to a configuration, by a documented,
 * weighted distance over normalised conditions, and the contradictions among
 * close neighbours. Pure; the index is built once per knowledge-base snapshot.
 *
 * Distance (each term in [0, 1], weighted, divided by the sum of weights, so d ∈ [0, 1]):
 *   electrolyte kind (liquid/polymer/solid)       w = 3   0 same, 1 different
 *   electrolyte class (carbonate, ether, garnet…)  w = 2   0 same, 1 different
 *   solid electrolyte material                     w = 1.5 0 same, 1 different (solids only)
 *   additives                                      w = 2   1 − Jaccard(additive sets) (both empty → 0)
 *   current density                                w = 2   |log10 J − log10 J'| / 2, capped at 1
 *   substrate                                      w = 1.5 0 same; 0.5 same lithiophilicity class; 1 otherwise
 *   temperature                                    w = 0.75 |T − T'| / 50 °C, capped at 1
 *   stack pressure                                 w = 0.5 |log10 P − log10 P'| / 2 (kPa), capped at 1
 *   technique family                               w = 0.25 0 same, 1 different (technique caveats only)
 * A term whose value is unknown on either side counts 0.5 (neither match nor mismatch).
 * @module
 */
import type { StudyFile } from '../../schema/files/study-file.ts'
import { electrolyteClass, type VocabLookup } from '../kb/rows.ts'
import { electrolyteKind } from './config-facts.ts'
import { experimentConditions, experimentObserved, type Conditions, type Observed } from './kb-config.ts'

export const DISTANCE_WEIGHTS = {
  kind: 3, class: 2, solid: 1.5, additives: 2, currentDensity: 2, substrate: 1.5, temperature: 0.75, pressure: 0.5, technique: 0.25,
} as const

/**
 * The conditions the distance and the matching read, in one flat object of one shape (the
 * scans over every experiment read these, not the nested conditions).
 */
/** Experiments (and questions) without a temperature are taken as at room temperature. */
export const ROOM_TEMPERATURE_C = 25

export interface Features {
  kind: string
  class: string | null
  solid: string | null
  additives: string[]
  salts: string[]
  logJ: number | null
  /** Current density, mA/cm² (as given; `logJ` is null unless it is positive). */
  j: number | null
  substrate: string | null
  substrateClass: string | null
  coatings: string[]
  /** °C; room temperature (`ROOM_TEMPERATURE_C`) when not reported, as the distance and the matching take it. */
  temperature: number
  logP: number | null
  /** Technique family (or the variant when it has no known family). */
  technique: string | null
  techniqueVariant: string | null
}

/** One experiment as stored for the evidence search (the `evidence` table): no vocabulary-derived parts. */
export interface EvidenceRecord {
  studyId: string
  doi: string
  year: number
  /** First author's surname and the year, for answers that cite the study. */
  citation: string
  experimentId: string
  /** Position of the experiment in its study (0-based). */
  ordinal: number
  label: string
  figures: string[]
  conditions: Conditions
  /** Without morphology families: those come from the vocabulary when the record is loaded. */
  observed: Omit<Observed, 'families'>
}

export interface EvidenceItem extends Omit<EvidenceRecord, 'observed'> {
  observed: Observed
  features: Features
}

export interface EvidenceMatch extends Omit<EvidenceItem, 'features'> {
  distance: number
  /** The conditions that differ from the query (for explanations and contradictions). */
  differs: string[]
}

/** The distance features of a configuration (as the search computes them for a query). */
export function features(c: Conditions, lookup: VocabLookup): Features {
  const kind = electrolyteKind(c, lookup)
  return {
    kind,
    class: electrolyteClass({ kind, solid: c.electrolyte.solid, solvents: c.electrolyte.solvents }, lookup),
    solid: c.electrolyte.solid?.id ?? null,
    additives: c.electrolyte.additives.map((a) => a.id),
    salts: c.electrolyte.salts.map((a) => a.id),
    logJ: c.currentDensity_mA_cm2 && c.currentDensity_mA_cm2 > 0 ? Math.log10(c.currentDensity_mA_cm2) : null,
    j: c.currentDensity_mA_cm2 ?? null,
    substrate: c.substrate ?? null,
    substrateClass: c.substrate ? lookup.lithiophilicityOf.get(c.substrate) ?? null : null,
    coatings: c.coatings,
    temperature: c.temperature_C ?? ROOM_TEMPERATURE_C,
    logP: c.stackPressure_kPa && c.stackPressure_kPa > 0 ? Math.log10(c.stackPressure_kPa) : null,
    technique: c.technique ? lookup.techniqueFamilyOf.get(c.technique) ?? c.technique : null,
    techniqueVariant: c.technique ?? null,
  }
}

/**
 * Every primary experiment, ordered by study id (code units) and by position within its study;
 * `replaceStudyEvidence` keeps that order when a study is written. `groups` holds the same items
 * by their categorical conditions (everything but current density, temperature and pressure), so
 * the nearest-evidence search can skip whole groups that cannot come close.
 */
export interface EvidenceIndex {
  items: EvidenceItem[]
  byId: Map<string, EvidenceItem>
  groups: Map<string, EvidenceGroup>
  lookup: VocabLookup
}

export interface EvidenceGroup {
  features: Features
  items: EvidenceItem[]
  /** The items' numeric conditions as arrays (`groupColumns`): derived on use, dropped when `items` changes. */
  columns?: GroupColumns | undefined
}

/**
 * A group's items' current density, its log, temperature and log pressure, NaN where unknown. The
 * scans read these arrays instead of visiting each item: in the objects every such number is a heap
 * object of its own, and at 100k experiments following those pointers was most of a scan's time.
 */
export interface GroupColumns { j: Float64Array; logJ: Float64Array; temperature: Float64Array; logP: Float64Array }

export function groupColumns(g: EvidenceGroup): GroupColumns {
  if (!g.columns) {
    const n = g.items.length
    const c = { j: new Float64Array(n), logJ: new Float64Array(n), temperature: new Float64Array(n), logP: new Float64Array(n) }
    // One plain loop (`Float64Array.from` with a callback per column took 0.1 s over 100k experiments).
    for (let i = 0; i < n; i++) {
      const f = (g.items[i] as EvidenceItem).features
      c.j[i] = f.j ?? NaN
      c.logJ[i] = f.logJ ?? NaN
      c.temperature[i] = f.temperature
      c.logP[i] = f.logP ?? NaN
    }
    g.columns = c
  }
  return g.columns
}

/** The categorical conditions of an experiment, as a group key. */
const groupKey = (f: Features): string =>
  `${f.kind}\u0000${f.class}\u0000${f.solid}\u0000${[...f.additives].sort().join(',')}\u0000${f.substrate}\u0000${f.substrateClass}\u0000${f.technique}`

function addToGroups(index: Pick<EvidenceIndex, 'groups'>, item: EvidenceItem): void {
  const key = groupKey(item.features)
  const g = index.groups.get(key)
  if (g) {
    g.items.push(item)
    g.columns = undefined // (not `delete`: that would slow every read of the group)
  } else index.groups.set(key, { features: item.features, items: [item], columns: undefined })
}

function removeFromGroups(index: Pick<EvidenceIndex, 'groups'>, item: EvidenceItem): void {
  const key = groupKey(item.features)
  const g = index.groups.get(key)
  if (!g) return
  g.items = g.items.filter((i) => i !== item)
  g.columns = undefined
  if (g.items.length === 0) index.groups.delete(key)
}

export const citationOf = (s: Pick<StudyFile, 'authors' | 'year' | 'id'>): string => `${s.authors[0]?.split(/\s+/).pop() ?? s.id} ${s.year}`

/** The stored form of a study's experiments (none unless its role is "primary"). */
export function evidenceRecords(s: StudyFile): EvidenceRecord[] {
  if (s.role !== 'primary') return []
  return s.experiments.map((e, ordinal) => {
    const { families: _derived, ...observed } = experimentObserved(e, () => undefined)
    return {
      studyId: s.id, doi: s.doi, year: s.year, citation: citationOf(s), experimentId: e.id, ordinal, label: e.label,
      figures: [...new Set([...e.provenance.figures, ...e.observations.flatMap((o) => o.provenance.figures)])],
      conditions: experimentConditions(e), observed,
    }
  })
}

/** Rows of the `evidence` table for stored records. */
export const evidenceRows = (records: readonly EvidenceRecord[]): Array<{ experimentId: string; studyId: string; item: string }> =>
  records.map((r) => ({ experimentId: r.experimentId, studyId: r.studyId, item: JSON.stringify(r) }))

/** A stored record with its vocabulary-derived parts (morphology families, distance features) from `lookup`. */
export function evidenceItem(r: EvidenceRecord, lookup: VocabLookup): EvidenceItem {
  const families = [...new Set(r.observed.labels.flatMap((l) => lookup.familyOf.get(l) ?? []))]
  // One literal, fields in one order: every item gets the same shape whatever order the stored JSON
  // had, so the scans over all items stay fast (spread copies took the source's key order, and the
  // mix of shapes made each property read in those loops about 20× slower).
  return {
    studyId: r.studyId, doi: r.doi, year: r.year, citation: r.citation, experimentId: r.experimentId, ordinal: r.ordinal,
    label: r.label, figures: r.figures, conditions: r.conditions, observed: { ...r.observed, families }, features: features(r.conditions, lookup),
  }
}

/** Index order: study id (code units), then position in the study. */
const inIndexOrder = (a: EvidenceRecord, b: EvidenceRecord): number =>
  (a.studyId < b.studyId ? -1 : a.studyId > b.studyId ? 1 : 0) || a.ordinal - b.ordinal

/** A study's experiments as evidence items. */
export const studyEvidenceItems = (s: StudyFile, lookup: VocabLookup): EvidenceItem[] => evidenceRecords(s).map((r) => evidenceItem(r, lookup))

/** Index the primary experiments of `studies` plus already-built `items` (e.g. loaded from the database). */
export function buildEvidenceIndex(studies: readonly StudyFile[], lookup: VocabLookup, items: readonly EvidenceItem[] = []): EvidenceIndex {
  const all = [...studies.flatMap((s) => studyEvidenceItems(s, lookup)), ...items]
  all.sort(inIndexOrder)
  const index: EvidenceIndex = { items: all, byId: new Map(all.map((i) => [i.experimentId, i])), groups: new Map(), lookup }
  for (const i of all) addToGroups(index, i)
  return index
}

/** First position whose study id is not below `studyId` (`strict`: not at or below). */
function boundary(items: readonly EvidenceItem[], studyId: string, strict: boolean): number {
  let lo = 0, hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const id = (items[mid] as EvidenceItem).studyId
    if (id < studyId || (strict && id === studyId)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Per index: what is derived from its items on use (`studyRank`, `groupTable`); dropped by a write. */
const derived = new WeakMap<EvidenceIndex, { rank?: Map<string, number>; table?: GroupTable }>()
const derivedOf = (index: EvidenceIndex) => {
  let d = derived.get(index)
  if (!d) derived.set(index, d = {})
  return d
}

/**
 * Each study's position among the studies in index order, so that experiments are sorted into index
 * order by numbers: comparing study ids was most of the cost of ordering a large set of matches.
 */
export function studyRank(index: EvidenceIndex): ReadonlyMap<string, number> {
  const d = derivedOf(index)
  if (!d.rank) {
    const rank = new Map<string, number>()
    for (const i of index.items) if (!rank.has(i.studyId)) rank.set(i.studyId, rank.size)
    d.rank = rank
  }
  return d.rank
}

/** Replace one study's experiments in place (a write): a binary search and one splice, not a rebuild. */
export function replaceStudyEvidence(index: EvidenceIndex, studyId: string, items: readonly EvidenceItem[]): void {
  derived.delete(index)
  const lo = boundary(index.items, studyId, false)
  const hi = boundary(index.items, studyId, true)
  for (const old of index.items.slice(lo, hi)) {
    index.byId.delete(old.experimentId)
    removeFromGroups(index, old)
  }
  index.items.splice(lo, hi - lo, ...items)
  for (const i of items) {
    index.byId.set(i.experimentId, i)
    addToGroups(index, i)
  }
}

const cap = (x: number) => Math.min(1, x)
/** A condition unknown on either side counts ½: neither a match nor a mismatch. */
const unknown = 0.5

const TOTAL_WEIGHT = Object.values(DISTANCE_WEIGHTS).reduce((x, y) => x + y, 0)
const same = (x: string | null, y: string | null) => (x === null || y === null ? unknown : x === y ? 0 : 1)
const num = (x: number | null, y: number | null, scale: number) => (x === null || y === null ? unknown : cap(Math.abs(x - y) / scale))

/** The terms that vary within a group (current density, temperature, pressure). */
const currentDensityTerm = (a: Features, b: Features) => num(a.logJ, b.logJ, 2)
const temperatureTerm = (a: Features, b: Features) => num(a.temperature, b.temperature, 50)
const pressureTerm = (a: Features, b: Features) => num(a.logP, b.logP, 2)

/** The per-condition terms of the distance, each in [0, 1], in DISTANCE_WEIGHTS order, written into `out`. */
function terms(a: Features, b: Features, out: number[]): void {
  let inter = 0
  for (const x of a.additives) if (b.additives.includes(x)) inter++
  const union = a.additives.length + b.additives.length - inter
  out[0] = a.kind === b.kind ? 0 : 1
  out[1] = same(a.class, b.class)
  out[2] = a.solid === null && b.solid === null ? 0 : same(a.solid, b.solid)
  out[3] = union === 0 ? 0 : 1 - inter / union
  out[4] = currentDensityTerm(a, b)
  out[5] = a.substrate === null || b.substrate === null ? unknown
    : a.substrate === b.substrate ? 0 : a.substrateClass !== null && a.substrateClass === b.substrateClass ? 0.49 : 1
  out[6] = temperatureTerm(a, b)
  out[7] = pressureTerm(a, b)
  out[8] = same(a.technique, b.technique)
}
const WEIGHTS = Object.values(DISTANCE_WEIGHTS)
const NAMES = ['electrolyte kind', 'electrolyte class', 'solid electrolyte', 'additives', 'current density', 'substrate', 'temperature', 'stack pressure', 'technique']

/** Weighted distance in [0, 1] and the names of the conditions that differ (a term ≥ ½ that is not "unknown"). */
export function distance(a: Features, b: Features): { d: number; differs: string[] } {
  const t: number[] = []
  terms(a, b, t)
  let sum = 0
  const differs: string[] = []
  t.forEach((v, i) => { sum += (WEIGHTS[i] as number) * v; if (v >= 0.5 && v !== unknown) differs.push(NAMES[i] as string) })
  return { d: sum / TOTAL_WEIGHT, differs }
}

const scratch: number[] = new Array<number>(WEIGHTS.length).fill(0)
/** The distance alone (the hot loop of the evidence search: no allocation). */
function distanceOnly(a: Features, b: Features): number {
  const t = scratch
  terms(a, b, t)
  let sum = 0
  for (let i = 0; i < t.length; i++) sum += (WEIGHTS[i] as number) * (t[i] as number)
  return sum / TOTAL_WEIGHT
}

/** Terms 4, 6, 7 (current density, temperature, pressure) differ within a group; the rest do not. */
const [W_J, W_T, W_P] = [WEIGHTS[4], WEIGHTS[6], WEIGHTS[7]] as [number, number, number]
const [W_KIND, W_CLASS, W_SOLID, W_ADDITIVES, W_SUBSTRATE, W_TECHNIQUE] = [0, 1, 2, 3, 5, 8].map((i) => WEIGHTS[i] as number) as
  [number, number, number, number, number, number]

/**
 * The groups' categorical conditions as small integers (null: -1), one array per condition, so the
 * shared part of the distance is computed for every group without visiting its objects.
 */
interface GroupTable {
  groups: EvidenceGroup[]
  kind: Int32Array
  class: Int32Array
  solid: Int32Array
  substrate: Int32Array
  substrateClass: Int32Array
  technique: Int32Array
  additives: Int32Array[]
}

/** Codes of the categorical values seen in groups (a vocabulary: it stays small). */
const codes = new Map<string, number>()
const intern = (s: string | null): number => {
  if (s === null) return -1
  let c = codes.get(s)
  if (c === undefined) codes.set(s, c = codes.size)
  return c
}
/** A query's value: one no group holds gets -2, unequal to every code. */
const codeOf = (s: string | null): number => (s === null ? -1 : codes.get(s) ?? -2)
const sameCode = (x: number, y: number) => (x === -1 || y === -1 ? unknown : x === y ? 0 : 1)

function groupTable(index: EvidenceIndex): GroupTable {
  const d = derivedOf(index)
  if (!d.table) {
    const groups = [...index.groups.values()]
    const column = (value: (f: Features) => string | null) => Int32Array.from(groups, (g) => intern(value(g.features)))
    d.table = {
      groups, kind: column((f) => f.kind), class: column((f) => f.class), solid: column((f) => f.solid), substrate: column((f) => f.substrate),
      substrateClass: column((f) => f.substrateClass), technique: column((f) => f.technique), additives: groups.map((g) => Int32Array.from(g.features.additives, intern)),
    }
  }
  return d.table
}

/**
 * The groups whose shared conditions hold every one of `additives` and, when given, the solid
 * electrolyte `solid` (else, when given, the electrolyte kind `kind`), from the table's codes.
 */
export function groupsWith(index: EvidenceIndex, want: { additives: readonly string[]; solid?: string | undefined; kind?: string | undefined }): EvidenceGroup[] {
  const t = groupTable(index)
  const additives = want.additives.map(codeOf)
  const solid = want.solid === undefined ? undefined : codeOf(want.solid)
  const kind = want.kind === undefined ? undefined : codeOf(want.kind)
  const out: EvidenceGroup[] = []
  next: for (let g = 0; g < t.groups.length; g++) {
    if (solid !== undefined ? t.solid[g] !== solid : kind !== undefined && t.kind[g] !== kind) continue
    const held = t.additives[g] as Int32Array
    for (const x of additives) if (!held.includes(x)) continue next
    out.push(t.groups[g] as EvidenceGroup)
  }
  return out
}

/**
 * For every group of the table, the weighted sum of the terms all its items share with `a` (all but
 * current density, temperature and pressure): the terms of `terms`, on codes, summed in its order.
 */
function sharedSums(t: GroupTable, a: Features): Float64Array {
  const kind = codeOf(a.kind), cls = codeOf(a.class), solid = codeOf(a.solid), substrate = codeOf(a.substrate)
  const substrateClass = codeOf(a.substrateClass), technique = codeOf(a.technique)
  const additives = a.additives.map(codeOf)
  const out = new Float64Array(t.groups.length)
  for (let g = 0; g < out.length; g++) {
    const b = t.additives[g] as Int32Array
    let inter = 0
    for (const x of additives) if (b.includes(x)) inter++
    const union = additives.length + b.length - inter
    const bSubstrate = t.substrate[g] as number
    const solidTerm = solid === -1 && t.solid[g] === -1 ? 0 : sameCode(solid, t.solid[g] as number)
    const substrateTerm = substrate === -1 || bSubstrate === -1 ? unknown
      : substrate === bSubstrate ? 0 : substrateClass !== -1 && substrateClass === t.substrateClass[g] ? 0.49 : 1
    out[g] = W_KIND * (kind === t.kind[g] ? 0 : 1) + W_CLASS * sameCode(cls, t.class[g] as number) + W_SOLID * solidTerm +
      W_ADDITIVES * (union === 0 ? 0 : 1 - inter / union) + W_SUBSTRATE * substrateTerm + W_TECHNIQUE * sameCode(technique, t.technique[g] as number)
  }
  return out
}

/** `num` on the columns' NaN-for-unknown numbers. */
const numNaN = (x: number, y: number, scale: number) => (x !== x || y !== y ? unknown : cap(Math.abs(x - y) / scale))

/** The weighted numeric terms of item `n` of a group, from its columns. */
const numericSum = (a: Features, c: GroupColumns, n: number): number =>
  W_J * numNaN(a.logJ ?? NaN, c.logJ[n] as number, 2) + W_T * numNaN(a.temperature, c.temperature[n] as number, 50) +
  W_P * numNaN(a.logP ?? NaN, c.logP[n] as number, 2)

interface Scored { item: EvidenceItem; d: number }
const byDistance = (x: Scored, y: Scored): number =>
  x.d - y.d || (x.item.studyId < y.item.studyId ? -1 : x.item.studyId > y.item.studyId ? 1 : 0) ||
  (x.item.experimentId < y.item.experimentId ? -1 : x.item.experimentId > y.item.experimentId ? 1 : 0)

/**
 * The k nearest experiments to `c`, nearest first (ties broken by study id, then experiment id).
 * Groups are visited from the smallest shared part of the distance up (a lower bound for all their
 * items); the scan stops once that bound exceeds the k-th best, and an item is scored in full only
 * when its shared plus numeric part could still enter: exactly what scoring every item would give.
 */
export function nearestEvidence(index: EvidenceIndex, c: Conditions, k = 8, exclude?: (item: EvidenceItem) => boolean): EvidenceMatch[] {
  if (k <= 0) return []
  const f = features(c, index.lookup)
  const table = groupTable(index)
  const groups = table.groups
  const shared = sharedSums(table, f)
  // Visit order by a native numeric sort of (shared sum to 1e-6, index) keys: comparator sorts were
  // a quarter of the search. Keys that tie at 1e-6 may visit out of order; the margin below covers it.
  const span = 2 ** Math.ceil(Math.log2(groups.length + 1)) // keys stay below 2^53 while groups < 6e8
  const order = new Float64Array(groups.length)
  for (let i = 0; i < groups.length; i++) order[i] = Math.floor((shared[i] as number) * 1e6) * span + i
  order.sort()
  // Keep the k best in order while scanning, then build the (larger) match objects for those alone.
  const best: Scored[] = []
  // Sums are compared with margins: a distance is rounded to 1e-4, and a sum taken in another
  // order differs from `distanceOnly`'s by rounding error only, so nothing that could enter is skipped.
  const worst = () => (best.length === k ? (best[k - 1] as Scored).d * TOTAL_WEIGHT + 1e-3 : Infinity)
  for (const key of order) {
    const i = key % span
    const g = groups[i] as EvidenceGroup, s0 = shared[i] as number
    if (s0 > worst() + 1e-5) break
    const columns = groupColumns(g)
    for (let n = 0; n < g.items.length; n++) {
      const item = g.items[n] as EvidenceItem
      if (s0 + numericSum(f, columns, n) > worst() || exclude?.(item)) continue
      const d = Math.round(distanceOnly(f, item.features) * 1e4) / 1e4
      if (best.length === k && d > (best[k - 1] as Scored).d) continue
      const s = { item, d }
      let at = best.length
      while (at > 0 && byDistance(s, best[at - 1] as Scored) < 0) at--
      if (at >= k) continue
      best.splice(at, 0, s)
      if (best.length > k) best.pop()
    }
  }
  return best.map(({ item }) => {
    const { d, differs } = distance(f, item.features)
    const { features: _f, ...rest } = item
    return { ...rest, distance: Number(d.toFixed(4)), differs }
  })
}

export interface Contradiction {
  studies: [string, string]
  experiments: [string, string]
  observed: [string[], string[]]
  differs: string[]
}

/**
 * Pairs of close neighbours (distance ≤ maxDistance) from different studies whose observed morphology
 * families do not overlap, with the conditions that differ between the two experiments.
 */
export function findContradictions(matches: EvidenceMatch[], index: EvidenceIndex, maxDistance = 0.3): Contradiction[] {
  const close = matches.filter((m) => m.distance <= maxDistance && m.observed.families.length > 0)
  const byId = index.byId
  const out: Contradiction[] = []
  for (let i = 0; i < close.length; i++) {
    for (let j = i + 1; j < close.length; j++) {
      const a = close[i] as EvidenceMatch, b = close[j] as EvidenceMatch
      if (a.studyId === b.studyId) continue
      if (a.observed.families.some((f) => b.observed.families.includes(f))) continue
      const fa = byId.get(a.experimentId), fb = byId.get(b.experimentId)
      const differs = fa && fb ? distance(fa.features, fb.features).differs : []
      out.push({ studies: [a.studyId, b.studyId], experiments: [a.experimentId, b.experimentId], observed: [a.observed.families, b.observed.families], differs })
    }
  }
  return out
}
