/**
 * Rule-engine facts derived from simulator outputs (physics.md §10.5). Every fact carries the
 * source (paper and evidence tag) of the threshold that defines it. Boolean facts are always
 * present (false when they do not apply) so that rules never hit an undefined fact.
 *
 * @module
 */
import type { ElectrolyteKind } from './electrolyte.ts'
import type { MorphologyClass } from './morphology.ts'
import type { NucleationRegime } from './nucleation.ts'
import type { TransportRegime } from './transport.ts'

export interface Fact {
  name: string
  value: boolean | number | string
  source: string
}

/** Names of the facts {@link deriveFacts} always emits. */
export const FACT_NAMES = [
  'transport_limited',
  'near_limiting_current',
  'sand_capacity_exceeded',
  'dendritic_tip_growth',
  'mossy_root_growth',
  'nanoporous_separator_blocks_growth',
  'lithiophilic_substrate',
  'high_nucleation_density',
  'inorganic_rich_SEI',
  'pressure_densified',
  'excess_pressure_liquid',
  'MN_satisfied',
  'CCD_exceeded',
  'void_risk',
  'electronic_leakage_SE',
  'predicted_CE',
  'CE_low',
  'CE_good',
  'CE_excellent',
  'dead_Li_dominant_loss',
  'short_risk_high',
  'low_temperature_dendrite_risk',
  'property_extrapolated',
  'morphology_class',
  'transport_regime',
  'nucleation_regime',
] as const

export interface FactInput {
  kind: ElectrolyteKind
  /** J/J_lim (0 for single-ion solids). */
  currentRatio: number
  /** Plated charge ≥ J·t_dep in the half-cycle. */
  sandCapacityExceeded: boolean
  morphologyClass: MorphologyClass
  poreSize_nm: number | null
  substrateOverpotential_V: number
  nucleationOverpotential_V: number
  nucleationDensity_cm2: number
  /** SEI quality index (null for inorganic solids). */
  S: number | null
  relativeDensity: number
  stackPressure_kPa: number
  /** G_SE/G_Li (null for liquids). */
  monroeNewmanRatio: number | null
  /** J/CCD_eff (null for liquids/polymers). */
  ccdRatio: number | null
  /** J_strip/J_void (null for liquids/polymers). */
  voidRatio: number | null
  electronicLeakage: boolean
  /** Mean CE, % (null if the cell shorts before a full cycle). */
  ce_pct: number | null
  seiLoss: number
  deadLoss: number
  shortRiskScore: number
  /** Earliest predicted short, s (null: none). */
  timeToShort_s: number | null
  /** Duration of the simulated test, s. */
  testDuration_s: number
  temperature_C: number
  propertyExtrapolated: boolean
  regime: TransportRegime
  nucleationRegime: NucleationRegime
}

/** Facts of physics.md §10.5. */
export function deriveFacts(i: FactInput): Fact[] {
  const transportLimited = i.currentRatio > 1
  const tipGrowth = i.sandCapacityExceeded
  const liquid = i.kind === 'liquid'
  const ce = i.ce_pct
  const facts: Fact[] = [
    { name: 'transport_limited', value: transportLimited, source: 'J/J_lim > 1 — Bai et al. 2016 [V]' },
    { name: 'near_limiting_current', value: i.currentRatio > 0.75 && i.currentRatio <= 1, source: '0.75 < J/J_lim ≤ 1 — Monroe & Newman 2003 [V]' },
    { name: 'sand_capacity_exceeded', value: tipGrowth, source: 'transport_limited ∧ Q ≥ J·t_dep — Bai et al. 2016 [V]' },
    { name: 'dendritic_tip_growth', value: tipGrowth, source: 'sand_capacity_exceeded — Bai et al. 2016 [V]' },
    {
      name: 'mossy_root_growth',
      value: !transportLimited && (i.morphologyClass === 'mossy' || i.morphologyClass === 'whisker'),
      source: '¬transport_limited ∧ class ∈ {mossy, whisker} — Bai et al. 2016 [V]; Steiger et al. 2014 [V]',
    },
    {
      name: 'nanoporous_separator_blocks_growth',
      value: i.poreSize_nm !== null && i.poreSize_nm < 100 && !tipGrowth,
      source: 'pore size < 100 nm ∧ ¬dendritic_tip_growth — Bai et al. 2016 [V]',
    },
    { name: 'lithiophilic_substrate', value: i.substrateOverpotential_V <= 0.005, source: 'η_sub ≤ 5 mV — Yan et al. 2016 [L]' },
    {
      name: 'high_nucleation_density',
      value: i.nucleationDensity_cm2 >= 1e8 || i.nucleationOverpotential_V >= 0.1,
      source: 'N ≥ 1e8 cm⁻² or η_n ≥ 0.1 V — Pei et al. 2017 [V] (scaling)',
    },
    { name: 'inorganic_rich_SEI', value: i.S !== null && i.S >= 0.7, source: 'S ≥ 0.7 — physics.md §7.2 [E]/[L]' },
    { name: 'pressure_densified', value: i.kind !== 'solid' && i.relativeDensity >= 0.95, source: 'ρ_rel ≥ 0.95 — Fang et al. 2021 [V]' },
    { name: 'excess_pressure_liquid', value: liquid && i.stackPressure_kPa > 1400, source: 'P > 1.4 MPa in a liquid cell — RSC Adv. 2020 [V]' },
    {
      name: 'MN_satisfied',
      value: i.monroeNewmanRatio !== null && i.monroeNewmanRatio >= 2,
      source: 'G_SE/G_Li ≥ 2 (necessary, not sufficient) — Monroe & Newman 2005 [V]; Porz et al. 2017 [L]',
    },
    { name: 'CCD_exceeded', value: i.ccdRatio !== null && i.ccdRatio > 1, source: 'J/CCD_eff > 1 — Flatscher et al. 2020 [V]; physics.md §5' },
    { name: 'void_risk', value: i.voidRatio !== null && i.voidRatio > 1, source: 'J_strip/J_void > 1 — Kasemchainan et al. 2019 [L]' },
    {
      name: 'electronic_leakage_SE',
      value: i.electronicLeakage,
      source: 'SE ∈ {LLZO, LLZTO, LPS, Li6PS5Cl}, not thin-film LiPON — Han et al. 2019 [L]',
    },
    {
      name: 'predicted_CE',
      value: ce ?? 0,
      source: ce === null ? 'no full cycle (the cell shorts in the first plating); 0 by convention — physics.md §5' : 'mean CE over the simulated cycles, % — physics.md §6 model',
    },
    { name: 'CE_low', value: ce !== null && ce < 95, source: 'CE < 95 % — physics.md §6' },
    { name: 'CE_good', value: ce !== null && ce >= 98 && ce < 99.5, source: '98 % ≤ CE < 99.5 % — physics.md §6' },
    { name: 'CE_excellent', value: ce !== null && ce >= 99.5, source: 'CE ≥ 99.5 % — physics.md §6 (Adams 2018 [V])' },
    { name: 'dead_Li_dominant_loss', value: i.deadLoss > i.seiLoss, source: 'f_dead > f_SEI — Fang et al. 2019 [V]' },
    {
      name: 'short_risk_high',
      value: i.shortRiskScore >= 0.5 || (i.timeToShort_s !== null && i.timeToShort_s < i.testDuration_s),
      source: 'short_risk_score ≥ 0.5 or t_short < test duration — physics.md §10.4 [E]',
    },
    {
      name: 'low_temperature_dendrite_risk',
      value: i.temperature_C < 0 && (i.currentRatio > 0.3 || i.morphologyClass === 'whisker' || i.morphologyClass === 'dendritic'),
      source: 'T < 0 °C ∧ (J/J_lim > 0.3 or class ∈ {whisker, dendritic}) — Akolkar 2014 [V]',
    },
    { name: 'property_extrapolated', value: i.propertyExtrapolated, source: 'a transport correlation was clamped — physics.md §2' },
    { name: 'morphology_class', value: i.morphologyClass, source: 'physics.md §10.3 classifier [E] (solids: §5)' },
    { name: 'transport_regime', value: i.regime, source: 'physics.md §1.3 — Bai et al. 2016 [V]; Monroe & Newman 2003 [V]' },
    { name: 'nucleation_regime', value: i.nucleationRegime, source: 'simplified Ely & García 2013 classifier — physics.md §4.2 [E] thresholds' },
  ]
  return facts
}
