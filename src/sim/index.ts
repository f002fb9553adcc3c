/**
 * Embedded Li-metal anode simulator (physics.md): a pure, deterministic library — no IO, no
 * global state, nothing heavy at import time.
 *
 * Entry points: {@link simulate} (fast / detailed), {@link CellConfigSchema} + {@link resolveConfig}
 * for the input, {@link SimInputError} for bad input. The model functions of each stage are
 * exported for reuse and testing; every [E] knob lives in {@link CAL}.
 *
 * @module
 */

// --- entry point and input ----------------------------------------------------------------
export {
  simulate,
  type LatticeMetrics,
  type MorphologyResult,
  type Quantity,
  type SeriesKind,
  type SimulateOptions,
  type SimulationMode,
  type SimulationResult,
  type SimulationSeries,
} from './simulate.ts'
export {
  ADDITIVE_IDS,
  AdditiveSchema,
  CELL_TYPES,
  COATING_TYPES,
  CellConfigSchema,
  ElectrolyteSchema,
  SEPARATOR_DEFAULTS,
  SEPARATOR_TYPES,
  SUBSTRATE_METALS,
  SeparatorSchema,
  SolidElectrolyteOptionsSchema,
  parseCellConfig,
  resolveConfig,
  type AdditiveId,
  type Assumption,
  type CellConfigInput,
  type CellType,
  type CoatingType,
  type ResolvedAdditive,
  type ResolvedConfig,
  type ResolvedSeparator,
  type ResolvedSolidOptions,
  type SeparatorType,
  type SubstrateMetal,
} from './config.ts'
export { SimInputError, type SimInputErrorCode, type SimInputIssue } from './errors.ts'

// --- calibration and constants ----------------------------------------------------------------
export { CAL, CALIBRATION_VERSION, calibrationTable, type CalibrationEntry, type CalibrationKey, type Knots } from './calibration.ts'
export * as constants from './constants.ts'

// --- §2 electrolytes ----------------------------------------------------------------------------
export {
  CORRELATION_IDS,
  ELECTROLYTES,
  ELECTROLYTE_IDS,
  LIQUID_ELECTROLYTE_IDS,
  POLYMER_ELECTROLYTE_IDS,
  SOLID_ELECTROLYTE_IDS,
  capiglia1999,
  electrolyteProperties,
  isElectrolyteId,
  landesfeind2019,
  nyman2008,
  transportPropertyFunctions,
  valoen2005,
  type CorrelationId,
  type ElectrolyteEntry,
  type ElectrolyteFamily,
  type ElectrolyteId,
  type ElectrolyteKind,
  type ElectrolyteProperties,
  type PropertyEvaluation,
} from './electrolyte.ts'

// --- §1 transport, §3 Chazalviel ------------------------------------------------------------------
export {
  NEAR_LIMITING_RATIO,
  depletionTime,
  diffusionLayer_m,
  effectiveDiffusivity,
  limitingCurrent_A_m2,
  porousSandFactor,
  sandCapacity_C_m2,
  sandTime_s,
  tortuosityScaledProps,
  transportRegime,
  type DepletionResult,
  type TransportLayer,
  type TransportRegime,
} from './transport.ts'
export {
  anionDiffusivity,
  anionMobility,
  cationDiffusivity,
  dendriticDepositDensity,
  tipVelocity,
  tipVelocityIdeal,
  tipVelocityMeasured,
  transitTime_s,
  type TipVelocityForm,
} from './chazalviel.ts'

// --- §4 nucleation, §5 solids, §7 SEI, §8 pressure ---------------------------------------------------
export {
  COATINGS,
  SUBSTRATES,
  criticalRadius_m,
  elyGarciaEta0_V,
  elyGarciaRegime,
  nucleationBarrier,
  nucleationExchangeCurrent_A_m2,
  nucleationOverpotential_V,
  peiScaling,
  substrateBarrier,
  type NucleationRegime,
  type SubstrateClass,
} from './nucleation.ts'
export {
  INTERLAYERS,
  INTERLAYER_EFFECTS,
  PRESSURE_PER_OVERPOTENTIAL_PA_V,
  SOLID_MATERIALS,
  criticalCurrentDensity_mA_cm2,
  monroeNewman,
  nextVoidFraction,
  porzCriterion,
  porzCurrentDensity_mA_cm2,
  solidConductivity_S_cm,
  voidCurrentDensity_mA_cm2,
  type Interlayer,
  type SolidMaterial,
} from './solid.ts'
export {
  ADDITIVE_EFFECTS,
  PYBAMM_SEI,
  SEI_BASE_INDEX,
  chargeTransferResistance_ohm_m2,
  liMetalExchangeCurrent_A_m2,
  seiCurrentDensity_A_m2,
  seiLithiumContent_mol_m2,
  seiQualityIndex,
  seiThicknessSolventDiffusion_m,
  type SeiGrowthLaw,
  type SeiIndex,
} from './sei.ts'
export { EXCESS_PRESSURE_LIQUID_KPA, MAX_RELATIVE_DENSITY, compactionPressure_kPa, highPressurePenalty, pressureCompaction, relativeDensity, zeroPressureDensity } from './pressure.ts'

// --- §6 cycling, §10 morphology, risk, facts ----------------------------------------------------------
export { cyclesTo80, cyclesToExhaustion, runCycles, type CyclingInput, type CyclingResult } from './cycling.ts'
export {
  CLASS_CENTRES,
  COMPACT_CLASSES,
  classRank,
  classifyCompactness,
  classifySolid,
  compactness,
  compactnessScore,
  latticeParameters,
  pulseEffectiveness,
  type CompactClass,
  type LiquidMorphologyClass,
  type MorphologyClass,
  type SolidMorphologyClass,
} from './morphology.ts'
export { MORPHOLOGY_RISK, liquidShortRisk, solidShortRisk, type ShortRisk } from './short-risk.ts'
export { FACT_NAMES, deriveFacts, type Fact } from './facts.ts'

// --- §9 numerical kernels (1D solver, lattice) ---------------------------------------------------------
export { solveHalfCycle, type Solver1DInput, type Solver1DResult, type TransportProps } from './solver1d.ts'
export { growLattice, type LatticeInput, type LatticeResult } from './lattice.ts'
