/**
 * `npm run eval` — leave-one-study-out evaluation of predict() over the
 * knowledge base; prints accuracies, confusion matrices and each case.
 */
import { buildDeps } from '../../api/build-deps.ts'
import { loadConfig } from '../config.ts'
import { evaluateLeaveOneStudyOut, formatEvaluation } from '../predict/evaluate.ts'

const config = loadConfig()
const deps = await buildDeps({ ...config, DATABASE_URL: ':memory:' })
const t0 = performance.now()
const evaluation = await evaluateLeaveOneStudyOut(deps.store.current)
const ms = performance.now() - t0
console.log(formatEvaluation(evaluation))
console.log(`\n${evaluation.cases.length} experiments evaluated in ${ms.toFixed(0)} ms\n`)
if (process.argv.includes('--cases')) {
  for (const c of evaluation.cases) {
    console.log(`${c.familyCorrect ? 'ok ' : 'MISS'} ${c.experiment.padEnd(40)} observed ${c.observed.families.join('/') || '-'} → ${c.predicted.family}; dead Li ${c.observed.deadLi ?? '-'} → ${c.predicted.deadLi}; short ${c.observed.short ?? '-'} → ${c.predicted.short}`)
  }
}
deps.database.close()
