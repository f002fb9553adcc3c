/**
 * The simulator half of the rule facts: the simulator's §10.5 facts under the
 * rule registry's names. When the simulator cannot run (no current density
 * given), every boolean fact is false and every number null.
 * @module
 */
import type { SimulationResult } from '../sim/simulate.ts'
import type { Facts } from '../rules/facts.ts'
import type { SimFactName } from './config-facts.ts'

export type SimFacts = Pick<Facts, SimFactName>

const BOOLEAN_FACTS: Record<string, SimFactName> = {
  transport_limited: 'transportLimited',
  near_limiting_current: 'nearLimitingCurrent',
  sand_capacity_exceeded: 'sandCapacityExceeded',
  dendritic_tip_growth: 'dendriticTipGrowth',
  mossy_root_growth: 'mossyRootGrowth',
  nanoporous_separator_blocks_growth: 'nanoporousSeparatorBlocksGrowth',
  lithiophilic_substrate: 'lithiophilicSubstrate',
  high_nucleation_density: 'highNucleationDensity',
  inorganic_rich_SEI: 'inorganicRichSEI',
  pressure_densified: 'pressureDensified',
  excess_pressure_liquid: 'excessPressureLiquid',
  MN_satisfied: 'mnSatisfied',
  CCD_exceeded: 'ccdExceeded',
  void_risk: 'voidRisk',
  electronic_leakage_SE: 'electronicLeakageSE',
  dead_Li_dominant_loss: 'deadLiDominantLoss',
  short_risk_high: 'shortRiskHigh',
  low_temperature_dendrite_risk: 'lowTemperatureDendriteRisk',
  property_extrapolated: 'propertyExtrapolated',
}

export const NO_SIMULATION: SimFacts = {
  transportLimited: false, nearLimitingCurrent: false, sandCapacityExceeded: false, dendriticTipGrowth: false,
  mossyRootGrowth: false, nanoporousSeparatorBlocksGrowth: false, lithiophilicSubstrate: false, highNucleationDensity: false,
  inorganicRichSEI: false, pressureDensified: false, excessPressureLiquid: false, mnSatisfied: false, ccdExceeded: false,
  voidRisk: false, electronicLeakageSE: false, deadLiDominantLoss: false, shortRiskHigh: false,
  lowTemperatureDendriteRisk: false, propertyExtrapolated: false, predictedCE: null, ceBand: 'unknown',
  ratioJJlim: null, ratioJCCD: null, simMorphologyClass: 'unknown',
}

export function simFacts(result: SimulationResult): SimFacts {
  const out: SimFacts = { ...NO_SIMULATION }
  const mutable = out as Record<SimFactName, unknown>
  let band = 'CE_moderate'
  for (const f of result.facts) {
    const name = BOOLEAN_FACTS[f.name]
    if (name) mutable[name] = f.value === true
    else if (f.name === 'predicted_CE' && typeof f.value === 'number') out.predictedCE = f.value
    else if ((f.name === 'CE_low' || f.name === 'CE_good' || f.name === 'CE_excellent') && f.value === true) band = f.name
    else if (f.name === 'morphology_class' && typeof f.value === 'string') out.simMorphologyClass = f.value
  }
  out.ceBand = out.predictedCE === null ? 'unknown' : band
  out.ratioJJlim = result.quantities.currentRatioLimiting?.value ?? null
  const ccd = result.quantities.criticalCurrentDensity?.value
  out.ratioJCCD = ccd ? result.config.currentDensity_mA_cm2 / ccd : null
  return out
}
