/**
 * Database inspections for the ops and stress tests (and by hand after an
 * incident): every table's exact contents for comparing a database with its
 * restored copy, and the "no partial study" check — each stored study has
 * exactly the experiment, observation and quantity rows its document implies.
 * Reads through `@libsql/client` with `intMode: 'bigint'`, so INTEGER and REAL
 * values stay distinguishable.
 * @module
 */
import type { Client } from '@libsql/client'
import { StudyFileSchema } from '../../schema/files/study-file.ts'
import { checkQuantities } from '../kb/validate-quantities.ts'

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`

/** A value with its SQLite storage class, e.g. `['integer', '3']`, `['real', 1]`, `['text', 'x']`. */
export type Typed = [string, unknown]

function typed(v: unknown): Typed {
  if (v === null || v === undefined) return ['null', null]
  if (typeof v === 'bigint') return ['integer', v.toString()]
  if (typeof v === 'number') return ['real', Number.isFinite(v) ? v : String(v)]
  if (typeof v === 'string') return ['text', v]
  if (v instanceof ArrayBuffer) return ['blob', Buffer.from(v).toString('base64')]
  return [typeof v, String(v)]
}

export interface Contents {
  schema: Array<{ type: string; name: string; tbl_name: string; sql: string | null }>
  /** Per table, rows as typed values in rowid order (rowid first, unless `rowids: false`). */
  tables: Record<string, Typed[][]>
}

const FTS5_SHADOW = /_(data|idx|content|docsize|config)$/i

/**
 * Every table of the database (including `sqlite_sequence` and drizzle's migrations table).
 * Virtual tables are read through themselves: an FTS5 table by rowid, others (`fts5vocab`) sorted.
 * `fts: 'logical'` leaves out FTS5 shadow tables (whose segments depend on how the index was
 * built) and the FTS5 entries of `sqlite_master` that name them; the FTS5 rows and vocabularies
 * still have to be equal. `omit` drops columns by `table.column`; `skipTables` whole tables.
 */
export async function tableContents(client: Client, opts: { rowids?: boolean; omit?: string[]; skipTables?: string[]; fts?: 'physical' | 'logical' } = {}): Promise<Contents> {
  const schemaRows = await client.execute(`select type, name, tbl_name, sql from sqlite_master order by type, name`)
  let schema = schemaRows.rows.map((r) => ({ type: String(r.type), name: String(r.name), tbl_name: String(r.tbl_name), sql: r.sql === null ? null : String(r.sql) }))
  const fts5 = new Set(schema.filter((s) => /using\s+fts5\s*\(/i.test(s.sql ?? '')).map((s) => s.name.toLowerCase()))
  const isShadow = (name: string) => FTS5_SHADOW.test(name) && fts5.has(name.replace(FTS5_SHADOW, '').toLowerCase())
  if (opts.fts === 'logical') schema = schema.filter((s) => !isShadow(s.name) && !isShadow(s.tbl_name))
  const tables: Contents['tables'] = {}
  for (const t of schema.filter((s) => s.type === 'table' && !(opts.skipTables ?? []).includes(s.name))) {
    const info = await client.execute(`pragma table_info(${quoteId(t.name)})`)
    const cols = info.rows.map((r) => String(r.name)).filter((c) => !(opts.omit ?? []).includes(`${t.name}.${c}`))
    const virtual = /^\s*create\s+virtual\s+table/i.test(t.sql ?? '')
    let sql: string
    const withoutRowid = /\)\s*without\s+rowid\s*;?\s*$/i.test(t.sql ?? '')
    if ((virtual && !fts5.has(t.name.toLowerCase())) || withoutRowid) sql = `select ${cols.map(quoteId).join(', ')} from ${quoteId(t.name)} order by ${cols.map((_, i) => i + 1).join(', ')}`
    else if (t.name === 'sqlite_sequence') sql = `select ${cols.map(quoteId).join(', ')} from sqlite_sequence order by name`
    else sql = `select ${(opts.rowids ?? true) || virtual ? 'rowid, ' : ''}${cols.map(quoteId).join(', ')} from ${quoteId(t.name)} order by rowid`
    const rs = await client.execute(sql)
    tables[t.name] = rs.rows.map((r) => Array.from({ length: rs.columns.length }, (_, i) => typed(r[i])))
  }
  return { schema, tables }
}

export interface PartialStudy { id: string; problem: string }

/**
 * Studies (whose id starts with `prefix`) whose rows do not match their document: missing or extra
 * experiments, observations, quantities or evidence records. Also experiments without a study and observations
 * without an experiment. Empty when every study is whole.
 */
export async function partialStudies(client: Client, prefix = ''): Promise<PartialStudy[]> {
  const out: PartialStudy[] = []
  const like = `${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  const studies = await client.execute({ sql: `select id, doc from studies where id like ? escape '\\'`, args: [like] })
  const count = async (sql: string, id: string) => Number((await client.execute({ sql, args: [id] })).rows[0]?.n ?? -1)
  for (const r of studies.rows) {
    const id = String(r.id)
    const parsed = StudyFileSchema.safeParse(JSON.parse(String(r.doc)))
    if (!parsed.success) { out.push({ id, problem: 'stored document does not parse' }); continue }
    const doc = parsed.data
    const wantExp = doc.experiments.length
    const wantObs = doc.experiments.reduce((n, e) => n + e.observations.length, 0)
    const wantQ = checkQuantities(doc).parsed.length
    const exp = await count('select count(*) as n from experiments where study_id = ?', id)
    const obs = await count('select count(*) as n from observations o join experiments e on e.id = o.experiment_id where e.study_id = ?', id)
    const q = await count('select count(*) as n from quantities where study_id = ?', id)
    const wantEv = doc.role === 'primary' ? wantExp : 0
    const ev = await count('select count(*) as n from evidence where study_id = ?', id)
    if (ev !== wantEv) out.push({ id, problem: `${ev} evidence rows, document has ${wantEv} primary experiments` })
    if (exp !== wantExp) out.push({ id, problem: `${exp} experiment rows, document has ${wantExp}` })
    if (obs !== wantObs) out.push({ id, problem: `${obs} observation rows, document has ${wantObs}` })
    if (q !== wantQ) out.push({ id, problem: `${q} quantity rows, document has ${wantQ}` })
  }
  const orphanExp = await client.execute('select id from experiments where study_id not in (select id from studies)')
  for (const r of orphanExp.rows) out.push({ id: String(r.id), problem: 'experiment without a study' })
  const orphanObs = await client.execute('select id from observations where experiment_id not in (select id from experiments)')
  for (const r of orphanObs.rows) out.push({ id: String(r.id), problem: 'observation without an experiment' })
  const orphanQ = await client.execute('select id from quantities where study_id not in (select id from studies)')
  for (const r of orphanQ.rows) out.push({ id: String(r.id), problem: 'quantity without a study' })
  return out
}

/** `PRAGMA integrity_check` joined (`ok` when sound) and the number of `foreign_key_check` violations. */
export async function soundness(client: Client): Promise<{ integrity: string; foreignKeyViolations: number }> {
  const ic = await client.execute('pragma integrity_check')
  const fk = await client.execute('pragma foreign_key_check')
  return { integrity: ic.rows.map((r) => String(r[0])).join('; '), foreignKeyViolations: fk.rows.length }
}
