/**
 * Leave-one-study-out evaluation: every experiment of the evidence index with an
 * observed outcome (seed studies and, on a database that holds them, studies
 * written through the API; `npm run eval` uses the seeds alone) is predicted
 * from its own conditions with its study's
 * experiments removed from the evidence and the rules that cite only that
 * study removed. Pure; returns accuracies and confusion matrices.
 * @module
 */
import { FAMILIES, predict, type PredictContext } from './predict.ts'

export interface Confusion { labels: string[]; matrix: number[][]; correct: number; total: number; accuracy: number | null }
export interface EvaluationCase {
  experiment: string; study: string
  observed: { families: string[]; deadLi?: string; short?: string }
  predicted: { family: string; deadLi: string; short: string }
  familyCorrect: boolean
}
export interface Evaluation { cases: EvaluationCase[]; family: Confusion; deadLi: Confusion; short: Confusion }

function confusion(labels: string[], pairs: Array<[observed: string, predicted: string]>): Confusion {
  const index = new Map(labels.map((l, i) => [l, i]))
  const matrix = labels.map(() => labels.map(() => 0))
  let correct = 0
  for (const [o, p] of pairs) {
    const i = index.get(o), j = index.get(p)
    if (i === undefined || j === undefined) continue
    ;(matrix[i] as number[])[j] = ((matrix[i] as number[])[j] ?? 0) + 1
    if (i === j) correct++
  }
  return { labels, matrix, correct, total: pairs.length, accuracy: pairs.length ? Number((correct / pairs.length).toFixed(3)) : null }
}

export async function evaluateLeaveOneStudyOut(ctx: PredictContext): Promise<Evaluation> {
  const cases: EvaluationCase[] = []
  const familyPairs: Array<[string, string]> = []
  const deadPairs: Array<[string, string]> = []
  const shortPairs: Array<[string, string]> = []
  for (const item of ctx.evidence.items) {
    const { observed } = item
    if (observed.families.length === 0 && !observed.deadLi && !observed.short) continue
    const excludeRules = new Set(ctx.rules.filter((r) => r.studies.every((s) => s === item.studyId)).map((r) => r.id))
    const p = await predict(item.conditions, ctx, { excludeStudy: item.studyId, excludeRules })
    // With several observed families the prediction counts as right when it names one of them.
    const familyCorrect = observed.families.includes(p.morphology.family)
    if (observed.families.length > 0) familyPairs.push([familyCorrect ? p.morphology.family : (observed.families[0] as string), p.morphology.family])
    if (observed.deadLi) deadPairs.push([observed.deadLi, p.deadLi.level])
    if (observed.short) shortPairs.push([observed.short, p.shortRisk.level])
    cases.push({
      experiment: item.experimentId, study: item.studyId,
      observed: { families: observed.families, deadLi: observed.deadLi, short: observed.short },
      predicted: { family: p.morphology.family, deadLi: p.deadLi.level, short: p.shortRisk.level }, familyCorrect,
    })
  }
  return {
    cases,
    family: confusion([...FAMILIES], familyPairs),
    deadLi: confusion(['low', 'moderate', 'high'], deadPairs),
    short: confusion(['low', 'moderate', 'high'], shortPairs),
  }
}

/** A plain-text table of an evaluation, for the console. */
export function formatEvaluation(e: Evaluation): string {
  const block = (name: string, c: Confusion) => {
    const w = Math.max(11, ...c.labels.map((l) => l.length + 1))
    const head = 'observed \\ predicted'.padEnd(22) + c.labels.map((l) => l.padStart(w)).join('')
    const rows = c.matrix.map((r, i) => (c.labels[i] as string).padEnd(22) + r.map((n) => String(n).padStart(w)).join(''))
    return `${name}: accuracy ${c.accuracy === null ? 'n/a' : (c.accuracy * 100).toFixed(1) + ' %'} (${c.correct}/${c.total})\n${head}\n${rows.join('\n')}`
  }
  return [block('morphology family', e.family), block('dead-Li level', e.deadLi), block('short-circuit risk', e.short)].join('\n\n')
}
