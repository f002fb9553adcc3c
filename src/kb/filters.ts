/**
 * Experiment-level conditions a list query can ask for, already resolved to
 * vocabulary ids and canonical units (mA/cm²).
 * @module
 */
export interface ExperimentFilter {
  technique?: { family?: string; variant?: string }
  electrolyteClass?: string
  additive?: string
  salt?: string
  solvent?: string
  substrate?: string
  solidElectrolyte?: string
  morphology?: { family?: string; term?: string }
  jMin_mA_cm2?: number
  jMax_mA_cm2?: number
  year?: { min?: number; max?: number }
}

export interface Page { limit: number; offset: number }
