/**
 * `npm run backup -- [--out backups/kb-<timestamp>.db] [--format sqlite|jsonl] [--force]`
 *
 * Backs up the database at DATABASE_URL (+ DATABASE_AUTH_TOKEN) through
 * `@libsql/client`:
 * - a local file (`file:…`): `VACUUM INTO` a new SQLite file — a consistent
 *   snapshot, safe while the server is running and writing;
 * - a remote libsql server (`libsql://…`, `https://…`, `http://127.0.0.1:8080`)
 *   or `--format jsonl`: a JSON-lines dump of the schema and every row, read in
 *   one read transaction (scripts/dump.ts).
 * The backup is written to a temporary name and renamed when complete and
 * checked, so an interrupted backup never leaves a file that looks finished.
 * @module
 */
import { existsSync, statSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.ts'
import { openClient, quoteText, redact, writeDump, type DumpSummary } from './dump.ts'

export type BackupFormat = 'sqlite' | 'jsonl'

export interface BackupOptions {
  url: string
  authToken?: string
  /** Default `backups/kb-<timestamp>.db` (`.jsonl` for a dump). */
  out?: string
  /** Default: `sqlite` for a `file:` URL, `jsonl` otherwise. */
  format?: BackupFormat
  /** Overwrite an existing `out`. */
  force?: boolean
}

export interface BackupResult { out: string; format: BackupFormat; bytes: number; ms: number; tables?: Record<string, number> }

export class BackupError extends Error {
  constructor(message: string) { super(message); this.name = 'BackupError' }
}

/** The file path of a `file:` URL (without a query string). */
export const fileOf = (url: string): string => resolve(url.slice('file:'.length).replace(/\?.*$/, '').replace(/^\/\/(?=\/)/, ''))

const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')

/** Flush a file (or a directory) to disk. */
export async function fsync(path: string): Promise<void> {
  const fh = await open(path, 'r')
  try { await fh.sync() } finally { await fh.close() }
}

/** `PRAGMA integrity_check` of a local SQLite file: `ok` or the first problems. */
export async function integrityCheck(url: string): Promise<string> {
  const c = openClient(url)
  try {
    const rs = await c.execute('pragma integrity_check')
    return rs.rows.map((r) => String(r[0])).join('; ')
  } finally { c.close() }
}

export async function backupDatabase(o: BackupOptions): Promise<BackupResult> {
  const t0 = performance.now()
  const format: BackupFormat = o.format ?? (o.url.startsWith('file:') ? 'sqlite' : 'jsonl')
  const out = resolve(o.out ?? `backups/kb-${stamp(new Date())}.${format === 'sqlite' ? 'db' : 'jsonl'}`)
  if (existsSync(out)) {
    if (!o.force) throw new BackupError(`${out} exists (use --force to overwrite it)`)
    await rm(out)
  }
  if (o.url.startsWith('file:') && !existsSync(fileOf(o.url))) throw new BackupError(`no database at ${fileOf(o.url)}`)
  await mkdir(dirname(out), { recursive: true })

  if (format === 'jsonl') {
    const client = openClient(o.url, o.authToken)
    let summary: DumpSummary
    try { summary = await writeDump(client, out, o.url) } finally { client.close() }
    return { out, format, bytes: statSync(out).size, ms: performance.now() - t0, tables: summary.tables }
  }

  if (!o.url.startsWith('file:')) throw new BackupError(`a SQLite-file backup needs a local file database; ${redact(o.url)} is not one (use --format jsonl)`)
  const tmp = `${out}.partial-${process.pid}`
  await rm(tmp, { force: true })
  const client = openClient(o.url, o.authToken)
  try {
    await client.execute(`vacuum into ${quoteText(tmp)}`)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  } finally { client.close() }
  const integrity = await integrityCheck(`file:${tmp}`)
  if (integrity !== 'ok') { await rm(tmp, { force: true }); throw new BackupError(`the snapshot fails integrity_check: ${integrity}`) }
  await fsync(tmp)
  await rename(tmp, out)
  return { out, format, bytes: statSync(out).size, ms: performance.now() - t0 }
}

const HELP = `usage: npm run backup -- [--out FILE] [--format sqlite|jsonl] [--force]
  backs up DATABASE_URL (with DATABASE_AUTH_TOKEN for a remote server)
  --out FILE     default backups/kb-<timestamp>.db (.jsonl for a dump)
  --format       sqlite: VACUUM INTO a SQLite file (local databases; the default for file: URLs)
                 jsonl: JSON-lines dump of schema and rows (any URL; the default for remote ones)
  --force        overwrite FILE if it exists`

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  })
  if (values.help) { console.log(HELP); return 0 }
  if (values.format !== undefined && values.format !== 'sqlite' && values.format !== 'jsonl') { console.error(HELP); return 2 }
  const config = loadConfig()
  try {
    const r = await backupDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN, out: values.out, format: values.format as BackupFormat | undefined, force: values.force })
    console.log(`backed up ${redact(config.DATABASE_URL)} to ${r.out} (${r.format}, ${(r.bytes / 1e6).toFixed(2)} MB, ${(r.ms / 1000).toFixed(2)} s)`)
    if (r.tables) console.log(`  ${Object.entries(r.tables).map(([k, n]) => `${k} ${n}`).join(', ')}`)
    return 0
  } catch (e) {
    if (e instanceof BackupError) { console.error(`backup refused: ${e.message}`); return 2 }
    throw e
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
