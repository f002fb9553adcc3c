/**
 * Technique comparison: which in situ / operando microscopy answers a question best.
 * @module
 */
export {
  compareTechniques, needWeights, variantEvidence, MAX_FAMILY_ITEMS, MAX_STUDIES_PER_VARIANT,
  type Comparison, type Family, type FamilyRanking, type StudyEvidence, type VariantRanking,
} from './compare.ts'
export {
  CONSTRAINT_NEEDS, deriveNeeds, NEED_IDS, NEED_KEYWORDS, NEED_LABELS, normaliseQuestion,
  type Constraints, type Need, type NeedId,
} from './needs.ts'
export {
  ACCESS_FIT, BASELINE_WEIGHTS, CONSTRAINT_FACTOR, NEED_FITS, NEED_WEIGHTS, scoreVariant,
  type BreakdownItem, type Fit, type VariantScore,
} from './score.ts'
