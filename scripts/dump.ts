/**
 * Database snapshots through `@libsql/client`, the same client (and so the same
 * code path) for a local file, `:memory:` and a remote libsql server:
 *
 * - `snapshotFile`: `VACUUM INTO` a new SQLite file — a consistent snapshot
 *   taken inside one read transaction, so it is safe while the server writes
 *   (WAL lets the reader and the writer proceed together). Local files only.
 * - `writeDump` / `readDump`: a JSON-lines dump of the schema (`sqlite_master`)
 *   and every row of every table, read in one read transaction and written to
 *   a temporary file that is renamed only when complete. Works over any URL.
 * - `restoreStatements`: the dump as one list of statements (drop what is
 *   there, create the schema, insert the rows with their rowids, set
 *   `sqlite_sequence`) for a single atomic `batch(…, 'write')` — one request to
 *   a remote server, one transaction locally.
 *
 * Virtual tables: an FTS5 table is dumped by its rows (`rowid` and columns) and
 * re-indexed on restore (its shadow tables `_data`, `_idx`, `_content`,
 * `_docsize`, `_config` are not copied: FTS5 rebuilds them, so the index is
 * logically identical though its segments may be laid out differently), an
 * external-content FTS5 table is rebuilt from its content table, and read-only
 * `fts5vocab` tables are recreated. Other virtual-table modules are refused
 * (use the SQLite-file backup). Indexes, views and triggers are created after
 * the rows, so triggers do not fire on restored rows.
 *
 * Values keep their SQLite storage class exactly (clients use `intMode:
 * 'bigint'`): an INTEGER is a JSON integer (or `{"$int":"…"}` beyond 2⁵³), a
 * REAL is a JSON number with a fraction or `{"$real":…}` when it is integral or
 * not finite, TEXT a string, BLOB `{"$blob":"<base64>"}`, NULL null.
 * @module
 */
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { createClient, type Client, type InStatement, type InValue, type Transaction } from '@libsql/client'

export const DUMP_FORMAT = 'li-anode-kb-dump'
export const DUMP_VERSION = 1
const PAGE = 500

export interface SchemaEntry { type: string; name: string; tbl_name: string; sql: string }
export interface DumpSummary { tables: Record<string, number>; schema: number; sequence: number }

/** `createClient` as the service uses it, plus exact integers. */
export function openClient(url: string, authToken?: string): Client {
  return createClient({ url, authToken, intMode: 'bigint', timeout: 5000 })
}

/** Tables and objects that belong to SQLite or the server, not to the application. */
export const isInternal = (name: string): boolean => /^(sqlite_|_litestream|libsql_|_cf_)/i.test(name)

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`
/** An SQL string literal. */
export const quoteText = (s: string) => `'${s.replace(/'/g, "''")}'`

/** A URL without credentials, for headers and messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''; u.password = ''
    for (const k of [...u.searchParams.keys()]) if (/token|auth|key|secret/i.test(k)) u.searchParams.set(k, '…')
    return u.toString()
  } catch { return url }
}

// ------------------------------------------------------------------------------------------------
// Value encoding.

export function encodeValue(v: unknown): unknown {
  if (v === null || v === undefined) return null
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { $int: v.toString() }
  if (typeof v === 'number') return Number.isFinite(v) && !Number.isInteger(v) ? v : { $real: Number.isFinite(v) ? v : String(v) }
  if (typeof v === 'string') return v
  if (v instanceof ArrayBuffer) return { $blob: Buffer.from(v).toString('base64') }
  if (ArrayBuffer.isView(v)) return { $blob: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
  if (typeof v === 'boolean') return v ? 1 : 0
  throw new Error(`cannot encode a ${typeof v} value`)
}

export function decodeValue(v: unknown): InValue {
  if (v === null) return null
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v
  if (typeof v === 'string') return v
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (typeof o.$int === 'string') return BigInt(o.$int)
    if (o.$real !== undefined) return typeof o.$real === 'number' ? o.$real : Number(o.$real)
    if (typeof o.$blob === 'string') return new Uint8Array(Buffer.from(o.$blob, 'base64'))
  }
  throw new Error(`cannot decode ${JSON.stringify(v)}`)
}

// ------------------------------------------------------------------------------------------------
// Reading a database.

type Reader = Pick<Transaction, 'execute'>

export async function readSchema(db: Reader): Promise<SchemaEntry[]> {
  const rs = await db.execute(`select type, name, tbl_name, sql from sqlite_master where sql is not null order by rowid`)
  return rs.rows
    .map((r) => ({ type: String(r.type), name: String(r.name), tbl_name: String(r.tbl_name), sql: String(r.sql) }))
    .filter((e) => !isInternal(e.name) && !isInternal(e.tbl_name))
}

const FTS5_SHADOW = ['data', 'idx', 'content', 'docsize', 'config']

export interface SchemaPlan {
  /** Ordinary tables, FTS5 shadow tables excluded. */
  tables: SchemaEntry[]
  /** FTS5 tables with their own content: dumped by rows. */
  fts: SchemaEntry[]
  /** FTS5 tables over an external content table: rebuilt after the rows. */
  ftsExternal: SchemaEntry[]
  /** Virtual tables without data of their own (`fts5vocab`). */
  derived: SchemaEntry[]
  /** Indexes, views and triggers. */
  rest: SchemaEntry[]
}

const isVirtual = (e: SchemaEntry) => e.type === 'table' && /^\s*create\s+virtual\s+table/i.test(e.sql)
const moduleOf = (e: SchemaEntry) => /\busing\s+([a-z0-9_]+)/i.exec(e.sql)?.[1]?.toLowerCase()

/** Sort the schema into what is copied by rows, rebuilt, recreated, or left to SQLite. */
export function planSchema(schema: SchemaEntry[]): SchemaPlan {
  const plan: SchemaPlan = { tables: [], fts: [], ftsExternal: [], derived: [], rest: [] }
  const shadows = new Set<string>()
  for (const e of schema.filter(isVirtual)) {
    const mod = moduleOf(e)
    if (mod === 'fts5') {
      for (const x of FTS5_SHADOW) shadows.add(`${e.name}_${x}`.toLowerCase())
      const content = /\bcontent\s*=\s*(['"]?)([^'",)]*)\1/i.exec(e.sql)
      if (!content) plan.fts.push(e)
      else if (content[2] === '') throw new DumpError(`${e.name} is a contentless FTS5 table: its rows cannot be dumped; use the SQLite-file backup`)
      else plan.ftsExternal.push(e)
    } else if (mod === 'fts5vocab') plan.derived.push(e)
    else throw new DumpError(`virtual table ${e.name} (module ${mod ?? '?'}) is not supported by the JSON-lines dump; use the SQLite-file backup`)
  }
  for (const e of schema) {
    if (isVirtual(e)) continue
    if (e.type === 'table') { if (!shadows.has(e.name.toLowerCase())) plan.tables.push(e) } else if (!shadows.has(e.tbl_name.toLowerCase())) plan.rest.push(e)
  }
  return plan
}

export interface TableShape { name: string; columns: string[]; withoutRowid: boolean; rowidAlias: boolean }

export async function tableShape(db: Reader, entry: SchemaEntry): Promise<TableShape> {
  const info = await db.execute(`pragma table_info(${quoteId(entry.name)})`)
  const columns = info.rows.map((r) => String(r.name))
  const pk = info.rows.filter((r) => Number(r.pk) > 0)
  const withoutRowid = /\)\s*without\s+rowid\s*;?\s*$/i.test(entry.sql)
  const rowidAlias = !withoutRowid && !isVirtual(entry) && pk.length === 1 && String(pk[0]?.type).toUpperCase() === 'INTEGER'
  return { name: entry.name, columns, withoutRowid, rowidAlias }
}

/** Every row of a table as encoded arrays: `[rowid, ...columns]` when the rowid is not a column, else `[...columns]`. */
export async function* tableRows(db: Reader, shape: TableShape): AsyncGenerator<unknown[]> {
  const cols = shape.columns.map(quoteId).join(', ')
  if (shape.withoutRowid) {
    const rs = await db.execute(`select ${cols} from ${quoteId(shape.name)}`)
    for (const r of rs.rows) yield shape.columns.map((_, i) => encodeValue(r[i]))
    return
  }
  const keepRowid = !shape.rowidAlias
  let after: InValue = BigInt(Number.MIN_SAFE_INTEGER) * 1024n
  for (;;) {
    const rs = await db.execute({ sql: `select rowid, ${cols} from ${quoteId(shape.name)} where rowid > ? order by rowid limit ${PAGE}`, args: [after] })
    for (const r of rs.rows) {
      const values = shape.columns.map((_, i) => encodeValue(r[i + 1]))
      yield keepRowid ? [encodeValue(r[0]), ...values] : values
    }
    if (rs.rows.length < PAGE) return
    after = rs.rows[rs.rows.length - 1]?.[0] as InValue
  }
}

/** FTS5 configuration set by the application (`INSERT INTO t(t, rank) VALUES('rank', …)`), without the internal version. */
async function readFtsConfig(db: Reader, fts: SchemaEntry[]): Promise<Array<[string, string, unknown]>> {
  const out: Array<[string, string, unknown]> = []
  for (const e of fts) {
    const rs = await db.execute(`select k, v from ${quoteId(`${e.name}_config`)} where k <> 'version' order by k`)
    for (const r of rs.rows) out.push([e.name, String(r.k), encodeValue(r.v)])
  }
  return out
}

async function readSequence(db: Reader): Promise<Array<[string, unknown]>> {
  const has = await db.execute(`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`)
  if (has.rows.length === 0) return []
  const rs = await db.execute('select name, seq from sqlite_sequence order by name')
  return rs.rows.map((r) => [String(r.name), encodeValue(r.seq)])
}

// ------------------------------------------------------------------------------------------------
// JSON-lines dump.

export interface Dump {
  /** What is recreated: tables, virtual tables, indexes, views, triggers (FTS5 shadow tables excluded). */
  schema: SchemaEntry[]
  tables: Array<{ name: string; columns: string[]; rowid: boolean; rows: unknown[][] }>
  sequence: Array<[string, unknown]>
  /** FTS5 settings: [table, key, value]. */
  ftsConfig: Array<[string, string, unknown]>
  summary: DumpSummary
}

export class DumpError extends Error {
  constructor(message: string) { super(message); this.name = 'DumpError' }
}

/** The schema entries a dump keeps, in their original order, and the tables whose rows it holds. */
function dumpPlan(schema: SchemaEntry[]): { kept: SchemaEntry[]; withRows: SchemaEntry[]; plan: SchemaPlan } {
  const plan = planSchema(schema)
  const keep = new Set([...plan.tables, ...plan.fts, ...plan.ftsExternal, ...plan.derived, ...plan.rest])
  const rows = new Set([...plan.tables, ...plan.fts])
  return { kept: schema.filter((e) => keep.has(e)), withRows: schema.filter((e) => rows.has(e)), plan }
}

/** Read every part of a dump inside one read transaction, handing each piece to `emit`. */
async function readAll(tx: Reader, emit: {
  schema(e: SchemaEntry): Promise<void>
  table(shape: TableShape, rowid: boolean): Promise<void>
  row(r: unknown[]): Promise<void>
  tail(sequence: Array<[string, unknown]>, ftsConfig: Array<[string, string, unknown]>): Promise<void>
}): Promise<DumpSummary> {
  const summary: DumpSummary = { tables: {}, schema: 0, sequence: 0 }
  const { kept, withRows, plan } = dumpPlan(await readSchema(tx))
  for (const e of kept) await emit.schema(e)
  summary.schema = kept.length
  for (const entry of withRows) {
    const shape = await tableShape(tx, entry)
    await emit.table(shape, !shape.withoutRowid && !shape.rowidAlias)
    let n = 0
    for await (const row of tableRows(tx, shape)) { await emit.row(row); n++ }
    summary.tables[shape.name] = n
  }
  const sequence = await readSequence(tx)
  summary.sequence = sequence.length
  await emit.tail(sequence, await readFtsConfig(tx, plan.fts))
  return summary
}

/** Write a JSON-lines dump of the database behind `client` to `out` (atomically: temp file, then rename). */
export async function writeDump(client: Client, out: string, source: string): Promise<DumpSummary> {
  const tmp = `${out}.partial-${process.pid}`
  const stream = createWriteStream(tmp, { encoding: 'utf8' })
  const write = async (obj: unknown) => { if (!stream.write(JSON.stringify(obj) + '\n')) await once(stream, 'drain') }
  let summary: DumpSummary
  const tx = await client.transaction('read') // one consistent snapshot of every table
  try {
    await write({ format: DUMP_FORMAT, version: DUMP_VERSION, createdAt: new Date().toISOString(), source: redact(source) })
    summary = await readAll(tx, {
      schema: (e) => write({ schema: e }),
      table: (shape, rowid) => write({ table: shape.name, columns: shape.columns, rowid }),
      row: (r) => write(r),
      tail: async (sequence, ftsConfig) => {
        if (sequence.length > 0) await write({ sequence })
        if (ftsConfig.length > 0) await write({ ftsConfig })
      },
    })
    await write({ end: summary })
  } catch (e) {
    stream.destroy()
    await rm(tmp, { force: true })
    throw e
  } finally {
    tx.close()
  }
  stream.end()
  await once(stream, 'finish')
  const fh = await open(tmp, 'r+')
  try { await fh.sync() } finally { await fh.close() }
  await rename(tmp, out)
  return summary
}

/** Read a JSON-lines dump; refuses a file that is not one, or that was cut short (no end line). */
export async function readDump(path: string): Promise<Dump> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  const dump: Dump = { schema: [], tables: [], sequence: [], ftsConfig: [], summary: { tables: {}, schema: 0, sequence: 0 } }
  let n = 0
  let ended = false
  for await (const line of lines) {
    n++
    if (line.trim() === '') continue
    if (ended) throw new DumpError(`${path}:${n}: content after the end line`)
    let obj: unknown
    try { obj = JSON.parse(line) } catch { throw new DumpError(`${path}:${n}: not JSON`) }
    if (n === 1) {
      const h = obj as { format?: unknown; version?: unknown }
      if (h.format !== DUMP_FORMAT || h.version !== DUMP_VERSION) throw new DumpError(`${path} is not a ${DUMP_FORMAT} v${DUMP_VERSION} file`)
      continue
    }
    if (Array.isArray(obj)) {
      const table = dump.tables[dump.tables.length - 1]
      if (!table) throw new DumpError(`${path}:${n}: a row before any table line`)
      if (obj.length !== table.columns.length + (table.rowid ? 1 : 0)) throw new DumpError(`${path}:${n}: row has ${obj.length} values for ${table.name}`)
      table.rows.push(obj)
      continue
    }
    const o = obj as Record<string, unknown>
    if (o.schema) dump.schema.push(o.schema as SchemaEntry)
    else if (typeof o.table === 'string') dump.tables.push({ name: o.table, columns: o.columns as string[], rowid: o.rowid === true, rows: [] })
    else if (Array.isArray(o.sequence)) dump.sequence = o.sequence as Array<[string, unknown]>
    else if (Array.isArray(o.ftsConfig)) dump.ftsConfig = o.ftsConfig as Array<[string, string, unknown]>
    else if (o.end) { dump.summary = o.end as DumpSummary; ended = true } else throw new DumpError(`${path}:${n}: unknown line`)
  }
  if (!ended) throw new DumpError(`${path} has no end line: the dump is incomplete`)
  for (const t of dump.tables) {
    if (dump.summary.tables[t.name] !== t.rows.length) throw new DumpError(`${path}: ${t.name} has ${t.rows.length} rows, the end line says ${dump.summary.tables[t.name]}`)
  }
  return dump
}

/** Read a whole database (e.g. a `.db` backup) into the dump shape, through the client. */
export async function dumpDatabase(client: Client): Promise<Dump> {
  const dump: Dump = { schema: [], tables: [], sequence: [], ftsConfig: [], summary: { tables: {}, schema: 0, sequence: 0 } }
  const tx = await client.transaction('read')
  try {
    dump.summary = await readAll(tx, {
      schema: async (e) => { dump.schema.push(e) },
      table: async (shape, rowid) => { dump.tables.push({ name: shape.name, columns: shape.columns, rowid, rows: [] }) },
      row: async (r) => { dump.tables[dump.tables.length - 1]?.rows.push(r) },
      tail: async (sequence, ftsConfig) => { dump.sequence = sequence; dump.ftsConfig = ftsConfig },
    })
  } finally { tx.close() }
  return dump
}

// ------------------------------------------------------------------------------------------------
// Restoring.

const MAX_ARGS = 30_000
const MAX_ROWS = 200

/**
 * Statements that turn the database into exactly the dump, for one `batch(…, 'write')`: drop every
 * application object there (triggers, views, indexes, virtual tables, then tables), create the
 * tables and virtual tables in their original order, insert every row with its rowid (FTS5 tables
 * through the table itself, which re-indexes them), rebuild external-content FTS5 tables, restore
 * FTS5 settings and `sqlite_sequence`, and only then create indexes, views and triggers.
 */
export function restoreStatements(dump: Dump, existing: SchemaEntry[]): InStatement[] {
  const plan = planSchema(dump.schema)
  // Foreign keys are checked at COMMIT: tables can be dropped and filled in any order, and a dump
  // whose rows do not satisfy them fails as a whole.
  const out: InStatement[] = ['pragma defer_foreign_keys = on']
  const old = planSchema(existing)
  const drops = [...existing].reverse()
  for (const kind of ['trigger', 'view', 'index']) {
    for (const e of drops.filter((x) => x.type === kind)) out.push(`drop ${kind} if exists ${quoteId(e.name)}`)
  }
  for (const e of [...old.derived, ...old.ftsExternal, ...old.fts].reverse()) out.push(`drop table if exists ${quoteId(e.name)}`)
  for (const e of [...old.tables].reverse()) out.push(`drop table if exists ${quoteId(e.name)}`)

  const tablesFirst = new Set([...plan.tables, ...plan.fts, ...plan.ftsExternal, ...plan.derived])
  for (const e of dump.schema) if (tablesFirst.has(e)) out.push(e.sql)
  for (const t of dump.tables) {
    if (t.rows.length === 0) continue
    const cols = [...(t.rowid ? ['rowid'] : []), ...t.columns]
    const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_ARGS / cols.length)))
    const head = `insert into ${quoteId(t.name)} (${cols.map(quoteId).join(', ')}) values `
    const tuple = `(${cols.map(() => '?').join(', ')})`
    for (let i = 0; i < t.rows.length; i += per) {
      const chunk = t.rows.slice(i, i + per)
      out.push({ sql: head + chunk.map(() => tuple).join(', '), args: chunk.flatMap((r) => r.map(decodeValue)) })
    }
  }
  for (const e of plan.ftsExternal) out.push(`insert into ${quoteId(e.name)} (${quoteId(e.name)}) values ('rebuild')`)
  for (const [table, key, value] of dump.ftsConfig) {
    out.push({ sql: `insert into ${quoteId(table)} (${quoteId(table)}, rank) values (?, ?)`, args: [key, decodeValue(value)] })
  }
  if (dump.sequence.length > 0) {
    out.push('delete from sqlite_sequence')
    for (const [name, seq] of dump.sequence) out.push({ sql: 'insert into sqlite_sequence (name, seq) values (?, ?)', args: [name, decodeValue(seq)] })
  }
  for (const kind of ['index', 'view', 'trigger']) for (const e of plan.rest.filter((x) => x.type === kind)) out.push(e.sql)
  return out
}

/** The knowledge-base tables (schema/db/tables.ts): a database with no row in any of them is empty. */
export const KB_TABLES = ['studies', 'experiments', 'observations', 'quantities', 'vocabulary', 'meta'] as const

/** Rows in the knowledge-base tables that exist (migration bookkeeping and search indexes aside): 0 means empty. */
export async function applicationRows(client: Client): Promise<number> {
  const present = new Set((await readSchema(client)).filter((e) => e.type === 'table').map((e) => e.name))
  let n = 0
  for (const name of KB_TABLES) {
    if (!present.has(name)) continue
    const rs = await client.execute(`select count(*) as n from ${quoteId(name)}`)
    n += Number(rs.rows[0]?.n ?? 0)
  }
  return n
}

/** Load a dump into the database behind `client`, replacing whatever is there, in one atomic batch. */
export async function loadDump(client: Client, dump: Dump): Promise<void> {
  const existing = await readSchema(client)
  await client.batch(restoreStatements(dump, existing), 'write')
}
