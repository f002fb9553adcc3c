/**
 * The configuration half of the rule facts: what the researcher described,
 * resolved against the vocabularies (electrolyte class, substrate
 * lithiophilicity as the review classifies it, technique family).
 * @module
 */
import { electrolyteClass, type VocabLookup } from '../kb/rows.ts'
import type { FactName, Facts } from '../rules/facts.ts'
import type { Conditions } from './kb-config.ts'

type ConfigFacts = Pick<Facts, Exclude<FactName, SimFactName>>
export type SimFactName =
  | 'transportLimited' | 'nearLimitingCurrent' | 'sandCapacityExceeded' | 'dendriticTipGrowth' | 'mossyRootGrowth'
  | 'nanoporousSeparatorBlocksGrowth' | 'lithiophilicSubstrate' | 'highNucleationDensity' | 'inorganicRichSEI'
  | 'pressureDensified' | 'excessPressureLiquid' | 'mnSatisfied' | 'ccdExceeded' | 'voidRisk' | 'electronicLeakageSE'
  | 'deadLiDominantLoss' | 'shortRiskHigh' | 'lowTemperatureDendriteRisk' | 'propertyExtrapolated' | 'predictedCE'
  | 'ceBand' | 'ratioJJlim' | 'ratioJCCD' | 'simMorphologyClass'

const TECHNIQUE_FAMILIES = new Set(['optical', 'sem', 'tem', 'afm', 'xray'])

/** The electrolyte kind: given, or implied by a solid electrolyte, or liquid. */
export function electrolyteKind(c: Conditions, lookup: Pick<VocabLookup, 'electrolyteClassOf'>): 'liquid' | 'polymer' | 'solid' {
  if (c.electrolyte.kind) return c.electrolyte.kind
  if (c.electrolyte.solid) return lookup.electrolyteClassOf.get(c.electrolyte.solid.id) === 'polymer' ? 'polymer' : 'solid'
  return 'liquid'
}

export function configFacts(c: Conditions, lookup: VocabLookup): ConfigFacts {
  const kind = electrolyteKind(c, lookup)
  const technique = c.technique ?? 'none'
  return {
    currentDensity: c.currentDensity_mA_cm2 ?? null,
    strippingCurrentDensity: c.strippingCurrentDensity_mA_cm2 ?? c.currentDensity_mA_cm2 ?? null,
    capacity: c.capacity_mAh_cm2 ?? null,
    temperature: c.temperature_C ?? null,
    stackPressure: c.stackPressure_kPa ?? null,
    cycles: c.cycles ?? null,
    cellType: c.cell ?? 'unknown',
    electrolyteKind: kind,
    electrolyteClass: electrolyteClass({ kind, solid: c.electrolyte.solid, solvents: c.electrolyte.solvents }, lookup) ?? 'unknown',
    salts: c.electrolyte.salts.map((s) => s.id),
    solvents: c.electrolyte.solvents.map((s) => s.id),
    additives: c.electrolyte.additives.map((a) => a.id),
    saltConcentration: c.electrolyte.salts[0]?.concentration_M ?? null,
    solidElectrolyte: c.electrolyte.solid?.id ?? 'none',
    solidForm: c.electrolyte.solid?.form ?? 'unknown',
    substrate: c.substrate ?? 'none',
    substrateLithiophilicity: (c.substrate && lookup.lithiophilicityOf.get(c.substrate)) || 'unknown',
    coatings: c.coatings,
    surfacePreparation: c.surfacePreparation,
    technique,
    techniqueFamily: TECHNIQUE_FAMILIES.has(technique) ? technique : lookup.techniqueFamilyOf.get(technique) ?? 'none',
    electronDose: c.electronDose_e_A2_s ?? null,
    oxygenPartialPressure: c.oxygenPartialPressure_Pa ?? null,
    currentCollectorFilmThickness: c.currentCollectorFilmThickness_um ?? null,
  }
}
