/**
 * The facts rules may test. Rules are data; facts are code: each one is
 * registered here with its type and where its value comes from, and the rule
 * linter refuses a rule that names anything else.
 * @module
 */

export type FactType = 'number' | 'string' | 'boolean' | 'string[]'

export interface FactDef {
  type: FactType
  description: string
  /** `configuration`: from what the user described; `simulator`: computed by src/sim (physics.md §10.5). */
  origin: 'configuration' | 'simulator' | 'knowledge-base'
  unit?: string
}

const cfg = <T extends FactType>(type: T, description: string, unit?: string) => ({ type, description, origin: 'configuration' as const, unit })
const sim = <T extends FactType>(type: T, description: string, unit?: string) => ({ type, description, origin: 'simulator' as const, unit })

export const FACTS = {
  // What the researcher describes (null when not given).
  currentDensity: cfg('number', 'plating current density', 'mA/cm2'),
  strippingCurrentDensity: cfg('number', 'stripping current density', 'mA/cm2'),
  capacity: cfg('number', 'areal capacity per half-cycle', 'mAh/cm2'),
  temperature: cfg('number', 'temperature', '°C'),
  stackPressure: cfg('number', 'stack pressure (null when not given)', 'kPa'),
  cycles: cfg('number', 'number of cycles considered'),
  cellType: cfg('string', 'Li-Cu | Li-Li | anode-free | Li-cathode'),
  electrolyteKind: cfg('string', 'liquid | polymer | solid'),
  electrolyteClass: cfg('string', 'carbonate | ether | glyme | sulfoxide | mixed | garnet | sulfide | oxynitride | polymer'),
  salts: cfg('string[]', 'salt material ids'),
  solvents: cfg('string[]', 'solvent material ids'),
  additives: cfg('string[]', 'additive material ids'),
  saltConcentration: cfg('number', 'salt concentration', 'M'),
  solidElectrolyte: cfg('string', 'solid or polymer electrolyte material id, or "none"'),
  solidForm: cfg('string', 'glass | polycrystal | single-crystal | thin-film | pellet | chip | unknown'),
  substrate: cfg('string', 'material id of the surface Li is plated on, or "none"'),
  substrateLithiophilicity: cfg('string', 'lithiophilic | lithiophobic | alloying | intermetallic | intercalating | unknown (as the review classifies it)'),
  coatings: cfg('string[]', 'coating / host / interlayer material ids'),
  surfacePreparation: cfg('string[]', 'polished | acid-etched | fractured | scratched | …'),
  technique: cfg('string', 'technique id used to observe, or "none"'),
  techniqueFamily: cfg('string', 'optical | sem | tem | afm | xray | none'),
  electronDose: cfg('number', 'electron dose rate during imaging', 'e/A2/s'),
  oxygenPartialPressure: cfg('number', 'O2 partial pressure around the electrode (UHV-SEM)', 'Pa'),
  currentCollectorFilmThickness: cfg('number', 'thickness of a thin-film current collector on a solid electrolyte', 'um'),

  // Computed by the simulator (physics.md §10.5).
  transportLimited: sim('boolean', 'J / J_lim > 1 (Bai 2016)'),
  nearLimitingCurrent: sim('boolean', '0.75 < J / J_lim ≤ 1 (Monroe & Newman 2003)'),
  sandCapacityExceeded: sim('boolean', 'transport-limited and Q ≥ J·t_dep (Bai 2016)'),
  dendriticTipGrowth: sim('boolean', 'Sand capacity exceeded: tip-growing dendrites (Bai 2016)'),
  mossyRootGrowth: sim('boolean', 'not transport-limited and class mossy/whisker (Bai 2016; Steiger 2014)'),
  nanoporousSeparatorBlocksGrowth: sim('boolean', 'pores < 100 nm and no tip growth (Bai 2016)'),
  lithiophilicSubstrate: sim('boolean', 'substrate barrier ≤ 5 mV (Yan 2016)'),
  highNucleationDensity: sim('boolean', 'N ≥ 1e8 cm⁻² or η_n ≥ 0.1 V (Pei 2017)'),
  inorganicRichSEI: sim('boolean', 'SEI quality index S ≥ 0.7 (physics.md §7.2)'),
  pressureDensified: sim('boolean', 'relative deposit density ≥ 0.95 (Fang 2021)'),
  excessPressureLiquid: sim('boolean', 'P > 1.4 MPa in a liquid cell'),
  mnSatisfied: sim('boolean', 'G_SE / G_Li ≥ 2 — not sufficient (Monroe & Newman 2005; Porz 2017)'),
  ccdExceeded: sim('boolean', 'J above the effective critical current density of a solid electrolyte'),
  voidRisk: sim('boolean', 'stripping current above the void-formation limit (Kasemchainan 2019)'),
  electronicLeakageSE: sim('boolean', 'solid electrolyte with electronic leakage: LLZO, LPS, argyrodite (Han 2019)'),
  deadLiDominantLoss: sim('boolean', 'dead-Li loss exceeds SEI loss (Fang 2019)'),
  shortRiskHigh: sim('boolean', 'short-risk score ≥ 0.5'),
  lowTemperatureDendriteRisk: sim('boolean', 'T < 0 °C with near-limiting current or whisker/dendritic class (Akolkar 2014)'),
  propertyExtrapolated: sim('boolean', 'an electrolyte property was clamped outside its correlation range'),
  predictedCE: sim('number', 'predicted Coulombic efficiency, first cycles', '%'),
  ceBand: sim('string', 'CE_low | CE_moderate | CE_good | CE_excellent'),
  ratioJJlim: sim('number', 'J / J_lim'),
  ratioJCCD: sim('number', 'J / CCD_eff (solids)'),
  simMorphologyClass: sim('string', 'the simulator classifier output (physics.md §10.3)'),
} as const satisfies Record<string, FactDef>

export type FactName = keyof typeof FACTS
export type Facts = { [K in FactName]: (typeof FACTS)[K]['type'] extends 'number' ? number | null
  : (typeof FACTS)[K]['type'] extends 'boolean' ? boolean
    : (typeof FACTS)[K]['type'] extends 'string[]' ? string[] : string }

export const isFactName = (name: string): name is FactName => Object.hasOwn(FACTS, name)
