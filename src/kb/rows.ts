/**
 * Turn one validated study document into the rows stored in the database:
 * normalised condition columns for filtering, the full documents as JSON,
 * and every reported quantity beside its normalised value. Pure.
 * @module
 */
import type { Experiment, StudyFile } from '../../schema/files/study-file.ts'
import { TERM_KINDS } from '../../schema/db/tables.ts'
import { checkQuantities } from './validate-quantities.ts'
import type { Vocab } from './validate.ts'

export interface StudyRows {
  study: {
    id: string; origin: 'seed' | 'user'; role: StudyFile['role']; year: number; title: string; authors: string[]
    journal: string; doi: string; refs: number[]; techniques: string[]; summary: string; doc: Record<string, unknown>
  }
  experiments: Array<{
    id: string; studyId: string; ordinal: number; label: string; techniqueFamily: string; techniqueVariant: string
    techniqueMode: string; cellConfiguration: string; electrolyteKind: string; electrolyteClass: string | null
    electrolyteName: string; salts: string[]; solvents: string[]; additives: string[]; solidElectrolyte: string | null
    substrate: string | null; coatings: string[]; jMin: number | null; jMax: number | null; capacityMahCm2: number | null
    temperatureC: number | null; stackPressurePa: number | null; morphologyFamilies: string[]; doc: Record<string, unknown>
  }>
  /** Index rows of the list-valued conditions (the `experiment_terms` table). */
  terms: Array<{ kind: (typeof TERM_KINDS)[number]; value: string; experimentId: string }>
  observations: Array<{
    experimentId: string; ordinal: number; phase: string; morphology: string[]; families: string[]
    deadLi: boolean | null; shortCircuit: boolean | null; cePercent: number | null; summary: string; doc: Record<string, unknown>
  }>
  quantities: Array<{
    studyId: string; pointer: string; field: string; reported: string; kind: string; unit: string
    valueMin: number; valueMax: number; values: number[]
  }>
}

/** Lookups derived from the vocabulary once and reused for every study. */
export interface VocabLookup {
  familyOf: Map<string, string>
  electrolyteClassOf: Map<string, string>
  lithiophilicityOf: Map<string, string>
  techniqueFamilyOf: Map<string, string>
}

export function vocabLookup(vocab: Vocab): VocabLookup {
  return {
    familyOf: new Map(vocab.morphology.map((m) => [m.id, m.family])),
    electrolyteClassOf: new Map(vocab.materials.flatMap((m) => (m.electrolyteClass ? [[m.id, m.electrolyteClass]] : []))),
    lithiophilicityOf: new Map(vocab.materials.flatMap((m) => (m.lithiophilicity ? [[m.id, m.lithiophilicity.class]] : []))),
    techniqueFamilyOf: new Map(vocab.techniques.map((t) => [t.id, t.family])),
  }
}

/** The electrolyte class used for filtering: the solid's class, or the solvents' class (`mixed` if they differ). */
export function electrolyteClass(
  e: { kind: string; solid?: { id: string }; solvents: Array<{ id: string }> },
  lookup: Pick<VocabLookup, 'electrolyteClassOf'>,
): string | null {
  if (e.solid) return lookup.electrolyteClassOf.get(e.solid.id) ?? (e.kind === 'polymer' ? 'polymer' : null)
  const classes = new Set(e.solvents.flatMap((s) => lookup.electrolyteClassOf.get(s.id) ?? []))
  if (classes.size === 0) return e.kind === 'polymer' ? 'polymer' : null
  return classes.size === 1 ? [...classes][0] ?? null : 'mixed'
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)]

export function studyRows(study: StudyFile, lookup: VocabLookup, origin: 'seed' | 'user'): StudyRows {
  const { parsed } = checkQuantities(study)
  const at = (pointer: string) => parsed.find((p) => p.pointer === pointer)?.parsed
  const rows: StudyRows = {
    study: {
      id: study.id, origin, role: study.role, year: study.year, title: study.title, authors: study.authors,
      journal: study.journal, doi: study.doi, refs: study.refs, techniques: study.techniques, summary: study.summary,
      doc: study as unknown as Record<string, unknown>,
    },
    experiments: [],
    terms: [],
    observations: [],
    quantities: parsed.map((p) => ({
      studyId: study.id, pointer: p.pointer, field: p.field, reported: p.parsed.reported, kind: p.parsed.kind,
      unit: p.parsed.unit, valueMin: p.parsed.min, valueMax: p.parsed.max, values: p.parsed.values,
    })),
  }
  study.experiments.forEach((exp, i) => {
    const base = `/experiments/${i}`
    const j = at(`${base}/currentDensity`)
    const families = unique(exp.observations.flatMap((o) => o.morphology.map((m) => lookup.familyOf.get(m) ?? 'unknown')))
    rows.experiments.push({
      id: exp.id, studyId: study.id, ordinal: i, label: exp.label,
      techniqueFamily: exp.technique.family, techniqueVariant: exp.technique.variant, techniqueMode: exp.technique.mode,
      cellConfiguration: exp.cell.configuration, electrolyteKind: exp.electrolyte.kind,
      electrolyteClass: electrolyteClass(exp.electrolyte, lookup), electrolyteName: exp.electrolyte.name,
      salts: exp.electrolyte.salts.map((s) => s.id), solvents: exp.electrolyte.solvents.map((s) => s.id),
      additives: exp.electrolyte.additives.map((a) => a.id), solidElectrolyte: exp.electrolyte.solid?.id ?? null,
      substrate: exp.substrate?.id ?? null, coatings: exp.coatings.map((c) => c.id),
      jMin: j?.min ?? null, jMax: j?.max ?? null,
      capacityMahCm2: at(`${base}/capacity`)?.min ?? null,
      temperatureC: at(`${base}/temperature`)?.min ?? null,
      stackPressurePa: at(`${base}/stackPressure`)?.min ?? null,
      morphologyFamilies: families, doc: exp as unknown as Record<string, unknown>,
    })
    const term = (kind: (typeof TERM_KINDS)[number], values: string[]) => { for (const value of unique(values)) rows.terms.push({ kind, value, experimentId: exp.id }) }
    term('additive', exp.electrolyte.additives.map((a) => a.id))
    term('salt', exp.electrolyte.salts.map((s) => s.id))
    term('solvent', exp.electrolyte.solvents.map((s) => s.id))
    term('coating', exp.coatings.map((c) => c.id))
    term('morphology-family', families)
    term('morphology-term', exp.observations.flatMap((o) => o.morphology))
    exp.observations.forEach((o, oi) => {
      rows.observations.push({
        experimentId: exp.id, ordinal: oi, phase: o.phase, morphology: o.morphology,
        families: unique(o.morphology.map((m) => lookup.familyOf.get(m) ?? 'unknown')),
        deadLi: o.deadLi?.present ?? null, shortCircuit: o.shortCircuit?.occurred ?? null,
        cePercent: at(`${base}/observations/${oi}/coulombicEfficiency`)?.min ?? null,
        summary: o.summary, doc: o as unknown as Record<string, unknown>,
      })
    })
  })
  return rows
}
