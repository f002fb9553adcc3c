/**
 * `npm run restore -- --from <backup.db | dump.jsonl> [--force] [--in-place]`
 *
 * Restores a backup made by `npm run backup` into DATABASE_URL (+
 * DATABASE_AUTH_TOKEN). Refuses to overwrite a database that holds any rows
 * (seeded, or with studies) unless `--force`. Atomic either way:
 * - a local file target: the backup is copied (a `.db`) or loaded (a `.jsonl`)
 *   into a temporary file next to the target, checked (`integrity_check`,
 *   `foreign_key_check`), then renamed over the target — the database is the
 *   old one or the new one, never a mix. Stop the server first: a running
 *   server would keep the replaced file open (on Linux the restore checks
 *   /proc and refuses while another process has the database open).
 * - a remote libsql server (or `--in-place` on a file): one `batch(…, 'write')`
 *   that drops what is there, recreates the schema and inserts every row —
 *   one transaction, one request; on any error nothing changes.
 * @module
 */
import { existsSync, realpathSync, statSync } from 'node:fs'
import { copyFile, open, readdir, readlink, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.ts'
import { fileOf, fsync, integrityCheck } from './backup.ts'
import { applicationRows, dumpDatabase, loadDump, openClient, readDump, redact, type Dump } from './dump.ts'

export interface RestoreOptions {
  from: string
  url: string
  authToken?: string
  /** Overwrite a database that is not empty. */
  force?: boolean
  /** Restore a file database in one transaction instead of swapping the file (the remote code path). */
  inPlace?: boolean
}

export interface RestoreResult { strategy: 'swap-file' | 'transaction'; source: 'sqlite' | 'jsonl'; ms: number; tables: Record<string, number> }

export class RestoreError extends Error {
  constructor(message: string) { super(message); this.name = 'RestoreError' }
}

async function sourceFormat(path: string): Promise<'sqlite' | 'jsonl'> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    await fh.read(buf, 0, 16, 0)
    return buf.toString('latin1') === 'SQLite format 3\0' ? 'sqlite' : 'jsonl'
  } finally { await fh.close() }
}

/**
 * Processes other than this one that have `path` (or its `-wal`) open — a running server. Linux only
 * (reads /proc/<pid>/fd); elsewhere, and for processes we may not inspect, nothing is found.
 */
export async function openBy(path: string): Promise<number[]> {
  if (process.platform !== 'linux') return []
  const targets = new Set([path, `${path}-wal`, `${path}-shm`].map((p) => { try { return realpathSync(p) } catch { return p } }))
  const pids: number[] = []
  let entries: string[]
  try { entries = await readdir('/proc') } catch { return [] }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue
    let fds: string[]
    try { fds = await readdir(`/proc/${pid}/fd`) } catch { continue }
    for (const fd of fds) {
      let link: string
      try { link = await readlink(`/proc/${pid}/fd/${fd}`) } catch { continue }
      if (targets.has(link)) { pids.push(Number(pid)); break }
    }
  }
  return pids
}

async function readSource(from: string, format: 'sqlite' | 'jsonl'): Promise<Dump> {
  if (format === 'jsonl') return readDump(from)
  const c = openClient(`file:${from}`)
  try { return await dumpDatabase(c) } finally { c.close() }
}

async function checkFile(url: string): Promise<void> {
  const integrity = await integrityCheck(url)
  if (integrity !== 'ok') throw new RestoreError(`the restored database fails integrity_check: ${integrity}`)
  const c = openClient(url)
  try {
    const fk = await c.execute('pragma foreign_key_check')
    if (fk.rows.length > 0) throw new RestoreError(`the restored database fails foreign_key_check (${fk.rows.length} rows)`)
  } finally { c.close() }
}

export async function restoreDatabase(o: RestoreOptions): Promise<RestoreResult> {
  const t0 = performance.now()
  if (!existsSync(o.from)) throw new RestoreError(`no backup at ${o.from}`)
  const source = await sourceFormat(o.from)
  if (source === 'sqlite' && existsSync(`${o.from}-wal`) && statSync(`${o.from}-wal`).size > 0) {
    throw new RestoreError(`${o.from} has a write-ahead log beside it: it is a live database, not a backup (make one with npm run backup)`)
  }
  const local = o.url.startsWith('file:')
  const strategy: RestoreResult['strategy'] = local && !o.inPlace ? 'swap-file' : 'transaction'
  const target = local ? fileOf(o.url) : undefined

  // Refuse to overwrite data unless asked to.
  if (!target || existsSync(target)) {
    const c = openClient(o.url, o.authToken)
    try {
      const rows = await applicationRows(c)
      if (rows > 0 && !o.force) throw new RestoreError(`${redact(o.url)} is not empty (${rows} rows); use --force to replace it`)
    } finally { c.close() }
  }

  if (strategy === 'transaction') {
    const dump = await readSource(o.from, source)
    const c = openClient(o.url, o.authToken)
    try { await loadDump(c, dump) } finally { c.close() }
    if (local) await checkFile(o.url)
    return { strategy, source, ms: performance.now() - t0, tables: dump.summary.tables }
  }

  // Swap a checked temporary file in place of the target.
  const path = target as string
  const tmp = `${path}.restore-${process.pid}`
  const tmpUrl = `file:${tmp}`
  for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) await rm(p, { force: true })
  let tables: Record<string, number> = {}
  try {
    if (source === 'sqlite') {
      await copyFile(o.from, tmp)
      const c = openClient(tmpUrl)
      try { tables = (await dumpDatabase(c)).summary.tables } finally { c.close() }
    } else {
      const dump = await readDump(o.from)
      const c = openClient(tmpUrl)
      try { await loadDump(c, dump) } finally { c.close() }
      tables = dump.summary.tables
    }
    await checkFile(tmpUrl)
    await fsync(tmp)
    if (existsSync(path)) {
      const users = await openBy(path)
      if (users.length > 0) throw new RestoreError(`${path} is open in process ${users.join(', ')} (a running server?); stop it first`)
      // Fold the target's WAL into it and make sure nobody is using it before replacing it.
      const c = openClient(o.url)
      try {
        const rs = await c.execute('pragma wal_checkpoint(truncate)')
        if (Number(rs.rows[0]?.[0] ?? 0) !== 0) throw new RestoreError(`${path} is in use (a checkpoint could not complete); stop the server first`)
      } finally { c.close() }
      for (const p of [`${path}-wal`, `${path}-shm`]) await rm(p, { force: true })
    }
    await rename(tmp, path)
    await fsync(dirname(path)).catch(() => {}) // directory fsync: best effort (not supported everywhere)
  } catch (e) {
    for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) await rm(p, { force: true })
    throw e
  }
  return { strategy, source, ms: performance.now() - t0, tables }
}

const HELP = `usage: npm run restore -- --from FILE [--force] [--in-place]
  restores FILE (a .db from npm run backup, or a .jsonl dump) into DATABASE_URL
  --force      replace a database that is not empty
  --in-place   for a file database: restore in one transaction instead of swapping the file
               (the code path used for a remote server)
  Stop the server before restoring a local file.`

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, force: { type: 'boolean', default: false }, 'in-place': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  })
  if (values.help) { console.log(HELP); return 0 }
  if (!values.from) { console.error(HELP); return 2 }
  const config = loadConfig()
  try {
    const r = await restoreDatabase({ from: values.from, url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN, force: values.force, inPlace: values['in-place'] })
    console.log(`restored ${values.from} (${r.source}) into ${redact(config.DATABASE_URL)} by ${r.strategy} in ${(r.ms / 1000).toFixed(2)} s`)
    console.log(`  ${Object.entries(r.tables).map(([k, n]) => `${k} ${n}`).join(', ')}`)
    return 0
  } catch (e) {
    if (e instanceof RestoreError) { console.error(`restore refused: ${e.message}`); return 2 }
    throw e
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
