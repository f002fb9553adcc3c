/**
 * Validate raw seed documents: shape (zod), quantities (units per field) and
 * cross-references (unique ids, vocabulary ids, DOIs). Pure: takes parsed JSON,
 * returns the typed knowledge base or every problem as `file: pointer: message`.
 * @module
 */
import type { z } from 'zod'
import { StudyFileSchema, type StudyFile } from '../../schema/files/study-file.ts'
import {
  MaterialsFileSchema, MorphologyFileSchema, TechniquesFileSchema,
  type Material, type MorphologyTerm, type Technique,
} from '../../schema/files/vocab-files.ts'
import { checkQuantities, type Problem } from './validate-quantities.ts'

export interface RawFile { file: string; json: unknown }
export interface Vocab { techniques: Technique[]; morphology: MorphologyTerm[]; materials: Material[] }
export interface SeedProblem extends Problem { file: string }
export interface KnowledgeBase { studies: StudyFile[]; vocab: Vocab }

export const formatProblem = (p: SeedProblem): string => `${p.file}: ${p.pointer || '/'}: ${p.message}`

/** A zod issue path as a pointer (`/experiments/0/id`). */
export const pathPointer = (path: readonly PropertyKey[]): string => path.map((k) => '/' + String(k)).join('')

export const zodProblems = (file: string, error: z.ZodError): SeedProblem[] =>
  error.issues.map((i) => ({ file, pointer: pathPointer(i.path), message: i.message }))

export function parseVocab(files: { techniques: RawFile; morphology: RawFile; materials: RawFile }, problems: SeedProblem[]): Vocab {
  const t = TechniquesFileSchema.safeParse(files.techniques.json)
  const m = MorphologyFileSchema.safeParse(files.morphology.json)
  const mat = MaterialsFileSchema.safeParse(files.materials.json)
  if (!t.success) problems.push(...zodProblems(files.techniques.file, t.error))
  if (!m.success) problems.push(...zodProblems(files.morphology.file, m.error))
  if (!mat.success) problems.push(...zodProblems(files.materials.file, mat.error))
  const vocab: Vocab = {
    techniques: t.success ? t.data.techniques : [],
    morphology: m.success ? m.data.terms : [],
    materials: mat.success ? mat.data.materials : [],
  }
  for (const [file, list] of [[files.techniques.file, vocab.techniques], [files.morphology.file, vocab.morphology], [files.materials.file, vocab.materials]] as const) {
    const seen = new Set<string>()
    list.forEach((entry, i) => {
      if (seen.has(entry.id)) problems.push({ file, pointer: `/${i}/id`, message: `duplicate id "${entry.id}"` })
      seen.add(entry.id)
    })
  }
  return vocab
}

/** Validate vocabulary and study files together; `problems` is empty when the data is sound. */
export function validateSeeds(input: {
  studies: RawFile[]
  vocab: { techniques: RawFile; morphology: RawFile; materials: RawFile }
}): { kb: KnowledgeBase; problems: SeedProblem[] } {
  const problems: SeedProblem[] = []
  const vocab = parseVocab(input.vocab, problems)
  const { studies, problems: studyProblems } = validateStudyDocs(input.studies, vocab)
  return { kb: { studies, vocab }, problems: [...problems, ...studyProblems] }
}

/**
 * Validate study documents against a parsed vocabulary. `taken` lists study ids, experiment ids and DOIs
 * already used elsewhere (e.g. in the database) that these documents must not reuse.
 */
export function validateStudyDocs(
  files: RawFile[],
  vocab: Vocab,
  taken: { studies?: Map<string, string>; experiments?: Map<string, string>; dois?: Map<string, string> } = {},
): { studies: StudyFile[]; problems: SeedProblem[] } {
  const problems: SeedProblem[] = []
  const techniqueIds = new Map(vocab.techniques.map((t) => [t.id, t]))
  const morphologyIds = new Set(vocab.morphology.map((m) => m.id))
  const materialIds = new Set(vocab.materials.map((m) => m.id))
  const studies: StudyFile[] = []
  const studyIds = new Map(taken.studies ?? [])
  const experimentIds = new Map(taken.experiments ?? [])
  const dois = new Map(taken.dois ?? [])

  for (const { file, json } of files) {
    const parsed = StudyFileSchema.safeParse(json)
    if (!parsed.success) { problems.push(...zodProblems(file, parsed.error)); continue }
    const study = parsed.data
    const add = (pointer: string, message: string) => problems.push({ file, pointer, message })
    for (const q of checkQuantities(study).problems) add(q.pointer, q.message)
    if (file.endsWith('.json') && !file.endsWith(`/${study.id}.json`) && file !== `${study.id}.json`) add('/id', `id "${study.id}" must match the file name`)
    if (studyIds.has(study.id)) add('/id', `duplicate study id (also in ${studyIds.get(study.id)})`)
    studyIds.set(study.id, file)
    const doi = study.doi.toLowerCase()
    if (dois.has(doi)) add('/doi', `duplicate DOI (also in ${dois.get(doi)})`)
    dois.set(doi, file)
    if (study.role === 'primary' && study.experiments.length === 0) add('/experiments', 'a primary study needs at least one experiment')

    study.experiments.forEach((exp, ei) => {
      const at = `/experiments/${ei}`
      if (experimentIds.has(exp.id)) add(`${at}/id`, `duplicate experiment id (also in ${experimentIds.get(exp.id)})`)
      experimentIds.set(exp.id, file)
      if (!exp.id.startsWith(`${study.id}-`)) add(`${at}/id`, `experiment id must start with "${study.id}-"`)
      const technique = techniqueIds.get(exp.technique.variant)
      if (!technique) add(`${at}/technique/variant`, `unknown technique "${exp.technique.variant}"`)
      else if (technique.family !== exp.technique.family) add(`${at}/technique/family`, `"${exp.technique.variant}" is a ${technique.family} technique`)
      if (!study.techniques.includes(exp.technique.family)) add(`${at}/technique/family`, `study.techniques lacks "${exp.technique.family}"`)
      if (exp.observations.length === 0) add(`${at}/observations`, 'every experiment needs at least one observation')
      const material = (id: string, pointer: string) => { if (!materialIds.has(id)) add(pointer, `unknown material "${id}"`) }
      const e = exp.electrolyte
      e.salts.forEach((c, i) => material(c.id, `${at}/electrolyte/salts/${i}/id`))
      e.solvents.forEach((c, i) => material(c.id, `${at}/electrolyte/solvents/${i}/id`))
      e.additives.forEach((c, i) => material(c.id, `${at}/electrolyte/additives/${i}/id`))
      if (e.solid) material(e.solid.id, `${at}/electrolyte/solid/id`)
      for (const key of ['workingElectrode', 'counterElectrode', 'referenceElectrode', 'cathode'] as const) {
        const el = exp.cell[key]
        if (el) material(el.id, `${at}/cell/${key}/id`)
      }
      if (exp.substrate) material(exp.substrate.id, `${at}/substrate/id`)
      exp.coatings.forEach((c, i) => material(c.id, `${at}/coatings/${i}/id`))
      exp.observations.forEach((o, oi) => {
        o.morphology.forEach((m, mi) => {
          if (!morphologyIds.has(m)) add(`${at}/observations/${oi}/morphology/${mi}`, `unknown morphology term "${m}"`)
        })
        o.sei?.species.forEach((s, si) => material(s, `${at}/observations/${oi}/sei/species/${si}`))
      })
    })
    studies.push(study)
  }
  studies.sort((a, b) => a.id.localeCompare(b.id))
  return { studies, problems }
}
