/**
 * Flatten validated study files into search documents: one per study, one per
 * experiment and one per observation, each with the same eight text fields, so
 * the lunr index and the FTS5 table are built from identical input. Pure.
 *
 * - `study:<id>` — title, authors, summary, key findings; the materials and
 *   morphology of all its experiments; journal, DOI, techniques, gaps and
 *   corrections as `text`.
 * - `experiment:<id>` — the label as title; materials (salts, solvents, additives,
 *   solid electrolyte, electrodes, substrate, coatings: id, name, formula and
 *   synonyms, with their role) and the electrolyte name; the morphology of its
 *   observations; every condition as a normalised quantity and as reported.
 * - `observation:<experimentId>#<n>` (n from 1) — summary, mechanism (findings),
 *   SEI species (materials), morphology, quantities, and the rest as `text`.
 * @module
 */
import type { Experiment, Observation, Quantity, StudyFile } from '../../schema/files/study-file.ts'
import type { Vocab } from '../kb/validate.ts'
import { parseQuantity } from '../units/parse.ts'

export const SEARCH_FIELDS = ['title', 'authors', 'summary', 'findings', 'materials', 'morphology', 'conditions', 'text'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

/** Field boosts, shared by lunr (`this.field(f, { boost })`) and FTS5 (`bm25()` column weights). */
export const FIELD_BOOSTS: Readonly<Record<SearchField, number>> = {
  title: 10, authors: 3, summary: 2, findings: 2, materials: 5, morphology: 4, conditions: 2, text: 1,
}

export type SearchDocKind = 'study' | 'experiment' | 'observation'

export interface SearchDocument {
  ref: string
  studyId: string
  doi: string
  kind: SearchDocKind
  /** Original (unnormalised) text; multi-valued fields are joined with newlines. */
  fields: Record<SearchField, string>
}

type VocabLike = Pick<Vocab, 'materials' | 'morphology'> & Partial<Pick<Vocab, 'techniques'>>

const join = (parts: Array<string | undefined | null | false>): string =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n')

const uniq = (lines: string[]): string[] => [...new Set(lines)]

/** `5 mA/cm2 (reported 5 mA cm⁻²)`; just the reported text when it does not parse. */
export function quantityText(label: string, q: Quantity | undefined): string | undefined {
  if (!q) return undefined
  let canonical = ''
  try {
    const p = parseQuantity(q.reported)
    const values = p.values.map((v) => `${v} ${p.unit}`)
    if (p.shape === 'range') values.push(`${p.min}-${p.max} ${p.unit}`)
    canonical = values.join(', ')
  } catch { /* unparseable: keep only what was reported */ }
  const extra = [q.basis, q.note].filter(Boolean).join('; ')
  return `${label}: ${canonical ? `${canonical} (reported ${q.reported})` : q.reported}${extra ? `; ${extra}` : ''}`
}

export interface DocumentBuilder {
  material(id: string): string
  morphology(id: string): string
  technique(id: string): string
}

/** Text for vocabulary ids: id, name, formula, synonyms (materials); id, name, family, synonyms (morphology). */
export function vocabText(vocab: VocabLike): DocumentBuilder {
  const materials = new Map(vocab.materials.map((m) => [m.id, m]))
  const morphology = new Map(vocab.morphology.map((m) => [m.id, m]))
  const techniques = new Map((vocab.techniques ?? []).map((t) => [t.id, t]))
  return {
    material: (id) => {
      const m = materials.get(id)
      return m ? uniq([m.id, m.name, ...(m.formula ? [m.formula] : []), ...m.synonyms]).join('; ') : id
    },
    morphology: (id) => {
      const m = morphology.get(id)
      return m ? uniq([m.id, m.name, m.family, ...m.synonyms]).join('; ') : id
    },
    technique: (id) => {
      const t = techniques.get(id)
      return t ? uniq([t.id, t.name, ...t.synonyms]).join('; ') : id
    },
  }
}

function experimentMaterials(e: Experiment, v: DocumentBuilder): string[] {
  const el = e.electrolyte
  const lines: string[] = [`electrolyte: ${el.name}`]
  for (const c of el.salts) lines.push(`salt: ${v.material(c.id)}`)
  for (const c of el.solvents) lines.push(`solvent: ${v.material(c.id)}`)
  for (const c of el.additives) lines.push(`additive: ${v.material(c.id)}`)
  if (el.solid) lines.push(`solid electrolyte: ${v.material(el.solid.id)}`)
  const cell = e.cell
  if (cell.workingElectrode) lines.push(`working electrode: ${v.material(cell.workingElectrode.id)}`)
  if (cell.counterElectrode) lines.push(`counter electrode: ${v.material(cell.counterElectrode.id)}`)
  if (cell.referenceElectrode) lines.push(`reference electrode: ${v.material(cell.referenceElectrode.id)}`)
  if (cell.cathode) lines.push(`cathode: ${v.material(cell.cathode.id)}`)
  if (e.substrate) lines.push(`substrate: ${v.material(e.substrate.id)}`)
  for (const c of e.coatings) lines.push(`${c.role}: ${v.material(c.id)}`)
  return lines
}

function experimentMorphology(e: Experiment, v: DocumentBuilder): string[] {
  return uniq(e.observations.flatMap((o) => o.morphology.map((m) => v.morphology(m))))
}

function experimentConditions(e: Experiment): string[] {
  const el = e.electrolyte
  const components = [...el.salts, ...el.solvents, ...el.additives]
  const electrodes = [e.cell.workingElectrode, e.cell.counterElectrode, e.cell.referenceElectrode, e.cell.cathode, e.substrate]
  const p = e.potentialProgram
  return [
    quantityText('current density', e.currentDensity),
    quantityText('stripping current density', e.strippingCurrentDensity),
    quantityText('current', e.current),
    quantityText('C-rate', e.cRate),
    quantityText('areal capacity', e.capacity),
    quantityText('charge', e.charge),
    quantityText('duration', e.duration),
    e.cycles !== undefined ? `${e.cycles} cycles` : undefined,
    quantityText('temperature', e.temperature),
    quantityText('stack pressure', e.stackPressure),
    quantityText('oxygen partial pressure', e.atmosphere?.oxygenPartialPressure),
    quantityText('electron dose', e.electronDose),
    ...components.flatMap((c) => [quantityText(`${c.id} concentration`, c.concentration), quantityText(`${c.id} amount`, c.amount)]),
    el.solventRatio ? `solvent ratio: ${el.solventRatio.reported}${el.solventRatio.note ? `; ${el.solventRatio.note}` : ''}` : undefined,
    quantityText(`${el.solid?.id ?? 'solid electrolyte'} thickness`, el.solid?.thickness),
    ...electrodes.map((x) => quantityText(`${x?.id ?? 'electrode'} thickness`, x?.thickness)),
    ...e.coatings.map((c) => quantityText(`${c.id} thickness`, c.thickness)),
    quantityText('potential range', p?.range),
    quantityText('sweep rate', p?.sweepRate),
    quantityText('hold', p?.hold),
  ].filter((x): x is string => x !== undefined)
}

function experimentText(e: Experiment, v: DocumentBuilder): string {
  const el = e.electrolyte
  const electrodes = [e.cell.workingElectrode, e.cell.counterElectrode, e.cell.referenceElectrode, e.cell.cathode, e.substrate]
  const p = e.potentialProgram
  return join([
    `${e.technique.family} ${e.technique.mode} ${v.technique(e.technique.variant)}`,
    `cell: ${e.cell.configuration}`,
    `electrolyte kind: ${el.kind}`,
    el.solid?.form, el.solid?.note,
    ...[...el.salts, ...el.solvents, ...el.additives].map((c) => c.note),
    ...electrodes.flatMap((x) => [x?.form, x?.note]),
    ...e.coatings.flatMap((c) => [c.method, c.note]),
    e.surfacePreparation.length ? `surface: ${e.surfacePreparation.join(', ')}` : undefined,
    p ? `potential program: ${p.kind}${p.reference ? `; reference ${p.reference}` : ''}` : undefined,
    p?.note,
    e.provenance.figures.join(', '),
  ])
}

function observationConditions(o: Observation): string[] {
  return [
    quantityText('SEI thickness', o.sei?.thickness),
    quantityText('short-circuit time', o.shortCircuit?.time),
    quantityText('coulombic efficiency', o.coulombicEfficiency),
    ...o.voltage.map((x) => quantityText(`${x.feature} voltage`, x.value)),
  ].filter((x): x is string => x !== undefined)
}

function observationText(o: Observation): string {
  return join([
    `${o.phase}${o.cycle !== undefined ? `, cycle ${o.cycle}` : ''}`,
    o.growthMode.length ? `growth: ${o.growthMode.map((g) => `${g} growth`).join(', ')}` : undefined,
    o.nucleation ? join(['nucleation', ...o.nucleation.sites, o.nucleation.densityTrend, o.nucleation.note]) : undefined,
    o.deadLi ? join([o.deadLi.present ? 'dead Li' : 'no dead Li', o.deadLi.level, o.deadLi.note]) : undefined,
    o.sei ? join(['SEI', o.sei.structure, o.sei.note]) : undefined,
    ...o.mechanical.map((m) => join([m.event, m.note])),
    o.shortCircuit ? join([o.shortCircuit.occurred ? 'short circuit' : 'no short circuit', o.shortCircuit.note]) : undefined,
    ...o.voltage.map((x) => join([`voltage ${x.feature}`, x.note])),
    o.provenance.figures.join(', '),
  ])
}

/** Flat search documents for studies, experiments and observations. */
export function searchDocuments(studies: readonly StudyFile[], vocab: VocabLike): SearchDocument[] {
  const v = vocabText(vocab)
  const docs: SearchDocument[] = []
  for (const s of studies) {
    const base = { studyId: s.id, doi: s.doi }
    docs.push({
      ...base,
      ref: `study:${s.id}`,
      kind: 'study',
      fields: {
        title: s.title,
        authors: join(s.authors.filter((a) => a.trim().toLowerCase() !== 'et al.')),
        summary: s.summary,
        findings: join(s.keyFindings),
        materials: join(uniq(s.experiments.flatMap((e) => experimentMaterials(e, v)))),
        morphology: join(uniq(s.experiments.flatMap((e) => experimentMorphology(e, v)))),
        conditions: '',
        text: join([
          `${s.journal} ${s.year}${s.volume ? ` ${s.volume}` : ''}${s.issue ? `(${s.issue})` : ''}${s.pages ? ` ${s.pages}` : ''}`,
          `${s.id}; doi ${s.doi}`,
          s.techniques.length ? `techniques: ${s.techniques.join(', ')}` : undefined,
          ...s.gaps,
          ...s.corrections.map((c) => `${c.kind} correction: ${c.reviewSays} → ${c.recorded}; ${c.reason}`),
        ]),
      },
    })
    for (const e of s.experiments) {
      docs.push({
        ...base,
        ref: `experiment:${e.id}`,
        kind: 'experiment',
        fields: {
          title: e.label,
          authors: '',
          summary: join([e.cell.description, e.notes, e.atmosphere?.description]),
          findings: '',
          materials: join(experimentMaterials(e, v)),
          morphology: join(experimentMorphology(e, v)),
          conditions: join(experimentConditions(e)),
          text: experimentText(e, v),
        },
      })
      e.observations.forEach((o, i) => {
        docs.push({
          ...base,
          ref: `observation:${e.id}#${i + 1}`,
          kind: 'observation',
          fields: {
            title: '',
            authors: '',
            summary: o.summary,
            findings: o.mechanism ?? '',
            materials: join((o.sei?.species ?? []).map((id) => `SEI species: ${v.material(id)}`)),
            morphology: join(o.morphology.map((m) => v.morphology(m))),
            conditions: join(observationConditions(o)),
            text: observationText(o),
          },
        })
      })
    }
  }
  return docs
}

/** Documents by ref, for `searchLunr` and for snippets. */
export const docsByRef = (docs: readonly SearchDocument[]): Map<string, SearchDocument> => new Map(docs.map((d) => [d.ref, d]))
