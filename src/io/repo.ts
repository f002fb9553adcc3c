/**
 * Read queries over the knowledge base tables. Filters match at experiment
 * level: a study is listed when at least one of its experiments matches all
 * conditions, and it is returned with those matching experiments.
 * @module
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import * as t from '../../schema/db/tables.ts'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { ExperimentFilter, Page } from '../kb/filters.ts'
import type { Db } from './db.ts'

/** The experiment is indexed under `kind` = `value` (an index lookup in `experiment_terms`). */
const hasTerm = (kind: (typeof t.TERM_KINDS)[number], value: string): SQL =>
  sql`${t.experiments.id} in (select ${t.experimentTerms.experimentId} from ${t.experimentTerms} where ${t.experimentTerms.kind} = ${kind} and ${t.experimentTerms.value} = ${value})`

/** SQL conditions on `experiments` for a filter. */
export function experimentConditions(f: ExperimentFilter): SQL[] {
  const c: SQL[] = []
  const e = t.experiments
  if (f.technique?.family) c.push(eq(e.techniqueFamily, f.technique.family))
  if (f.technique?.variant) c.push(eq(e.techniqueVariant, f.technique.variant))
  if (f.electrolyteClass) c.push(sql`(${e.electrolyteClass} = ${f.electrolyteClass} or ${e.electrolyteKind} = ${f.electrolyteClass})`)
  if (f.additive) c.push(hasTerm('additive', f.additive))
  if (f.salt) c.push(hasTerm('salt', f.salt))
  if (f.solvent) c.push(hasTerm('solvent', f.solvent))
  if (f.substrate) c.push(sql`(${e.substrate} = ${f.substrate} or ${hasTerm('coating', f.substrate)})`)
  if (f.solidElectrolyte) c.push(eq(e.solidElectrolyte, f.solidElectrolyte))
  if (f.morphology?.family) c.push(hasTerm('morphology-family', f.morphology.family))
  if (f.morphology?.term) c.push(hasTerm('morphology-term', f.morphology.term))
  if (f.jMin_mA_cm2 !== undefined) c.push(sql`${e.jMax} >= ${f.jMin_mA_cm2}`)
  if (f.jMax_mA_cm2 !== undefined) c.push(sql`${e.jMin} <= ${f.jMax_mA_cm2}`)
  if (f.year?.min !== undefined) c.push(sql`${t.studies.year} >= ${f.year.min}`)
  if (f.year?.max !== undefined) c.push(sql`${t.studies.year} <= ${f.year.max}`)
  return c
}

export interface ExperimentSummary {
  id: string
  label: string
  technique: { family: string; variant: string; mode: string }
  cell: string
  electrolyte: { kind: string; class: string | null; name: string; salts: string[]; solvents: string[]; additives: string[]; solid: string | null }
  substrate: string | null
  coatings: string[]
  currentDensity: { reported: string | null; min_mA_cm2: number | null; max_mA_cm2: number | null }
  morphologyFamilies: string[]
}

export function summariseExperiment(row: typeof t.experiments.$inferSelect): ExperimentSummary {
  const doc = row.doc as { currentDensity?: { reported: string } }
  return {
    id: row.id, label: row.label,
    technique: { family: row.techniqueFamily, variant: row.techniqueVariant, mode: row.techniqueMode },
    cell: row.cellConfiguration,
    electrolyte: {
      kind: row.electrolyteKind, class: row.electrolyteClass, name: row.electrolyteName,
      salts: row.salts, solvents: row.solvents, additives: row.additives, solid: row.solidElectrolyte,
    },
    substrate: row.substrate, coatings: row.coatings,
    currentDensity: { reported: doc.currentDensity?.reported ?? null, min_mA_cm2: row.jMin, max_mA_cm2: row.jMax },
    morphologyFamilies: row.morphologyFamilies,
  }
}

export interface StudyListItem {
  id: string; year: number; title: string; authors: string[]; journal: string; doi: string; role: string
  techniques: string[]; summary: string; experiments: ExperimentSummary[]
}

/** Studies with at least one experiment matching `filter`, newest first, with the matching experiments. */
export async function listStudies(db: Db, filter: ExperimentFilter, page: Page): Promise<{ total: number; items: StudyListItem[] }> {
  const conds = experimentConditions(filter)
  const { total, studyIds, experimentIds, rows } = conds.length > 0 ? await matchingPage(db, and(...conds) as SQL, page) : await unfilteredPage(db, page)
  const studyRows = rows ?? (studyIds.length === 0 ? [] : await db.select().from(t.studies).where(inArray(t.studies.id, studyIds)))
  // The page's experiment ids go as one JSON parameter: a page of 100 large studies may hold more ids
  // than SQLite allows bound parameters (32 766).
  const expRows = studyIds.length === 0 ? [] : await db.select().from(t.experiments)
    .where(experimentIds ? sql`${t.experiments.id} in (select value from json_each(${JSON.stringify(experimentIds)}))` : inArray(t.experiments.studyId, studyIds))
    .orderBy(asc(t.experiments.ordinal))
  const byStudy = new Map<string, ExperimentSummary[]>()
  for (const e of expRows) {
    const list = byStudy.get(e.studyId)
    if (list) list.push(summariseExperiment(e))
    else byStudy.set(e.studyId, [summariseExperiment(e)])
  }
  const rowOf = new Map(studyRows.map((s) => [s.id, s]))
  return {
    total,
    items: studyIds.flatMap((id) => {
      const s = rowOf.get(id)
      return s ? [{
        id: s.id, year: s.year, title: s.title, authors: s.authors, journal: s.journal, doi: s.doi, role: s.role,
        techniques: s.techniques, summary: s.summary, experiments: byStudy.get(s.id) ?? [],
      }] : []
    }),
  }
}

/**
 * A page of studies (ids, newest first, and their rows when already read) and the count of all;
 * `experimentIds` null: every experiment of those studies.
 */
interface StudyPage { total: number; studyIds: string[]; experimentIds: string[] | null; rows?: Array<typeof t.studies.$inferSelect> }

async function unfilteredPage(db: Db, page: Page): Promise<StudyPage> {
  const [totalRow] = await db.select({ n: count() }).from(t.studies)
  const rows = await db.select().from(t.studies).orderBy(desc(t.studies.year), asc(t.studies.id)).limit(page.limit).offset(page.offset)
  return { total: totalRow?.n ?? 0, studyIds: rows.map((r) => r.id), experimentIds: null, rows }
}

/**
 * `with m as materialized (…)`: the experiments matching `where` (none: all), with `columns`, found
 * once for a statement that reads them several ways. The studies join is part of it because a
 * filter may test a study's year.
 */
const matchingExperimentsCte = (columns: SQL, where: SQL | undefined): SQL => sql`
  with m as materialized (
    select ${columns} from ${t.experiments} inner join ${t.studies} on ${t.studies.id} = ${t.experiments.studyId}
    ${where ? sql`where ${where}` : sql``})`

/**
 * The matching experiments are found once (a materialised CTE) and give, in one statement, the number
 * of studies, the page of studies and that page's matching experiments. Counting, paging and fetching
 * the page's experiments as three queries evaluated the filter three times (at 100k experiments the
 * last one also drove from the filter's index instead of the page's 20 studies).
 */
async function matchingPage(db: Db, where: SQL, page: Page): Promise<StudyPage> {
  const row = await db.get<{ total: number; studies: string; experiments: string }>(sql`
    ${matchingExperimentsCte(sql`${t.experiments.id} as id, ${t.experiments.studyId} as study_id, ${t.studies.year} as year`, where)},
    page as (select study_id, max(year) as year from m group by study_id order by year desc, study_id limit ${page.limit} offset ${page.offset})
    select (select count(distinct study_id) from m) as total,
      (select json_group_array(json_array(study_id, year)) from page) as studies,
      (select json_group_array(id) from m where study_id in (select study_id from page)) as experiments`)
  // An aggregate's input order is not defined: the page is put in order here (newest first, then id).
  const studies = JSON.parse(row?.studies ?? '[]') as Array<[string, number]>
  studies.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
  return {
    total: Number(row?.total ?? 0),
    studyIds: studies.map(([id]) => id),
    experimentIds: JSON.parse(row?.experiments ?? '[]') as string[],
  }
}

/** Everything about one study: the full document plus normalised quantities, or undefined. */
export async function getStudy(db: Db, id: string) {
  const [study] = await db.select().from(t.studies).where(eq(t.studies.id, id))
  if (!study) return undefined
  const exps = await db.select().from(t.experiments).where(eq(t.experiments.studyId, id)).orderBy(asc(t.experiments.ordinal))
  const qs = await db.select().from(t.quantities).where(eq(t.quantities.studyId, id)).orderBy(asc(t.quantities.id))
  return {
    ...study.doc,
    origin: study.origin,
    normalised: {
      experiments: exps.map(summariseExperiment),
      quantities: qs.map((q) => ({ pointer: q.pointer, field: q.field, reported: q.reported, kind: q.kind, unit: q.unit, min: q.valueMin, max: q.valueMax, values: q.values })),
    },
  }
}

export async function countRows(db: Db) {
  const [s] = await db.select({ n: count() }).from(t.studies)
  const [e] = await db.select({ n: count() }).from(t.experiments)
  const [o] = await db.select({ n: count() }).from(t.observations)
  return { studies: s?.n ?? 0, experiments: e?.n ?? 0, observations: o?.n ?? 0 }
}

export type Facets = Record<'technique' | 'electrolyteClass' | 'additive' | 'substrate' | 'morphology' | 'year', Array<{ value: string; count: number }>>

/**
 * Facet counts over the experiments matching `filter`: how many studies (or experiments) have each
 * technique family, electrolyte class, additive, substrate, morphology family and year. One statement:
 * the matching experiments are found once (a materialised CTE) and grouped six ways.
 */
export async function facetCounts(db: Db, filter: ExperimentFilter, per: 'study' | 'experiment'): Promise<Facets> {
  const conds = experimentConditions(filter)
  const e = t.experiments
  const counted = sql.raw(per === 'study' ? 'count(distinct m.study_id)' : 'count(distinct m.id)')
  const rows = await db.all<{ facet: keyof Facets; value: string | number | null; count: number }>(sql`
    ${matchingExperimentsCte(sql`${e.id} as id, ${e.studyId} as study_id, ${e.techniqueFamily} as technique, ${e.electrolyteClass} as electrolyte_class,
      ${e.additives} as additives, ${e.substrate} as substrate, ${e.morphologyFamilies} as morphology, ${t.studies.year} as year`, conds.length > 0 ? and(...conds) : undefined)}
    select 'technique' as facet, technique as value, ${counted} as count from m group by 2
    union all select 'electrolyteClass', electrolyte_class, ${counted} from m group by 2
    union all select 'additive', j.value, ${counted} from m, json_each(m.additives) j group by 2
    union all select 'substrate', substrate, ${counted} from m group by 2
    union all select 'morphology', j.value, ${counted} from m, json_each(m.morphology) j group by 2
    union all select 'year', year, ${counted} from m group by 2
    order by 1, 3 desc, 2`)
  const facets: Facets = { technique: [], electrolyteClass: [], additive: [], substrate: [], morphology: [], year: [] }
  for (const r of rows) if (r.value !== null) facets[r.facet].push({ value: String(r.value), count: Number(r.count) })
  return facets
}

/** Experiments matching `filter`, with their study's id, year and DOI. */
export async function listExperiments(db: Db, filter: ExperimentFilter, page: Page) {
  const conds = experimentConditions(filter)
  const where = conds.length > 0 ? and(...conds) : undefined
  const [totalRow] = await db.select({ n: count() }).from(t.experiments)
    .innerJoin(t.studies, eq(t.studies.id, t.experiments.studyId)).where(where)
  const rows = await db.select({ e: t.experiments, year: t.studies.year, doi: t.studies.doi, title: t.studies.title })
    .from(t.experiments).innerJoin(t.studies, eq(t.studies.id, t.experiments.studyId)).where(where)
    .orderBy(desc(t.studies.year), asc(t.experiments.studyId), asc(t.experiments.ordinal)).limit(page.limit).offset(page.offset)
  return {
    total: totalRow?.n ?? 0,
    items: rows.map((r) => ({ ...summariseExperiment(r.e), study: { id: r.e.studyId, year: r.year, doi: r.doi, title: r.title } })),
  }
}

/** Ids of every study with an experiment matching `filter` (all studies when the filter is empty). */
export async function matchingStudyIds(db: Db, filter: ExperimentFilter): Promise<string[]> {
  const conds = experimentConditions(filter)
  if (conds.length === 0) return (await db.select({ id: t.studies.id }).from(t.studies).orderBy(asc(t.studies.id))).map((r) => r.id)
  const rows = await db.selectDistinct({ id: t.experiments.studyId }).from(t.experiments)
    .innerJoin(t.studies, eq(t.studies.id, t.experiments.studyId)).where(and(...conds)).orderBy(asc(t.experiments.studyId))
  return rows.map((r) => r.id)
}

/** Identifiers of a study about to be written that other studies (seed or user) already hold. */
export interface TakenIdentifiers {
  /** The study id itself exists (a replace, or a create that conflicts). */
  exists: boolean
  /** Experiment id → the other study holding it. */
  experiments: Map<string, string>
  /** Lower-cased DOI → the other study holding it. */
  dois: Map<string, string>
}

export async function takenIdentifiers(db: Db, candidate: { id?: string; doi?: string; experimentIds: string[] }): Promise<TakenIdentifiers> {
  const id = candidate.id ?? ''
  const [own] = await db.select({ id: t.studies.id }).from(t.studies).where(eq(t.studies.id, id))
  const experiments = candidate.experimentIds.length === 0 ? [] : await db.select({ id: t.experiments.id, studyId: t.experiments.studyId })
    .from(t.experiments).where(and(inArray(t.experiments.id, candidate.experimentIds), sql`${t.experiments.studyId} <> ${id}`))
  const dois = candidate.doi === undefined ? [] : await db.select({ id: t.studies.id, doi: t.studies.doi })
    .from(t.studies).where(and(sql`lower(${t.studies.doi}) = lower(${candidate.doi})`, sql`${t.studies.id} <> ${id}`))
  return {
    exists: own !== undefined,
    experiments: new Map(experiments.map((e) => [e.id, e.studyId])),
    dois: new Map(dois.map((d) => [d.doi.toLowerCase(), d.id])),
  }
}

/** The stored documents of the studies `ids`, in the order of `ids` (unknown ids are skipped). */
export async function studyDocs(db: Db, ids: readonly string[]): Promise<Array<Record<string, unknown>>> {
  const byId = new Map<string, Record<string, unknown>>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.select({ id: t.studies.id, doc: t.studies.doc }).from(t.studies).where(inArray(t.studies.id, ids.slice(i, i + 500)))
    for (const r of rows) byId.set(r.id, r.doc as Record<string, unknown>)
  }
  return ids.flatMap((id) => { const d = byId.get(id); return d ? [d] : [] })
}
