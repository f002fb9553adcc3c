/**
 * SQL tables (drizzle, SQLite/libsql). The full validated document of each
 * study, experiment and observation is kept as JSON beside the normalised
 * columns that filters and indexes use, so nothing reported is lost.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const studies = sqliteTable('studies', {
  id: text('id').primaryKey(),
  origin: text('origin', { enum: ['seed', 'user'] }).notNull(),
  role: text('role', { enum: ['primary', 'context', 'review'] }).notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  authors: text('authors', { mode: 'json' }).$type<string[]>().notNull(),
  journal: text('journal').notNull(),
  doi: text('doi').notNull(),
  refs: text('refs', { mode: 'json' }).$type<number[]>().notNull(),
  techniques: text('techniques', { mode: 'json' }).$type<string[]>().notNull(),
  summary: text('summary').notNull(),
  doc: text('doc', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  updatedAt: integer('updated_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
}, (t) => [
  uniqueIndex('studies_doi_uq').on(sql`lower(${t.doi})`),
  index('studies_year_idx').on(t.year),
  check('studies_origin_chk', sql`${t.origin} in ('seed','user')`),
  check('studies_role_chk', sql`${t.role} in ('primary','context','review')`),
])

export const experiments = sqliteTable('experiments', {
  id: text('id').primaryKey(),
  studyId: text('study_id').notNull().references(() => studies.id, { onDelete: 'cascade' }),
  ordinal: integer('ordinal').notNull(),
  label: text('label').notNull(),
  techniqueFamily: text('technique_family').notNull(),
  techniqueVariant: text('technique_variant').notNull(),
  techniqueMode: text('technique_mode').notNull(),
  cellConfiguration: text('cell_configuration').notNull(),
  electrolyteKind: text('electrolyte_kind').notNull(),
  electrolyteClass: text('electrolyte_class'),
  electrolyteName: text('electrolyte_name').notNull(),
  salts: text('salts', { mode: 'json' }).$type<string[]>().notNull(),
  solvents: text('solvents', { mode: 'json' }).$type<string[]>().notNull(),
  additives: text('additives', { mode: 'json' }).$type<string[]>().notNull(),
  solidElectrolyte: text('solid_electrolyte'),
  substrate: text('substrate'),
  coatings: text('coatings', { mode: 'json' }).$type<string[]>().notNull(),
  /** Current density normalised to mA/cm² (min = max for a single value). */
  jMin: real('j_min_ma_cm2'),
  jMax: real('j_max_ma_cm2'),
  capacityMahCm2: real('capacity_mah_cm2'),
  temperatureC: real('temperature_c'),
  stackPressurePa: real('stack_pressure_pa'),
  morphologyFamilies: text('morphology_families', { mode: 'json' }).$type<string[]>().notNull(),
  doc: text('doc', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
}, (t) => [
  index('experiments_study_idx').on(t.studyId),
  index('experiments_technique_idx').on(t.techniqueFamily),
  index('experiments_j_idx').on(t.jMin, t.jMax),
  index('experiments_class_idx').on(t.electrolyteClass),
  index('experiments_substrate_idx').on(t.substrate),
])

/** Kinds of term an experiment is indexed under in `experiment_terms`. */
export const TERM_KINDS = ['additive', 'salt', 'solvent', 'coating', 'morphology-family', 'morphology-term'] as const

/**
 * One row per (experiment, kind, value) for the list-valued conditions (additives, salts, solvents,
 * coatings, observed morphology families and terms), so a filter on one of them is an index lookup
 * instead of reading the JSON arrays of every experiment.
 */
export const experimentTerms = sqliteTable('experiment_terms', {
  kind: text('kind', { enum: TERM_KINDS }).notNull(),
  value: text('value').notNull(),
  experimentId: text('experiment_id').notNull().references(() => experiments.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.kind, t.value, t.experimentId] }), index('experiment_terms_experiment_idx').on(t.experimentId)])

export const observations = sqliteTable('observations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  experimentId: text('experiment_id').notNull().references(() => experiments.id, { onDelete: 'cascade' }),
  ordinal: integer('ordinal').notNull(),
  phase: text('phase').notNull(),
  morphology: text('morphology', { mode: 'json' }).$type<string[]>().notNull(),
  families: text('families', { mode: 'json' }).$type<string[]>().notNull(),
  deadLi: integer('dead_li', { mode: 'boolean' }),
  shortCircuit: integer('short_circuit', { mode: 'boolean' }),
  cePercent: real('ce_percent'),
  summary: text('summary').notNull(),
  doc: text('doc', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
}, (t) => [index('observations_experiment_idx').on(t.experimentId)])

/** Every reported quantity with its normalised value: the raw text is never discarded. */
export const quantities = sqliteTable('quantities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  studyId: text('study_id').notNull().references(() => studies.id, { onDelete: 'cascade' }),
  pointer: text('pointer').notNull(),
  field: text('field').notNull(),
  reported: text('reported').notNull(),
  kind: text('kind').notNull(),
  unit: text('unit').notNull(),
  valueMin: real('value_min').notNull(),
  valueMax: real('value_max').notNull(),
  values: text('values', { mode: 'json' }).$type<number[]>().notNull(),
}, (t) => [index('quantities_study_idx').on(t.studyId), index('quantities_kind_idx').on(t.kind, t.valueMin)])

/**
 * Each experiment as the nearest-evidence search uses it (conditions in canonical units, what was
 * observed), derived when its study is written, so start-up reads these rows instead of parsing
 * every study document and its units again.
 */
export const evidence = sqliteTable('evidence', {
  experimentId: text('experiment_id').primaryKey().references(() => experiments.id, { onDelete: 'cascade' }),
  studyId: text('study_id').notNull().references(() => studies.id, { onDelete: 'cascade' }),
  item: text('item').notNull(),
}, (t) => [index('evidence_study_idx').on(t.studyId)])

export const vocabulary = sqliteTable('vocabulary', {
  kind: text('kind', { enum: ['technique', 'morphology', 'material'] }).notNull(),
  id: text('id').notNull(),
  name: text('name').notNull(),
  doc: text('doc', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
}, (t) => [uniqueIndex('vocabulary_pk').on(t.kind, t.id)])

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})
