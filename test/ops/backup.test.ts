/**
 * Backup and restore round-trip the database exactly: a temp file database
 * (seeded from the real seeds, plus user studies written through the API, one
 * of them replaced so ids have gaps) is backed up and restored, and every
 * table is compared row by row — values with their storage class, rowids,
 * `sqlite_sequence` — with `PRAGMA integrity_check` = ok. Both paths: the
 * SQLite file (`VACUUM INTO`, swap-file restore) and the JSON-lines dump
 * restored in one transaction, the code path used for a remote server.
 */
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createClient, type Client } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../api/app.ts'
import { buildDeps } from '../../api/build-deps.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import { BackupError, backupDatabase } from '../../scripts/backup.ts'
import { DumpError } from '../../scripts/dump.ts'
import { RestoreError, restoreDatabase } from '../../scripts/restore.ts'
import { loadSynthInputs } from '../../scripts/synth.ts'
import { partialStudies, soundness, tableContents } from '../../src/synth/check.ts'
import { createSynthContext, generateStudies } from '../../src/synth/generate.ts'

const TOKEN = 'backup-test-token'
let dir: string
let source: string
let studies: StudyFile[]

const url = (name: string) => `file:${join(dir, name)}`
const withClient = async <T>(u: string, fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = createClient({ url: u, intMode: 'bigint' })
  try { return await fn(c) } finally { c.close() }
}
const contents = (u: string, fts: 'physical' | 'logical' = 'physical') => withClient(u, (c) => tableContents(c, { fts }))
const sound = (u: string) => withClient(u, (c) => soundness(c))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb-backup-'))
  source = url('source.db')
  const { kb, rules } = await loadSynthInputs('seeds', 'rules')
  studies = [...generateStudies(createSynthContext(kb.vocab, rules), { seed: 7, tag: 'backup', experiments: 12 })]
  const deps = await buildDeps({ DATABASE_URL: source, SEEDS_DIR: 'seeds', RULES_DIR: 'rules', API_TOKEN: TOKEN })
  const app = createApp(deps)
  const send = (method: string, path: string, body: unknown) => app.request(path, {
    method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
  })
  for (const s of studies) expect((await send('POST', '/v1/studies', s)).status).toBe(201)
  // Replace one: its old observation and quantity rows are deleted, so AUTOINCREMENT ids have gaps.
  const first = studies[0] as StudyFile
  const replaced = { ...first, title: `${first.title} (revised)`, experiments: first.experiments.slice(0, 1) }
  expect((await send('PUT', `/v1/studies/${first.id}`, replaced)).status).toBe(200)
  deps.database.close()
}, 60_000)

afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

describe('backup and restore', () => {
  test('the source has seed and user studies, with gaps in the AUTOINCREMENT ids', async () => {
    const c = await contents(source)
    expect(c.tables.studies?.length).toBeGreaterThan(50)
    // sqlite_sequence rows are [name, seq] (no rowid)
    const seq = c.tables.sqlite_sequence?.find((r) => r[0]?.[1] === 'observations')
    const observations = c.tables.observations ?? []
    expect(Number(seq?.[1]?.[1])).toBeGreaterThan(observations.length)
  })

  test('SQLite file: VACUUM INTO, then restore by swapping a checked temp file — identical tables', async () => {
    const backup = join(dir, 'backups', 'kb.db')
    const b = await backupDatabase({ url: source, out: backup })
    expect(b.format).toBe('sqlite')
    expect(existsSync(`${backup}.partial-${process.pid}`)).toBe(false)
    const target = url('restored-from-db.db')
    const r = await restoreDatabase({ from: backup, url: target })
    expect(r).toMatchObject({ strategy: 'swap-file', source: 'sqlite' })
    expect(await sound(target)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
    expect(await contents(target)).toEqual(await contents(source))
  })

  test('JSON lines: dump, then restore in one transaction (the remote path) — identical tables', async () => {
    const dump = join(dir, 'kb.jsonl')
    const b = await backupDatabase({ url: source, out: dump, format: 'jsonl' })
    expect(b.tables?.studies).toBeGreaterThan(50)
    const target = url('restored-in-place.db')
    const r = await restoreDatabase({ from: dump, url: target, inPlace: true })
    expect(r).toMatchObject({ strategy: 'transaction', source: 'jsonl' })
    expect(await sound(target)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
    const restored = await contents(target, 'logical')
    expect(restored).toEqual(await contents(source, 'logical'))
    // Full-text search is re-indexed from the dumped rows, not copied: the same documents, the same matches.
    expect(restored.tables.search_fts?.length).toBeGreaterThan(100)
    const match = (u: string) => withClient(u, async (c) => (await c.execute(`select ref from search_fts where search_fts match '"lipf6"' order by rowid`)).rows.map((r) => String(r.ref)))
    const hits = await match(target)
    expect(hits.length).toBeGreaterThan(0)
    expect(hits).toEqual(await match(source))

    // The same dump restored by swapping a file gives the same database too.
    const swapped = url('restored-swap-jsonl.db')
    await restoreDatabase({ from: dump, url: swapped })
    expect(await contents(swapped, 'logical')).toEqual(await contents(source, 'logical'))
  })

  test('the restored database serves the API: user studies come back whole', async () => {
    const target = url('restored-from-db.db')
    const deps = await buildDeps({ DATABASE_URL: target, SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
    try {
      const app = createApp(deps)
      const last = studies[studies.length - 1] as StudyFile
      const res = await app.request(`/v1/studies/${last.id}`)
      expect(res.status).toBe(200)
      expect((await res.json()).experiments).toEqual(last.experiments)
      expect(await partialStudies(deps.database.client)).toEqual([])
    } finally { deps.database.close() }
  })

  test('refuses to overwrite a non-empty database without --force; with it, replaces it exactly', async () => {
    const backup = join(dir, 'backups', 'kb.db')
    const target = url('restored-from-db.db')
    await expect(restoreDatabase({ from: backup, url: target })).rejects.toThrow(RestoreError)
    await expect(restoreDatabase({ from: join(dir, 'kb.jsonl'), url: target, inPlace: true })).rejects.toThrow(/not empty/)

    // Make the target differ, then force both kinds of restore over it.
    await withClient(target, (c) => c.execute(`delete from studies where origin = 'user'`))
    await restoreDatabase({ from: join(dir, 'kb.jsonl'), url: target, inPlace: true, force: true })
    expect(await contents(target, 'logical')).toEqual(await contents(source, 'logical'))
    await withClient(target, (c) => c.execute(`delete from studies where origin = 'user'`))
    await restoreDatabase({ from: backup, url: target, force: true })
    expect(await contents(target)).toEqual(await contents(source))
    expect(await sound(target)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })

    // A database another process holds open (a running server) is not swapped away under it (Linux).
    if (process.platform === 'linux') {
      const holder = spawn(process.execPath, ['-e', `require('node:fs').openSync(${JSON.stringify(target.slice('file:'.length))}, 'r'); console.log('open'); setInterval(() => {}, 1000)`], { stdio: ['ignore', 'pipe', 'inherit'] })
      try {
        await once(holder.stdout, 'data')
        await expect(restoreDatabase({ from: backup, url: target, force: true })).rejects.toThrow(/open in process/)
      } finally { holder.kill('SIGKILL') }
    }
  })

  test('refuses to overwrite a backup file, and a truncated or broken dump changes nothing', async () => {
    await expect(backupDatabase({ url: source, out: join(dir, 'backups', 'kb.db') })).rejects.toThrow(BackupError)

    const lines = readFileSync(join(dir, 'kb.jsonl'), 'utf8').trimEnd().split('\n')
    const truncated = join(dir, 'truncated.jsonl')
    writeFileSync(truncated, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n')
    const target = url('restored-in-place.db')
    const before = await contents(target)
    await expect(restoreDatabase({ from: truncated, url: target, inPlace: true, force: true })).rejects.toThrow(DumpError)
    await expect(restoreDatabase({ from: truncated, url: target, force: true })).rejects.toThrow(DumpError)

    // A complete dump whose rows break a constraint half-way: the single transaction rolls back.
    const broken = [...lines]
    const obsAt = broken.findIndex((l) => l.startsWith('{"table":"observations"'))
    expect(obsAt).toBeGreaterThan(-1)
    const row = JSON.parse(broken[obsAt + 1] as string) as unknown[]
    row[1] = 'no-such-experiment' // experiment_id: a foreign key violation
    broken[obsAt + 1] = JSON.stringify(row)
    const bad = join(dir, 'broken.jsonl')
    writeFileSync(bad, broken.join('\n') + '\n')
    await expect(restoreDatabase({ from: bad, url: target, inPlace: true, force: true })).rejects.toThrow()
    expect(await contents(target)).toEqual(before)
    await expect(restoreDatabase({ from: bad, url: target, force: true })).rejects.toThrow()
    expect(await contents(target)).toEqual(before)
    expect(existsSync(join(dir, `restored-in-place.db.restore-${process.pid}`))).toBe(false)
  })

  test('the CLIs: npm run backup / npm run restore with DATABASE_URL', async () => {
    const run = (script: string, args: string[], env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, timeout: 60_000 })
        .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e)
    const out = join(dir, 'cli', 'kb.db')
    const b = await run('scripts/backup.ts', ['--out', out], { DATABASE_URL: source })
    expect(b).toMatchObject({ code: 0 })
    expect(b.stdout).toMatch(/backed up .* \(sqlite/)
    const target = url('cli-restored.db')
    expect(await run('scripts/restore.ts', ['--from', out], { DATABASE_URL: target })).toMatchObject({ code: 0 })
    const again = await run('scripts/restore.ts', ['--from', out], { DATABASE_URL: target })
    expect(again).toMatchObject({ code: 2 })
    expect(again.stderr).toMatch(/not empty/)
    expect(await contents(target)).toEqual(await contents(source))
  }, 60_000)

  test('a backup taken while studies are being written is consistent: no partial study', async () => {
    const live = url('live.db')
    const deps = await buildDeps({ DATABASE_URL: live, SEEDS_DIR: 'seeds', RULES_DIR: 'rules', API_TOKEN: TOKEN })
    const { kb, rules } = await loadSynthInputs('seeds', 'rules')
    const docs = [...generateStudies(createSynthContext(kb.vocab, rules), { seed: 8, tag: 'live', experiments: 150, perStudy: [4, 10] })]
    let writing = true
    const writer = (async () => {
      for (const d of docs) {
        await deps.store.putUserStudy(d)
        // The native driver is synchronous: without a macrotask turn (as a server has between
        // requests) this loop would starve the backup's file I/O until it finished.
        await new Promise((r) => setImmediate(r))
      }
      writing = false
    })()
    const snapshots: string[] = []
    for (let i = 0; writing && i < 30; i++) {
      const out = join(dir, 'live', `snap-${i}.db`)
      await backupDatabase({ url: live, out })
      snapshots.push(out)
    }
    await writer
    deps.database.close()
    expect(snapshots.length).toBeGreaterThan(1)
    const seen: number[] = []
    for (const s of snapshots) {
      expect(await sound(`file:${s}`)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
      expect(await withClient(`file:${s}`, (c) => partialStudies(c, 'synth-'))).toEqual([])
      seen.push(await withClient(`file:${s}`, async (c) => Number((await c.execute(`select count(*) from studies where id like 'synth-%'`)).rows[0]?.[0])))
    }
    // Snapshots were taken mid-stream: some studies written, not all.
    expect(seen.some((n) => n > 0 && n < docs.length)).toBe(true)
  }, 60_000)
})
