/**
 * `npm run data:check` — validate every seed file and every rule file and
 * print each problem as `file: pointer: message`. Exit code 1 when anything is wrong.
 */
import { formatProblem, validateSeeds } from '../kb/validate.ts'
import { ruleReferences, validateRules } from '../rules/validate.ts'
import { readRuleFiles } from './read-rules.ts'
import { readSeedFiles } from './read-seeds.ts'

const seedsDir = process.argv[2] ?? 'seeds'
const rulesDir = process.argv[3] ?? 'rules'
const { kb, problems } = validateSeeds(await readSeedFiles(seedsDir))
const rules = validateRules(await readRuleFiles(rulesDir), ruleReferences(kb))
const all = [...problems, ...rules.problems]
for (const p of all) console.log(formatProblem(p))
const experiments = kb.studies.flatMap((s) => s.experiments)
console.log(`${kb.studies.length} studies, ${experiments.length} experiments, ${experiments.reduce((n, e) => n + e.observations.length, 0)} observations, ${rules.rules.length} rules; ${all.length} problems`)
process.exitCode = all.length > 0 ? 1 : 0
