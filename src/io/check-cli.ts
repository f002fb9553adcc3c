/**
 * `npm run data:check` — validate every seed file and print each problem as
 * `file: pointer: message`. Exit code 1 when anything is wrong.
 */
import { formatProblem, validateSeeds } from '../kb/validate.ts'
import { readSeedFiles } from './read-seeds.ts'

const seedsDir = process.argv[2] ?? 'seeds'
const { kb, problems } = validateSeeds(await readSeedFiles(seedsDir))
for (const p of problems) console.log(formatProblem(p))
const experiments = kb.studies.flatMap((s) => s.experiments)
console.log(`${kb.studies.length} studies, ${experiments.length} experiments, ${experiments.reduce((n, e) => n + e.observations.length, 0)} observations; ${problems.length} problems`)
process.exitCode = problems.length > 0 ? 1 : 0
