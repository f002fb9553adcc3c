/**
 * `npm run synth -- --experiments 100000 [--seed 1] [--out file:data/synth-100000.db]`
 *
 * Writes a synthetic knowledge base (src/synth/generate.ts) into a separate
 * database: migrated with `openDatabase`, seeded with the real vocabulary and
 * seed studies (so the API serves it like the real one), then the synthetic
 * studies turned into rows by `studyRows` — exactly the rows the API writes —
 * and inserted in batched transactions: by default as multi-row INSERTs
 * (`src/synth/bulk-rows.ts`, built in worker threads while the main thread
 * writes), or with `--insert api` as the statements the API's write path runs
 * for each study (`studyWriteStatements`, slower; the ops test checks that both
 * give identical tables). Full-text search documents are written only with
 * `--search` (or `--insert api`): indexing costs more than the rest together.
 *
 * Synthetic studies are stored with `origin: 'user'` — the studies table allows
 * only 'seed' | 'user', and they behave like studies written through the API:
 * re-seeding never deletes them and the server loads them at start. They are
 * marked synthetic by the `synth-` id prefix, the `10.0000/synthetic.` DOI
 * prefix, the `[synthetic]` title prefix, and a `synthetic:<tag>` row in `meta`.
 *
 * Refuses `data/kb.db` and remote URLs unless `--force`; refuses to add to a
 * database that already holds studies of the same tag unless `--replace`.
 * @module
 */
import { realpathSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileOf } from './backup.ts'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { like, sql } from 'drizzle-orm'
import type { RuleFile } from '../schema/files/rule-file.ts'
import * as t from '../schema/db/tables.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase, type Database } from '../src/io/db.ts'
import { readRuleFiles } from '../src/io/read-rules.ts'
import { loadSeeds, SeedError, seedDatabase, studyWriteStatements, writeAtomically } from '../src/io/seed.ts'
import { vocabLookup } from '../src/kb/rows.ts'
import { ftsDeleteStatements, invalidateFtsVocabulary } from '../src/search/fts.ts'
import { formatProblem, type KnowledgeBase, type SeedProblem, type Vocab } from '../src/kb/validate.ts'
import { ruleReferences, validateRules } from '../src/rules/validate.ts'
import { SYNTH_ID_PREFIX, synthTag } from '../src/synth/generate.ts'
import { createProducer, SynthValidationError, type Batch, type ProduceOptions, type ValidateMode } from '../src/synth/produce.ts'

export interface SynthRunOptions {
  experiments: number
  seed: number | string
  out?: string
  authToken?: string
  tag?: string
  /** Studies per transaction (default 250, about 1 250 experiments). */
  batch?: number
  /** Validate every study (`full`), every 50th (`sample`, default) or none (`off`) with `validateStudyDocs`. */
  validate?: ValidateMode
  /**
   * `bulk` (default): multi-row INSERTs of the rows `studyRows` makes (src/synth/bulk-rows.ts);
   * `api`: the statements the API's write path runs for each study (`studyWriteStatements`: the rows
   * through drizzle, plus the search documents). Both give identical tables.
   */
  insert?: 'bulk' | 'api'
  /** Index the synthetic studies for full-text search too (always with `insert: 'api'`). Slower. */
  search?: boolean
  /**
   * Worker threads that generate while the main thread writes; 0 generates in the main thread.
   * Default: 1 when there are ≥ 2 cores, else 0 (a second worker did not help on 2 cores).
   */
  workers?: number
  force?: boolean
  replace?: boolean
  seedsDir?: string
  rulesDir?: string
  log?: (line: string) => void
}

export interface SynthRunResult {
  url: string
  tag: string
  studies: number
  experiments: number
  observations: number
  quantities: number
  validated: number
  workers: number
  insert: 'bulk' | 'api'
  search: boolean
  /** CPU time per phase (in the worker when `worker`), wall time for insert and total. */
  ms: { setup: number; generate: number; validate: number; rows: number; insert: number; total: number }
  bytes?: number
}

export class SynthRefused extends Error {
  constructor(message: string) { super(message); this.name = 'SynthRefused' }
}

const isLocal = (url: string) => url.startsWith('file:') || url === ':memory:'
const samePath = (a: string, b: string) => {
  const real = (p: string) => { try { return realpathSync(p) } catch { return p } }
  return real(a) === real(b)
}

/** Why writing synthetic data to `url` is refused without `--force`, or undefined when it is fine. */
export function refusal(url: string): string | undefined {
  if (!isLocal(url)) return `${url} is a remote database; synthetic data goes into a separate local file (use --force to write there anyway)`
  if (url.startsWith('file:') && samePath(fileOf(url), resolve('data/kb.db'))) {
    return `${url} is the real knowledge base (data/kb.db); synthetic data must never be mixed into it (use --force to override)`
  }
  return undefined
}

/** The real vocabulary, seed hash and validated rules the generator draws from. */
export async function loadSynthInputs(seedsDir: string, rulesDir: string): Promise<{ kb: KnowledgeBase; hash: string; rules: RuleFile[] }> {
  const { kb, hash } = await loadSeeds(seedsDir)
  const checked = validateRules(await readRuleFiles(rulesDir), ruleReferences(kb))
  if (checked.problems.length > 0) throw new SeedError(checked.problems)
  return { kb, hash, rules: checked.rules }
}

interface Source { next(): Promise<Batch | undefined>; close(): Promise<void> }

function inProcessSource(vocab: Vocab, rules: RuleFile[], opts: ProduceOptions): Source {
  const next = createProducer(vocab, rules, opts)
  return { next: async () => next(), close: async () => {} }
}

function workerSource(vocab: Vocab, rules: RuleFile[], opts: ProduceOptions): Source {
  // The worker is TypeScript: load it through tsx's ESM hooks, whichever way the main thread was started.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./synth-worker.ts', import.meta.url).href)}) })`
  const worker = new Worker(boot, { eval: true, workerData: { vocab, rules, opts } })
  const waiting: Array<{ resolve: (b: Batch | undefined) => void; reject: (e: Error) => void }> = []
  let failed: Error | undefined
  const fail = (e: Error) => { failed = e; for (const w of waiting.splice(0)) w.reject(e) }
  worker.on('message', (msg: { batch?: Batch | null; error?: { name: string; message: string; problems?: SeedProblem[] } }) => {
    const w = waiting.shift()
    if (!w) return
    if (msg.error) {
      w.reject(msg.error.problems ? new SynthValidationError(msg.error.problems) : Object.assign(new Error(msg.error.message), { name: msg.error.name }))
    } else w.resolve(msg.batch ?? undefined)
  })
  worker.on('error', fail)
  worker.on('exit', (code) => { if (waiting.length > 0) fail(new Error(`synth worker exited with code ${code}`)) })
  return {
    next: () => new Promise((res, rej) => {
      if (failed) { rej(failed); return }
      waiting.push({ resolve: res, reject: rej })
      worker.postMessage('next')
    }),
    close: async () => { await worker.terminate() },
  }
}

export async function runSynth(o: SynthRunOptions): Promise<SynthRunResult> {
  const log = o.log ?? (() => {})
  const t0 = performance.now()
  const experiments = Math.floor(o.experiments)
  if (!Number.isFinite(experiments) || experiments < 1) throw new SynthRefused('--experiments must be a positive integer')
  const url = o.out ?? `file:data/synth-${experiments}.db`
  const why = refusal(url)
  if (why && !o.force) throw new SynthRefused(why)
  const tag = synthTag({ seed: o.seed, tag: o.tag })
  const insert = o.insert ?? 'bulk'
  const workers = insert === 'bulk' ? Math.max(0, Math.floor(o.workers ?? (availableParallelism() > 1 ? 1 : 0))) : 0
  const produce: ProduceOptions = {
    seed: o.seed, experiments, tag, batch: Math.max(1, o.batch ?? 250), validate: o.validate ?? 'sample',
    search: o.search ?? false, docsOnly: insert === 'api',
  }
  const search = insert === 'api' || (o.search ?? false)

  const { kb, hash, rules } = await loadSynthInputs(o.seedsDir ?? 'seeds', o.rulesDir ?? 'rules')
  const database = await openDatabase(url, o.authToken)
  let sources: Source[] = []
  try {
    await seedDatabase(database, kb, hash)
    const prefix = `${SYNTH_ID_PREFIX}${tag}-%`
    const [existing] = await database.db.select({ n: sql<number>`count(*)` }).from(t.studies).where(like(t.studies.id, prefix))
    if ((existing?.n ?? 0) > 0) {
      if (!o.replace) throw new SynthRefused(`${url} already holds ${existing?.n} synthetic studies tagged "${tag}"; use --replace to delete them first, or another --seed/--tag`)
      await deleteSynthetic(database, tag)
      log(`deleted ${existing?.n} earlier synthetic studies tagged "${tag}"`)
    }
    const lookup = vocabLookup(kb.vocab)
    const ms = { setup: performance.now() - t0, generate: 0, validate: 0, rows: 0, insert: 0, total: 0 }
    const counts = { studies: 0, experiments: 0, observations: 0, quantities: 0, validated: 0 }
    // Batch b comes from source b % n; each source works on its next batch while this one is written.
    sources = workers === 0 ? [inProcessSource(kb.vocab, rules, produce)]
      : Array.from({ length: workers }, (_, shard) => workerSource(kb.vocab, rules, { ...produce, shard, shards: workers }))
    const pending = sources.map((src) => src.next())
    for (const p of pending) p.catch(() => {}) // surfaced when awaited
    let lastLog = performance.now()
    for (let b = 0; ; b++) {
      const k = b % sources.length
      const batch = await pending[k]
      if (!batch) break
      pending[k] = (sources[k] as Source).next()
      pending[k]?.catch(() => {})
      const mark = performance.now()
      if (insert === 'api') {
        const stmts = (batch.docs ?? []).flatMap((d) => studyWriteStatements(database.db, d, lookup, kb.vocab, 'user'))
        await writeAtomically(database, stmts)
      } else {
        await database.withWriteLock(async () => {
          const tx = await database.client.transaction('write')
          try {
            for (const s of batch.statements) await tx.execute(s)
            await tx.commit()
          } finally { tx.close() }
        })
        if (search) invalidateFtsVocabulary(database.client)
      }
      ms.insert += performance.now() - mark
      ms.generate += batch.ms.generate; ms.validate += batch.ms.validate; ms.rows += batch.ms.rows
      for (const k of ['studies', 'experiments', 'observations', 'quantities', 'validated'] as const) counts[k] += batch.counts[k]
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now()
        log(`  … ${counts.experiments}/${experiments} experiments (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
      }
    }
    const info = { seed: o.seed, tag, experiments: counts.experiments, studies: counts.studies, generator: 'src/synth/generate.ts', createdAt: new Date().toISOString() }
    await database.withWriteLock(() => database.db.insert(t.meta).values({ key: `synthetic:${tag}`, value: JSON.stringify(info) })
      .onConflictDoUpdate({ target: t.meta.key, set: { value: JSON.stringify(info) } }))
    let bytes: number | undefined
    if (url.startsWith('file:')) {
      await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
      bytes = fileBytes(fileOf(url))
    }
    ms.total = performance.now() - t0
    return { url, tag, ...counts, workers, insert, search, ms, ...(bytes !== undefined ? { bytes } : {}) }
  } finally {
    await Promise.all(sources.map((src) => src.close()))
    database.close()
  }
}

function fileBytes(path: string): number {
  let n = 0
  for (const p of [path, `${path}-wal`]) { try { n += statSync(p).size } catch { /* absent */ } }
  return n
}

/** Delete the synthetic studies of one tag (or all of them), with their search documents, in one batch. */
export async function deleteSynthetic(database: Database, tag?: string): Promise<void> {
  const prefix = tag ? `${SYNTH_ID_PREFIX}${synthTag({ seed: 0, tag })}-` : SYNTH_ID_PREFIX
  // The prefix is kebab-case ([a-z0-9-]), so it can sit in the SQL text; LIKE needs no escaping for it.
  const ids = `SELECT id FROM studies WHERE id LIKE '${prefix}%'`
  await writeAtomically(database, [
    ...ftsDeleteStatements({ subquery: ids }),
    { sql: 'DELETE FROM studies WHERE id LIKE ?', args: [`${prefix}%`] },
    ...(tag ? [{ sql: 'DELETE FROM meta WHERE key = ?', args: [`synthetic:${synthTag({ seed: 0, tag })}`] }] : [{ sql: "DELETE FROM meta WHERE key LIKE 'synthetic:%'", args: [] }]),
  ])
}

const HELP = `usage: npm run synth -- [--experiments N] [--seed S] [--out URL] [--tag T] [--batch B]
                        [--validate full|sample|off] [--insert bulk|api] [--search] [--workers W] [--replace] [--force]
  --experiments N   experiments to generate (default 1000), 2–8 per study
  --seed S          PRNG seed (default 1): the same seed gives the same studies
  --out URL         target database (default file:data/synth-<N>.db); refuses data/kb.db
                    and remote URLs unless --force
  --tag T           id/DOI tag (default s<seed>): ids are synth-<tag>-<n>
  --batch B         studies per transaction (default 250)
  --validate        check studies with validateStudyDocs: every one, every 50th (default), none
  --insert          bulk: multi-row INSERTs (default); api: the API's write statements per study
                    (slower, same rows, always with search documents)
  --search          also index the synthetic studies for full-text search (about 2× slower)
  --workers W       worker threads generating while the main thread writes (default 1; 0: none)
  --replace         delete earlier synthetic studies of the same tag first
  DATABASE_AUTH_TOKEN is used for a remote --out; SEEDS_DIR and RULES_DIR as for the server.`

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      experiments: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' },
      tag: { type: 'string' }, batch: { type: 'string' }, validate: { type: 'string', default: 'sample' },
      insert: { type: 'string', default: 'bulk' }, workers: { type: 'string' }, search: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false }, replace: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) { console.log(HELP); return 0 }
  if (!['full', 'sample', 'off'].includes(values.validate)) { console.error(`--validate must be full, sample or off\n${HELP}`); return 2 }
  if (!['bulk', 'api'].includes(values.insert)) { console.error(`--insert must be bulk or api\n${HELP}`); return 2 }
  const config = loadConfig()
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed
  try {
    const r = await runSynth({
      experiments: Number(values.experiments), seed, out: values.out, tag: values.tag,
      batch: values.batch ? Number(values.batch) : undefined, validate: values.validate as ValidateMode,
      insert: values.insert as 'bulk' | 'api', search: values.search, ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
      force: values.force, replace: values.replace, authToken: config.DATABASE_AUTH_TOKEN,
      seedsDir: config.SEEDS_DIR, rulesDir: config.RULES_DIR, log: (l) => console.log(l),
    })
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`
    console.log(`synthetic knowledge base written to ${r.url} (tag ${r.tag}; ids synth-…, DOIs 10.0000/synthetic.…, titles [synthetic] …)`)
    console.log(`  ${r.studies} studies, ${r.experiments} experiments, ${r.observations} observations, ${r.quantities} quantities; ${r.validated} studies validated`)
    console.log(`  setup ${s(r.ms.setup)} · generate ${s(r.ms.generate)} · validate ${s(r.ms.validate)} · rows ${s(r.ms.rows)}${r.workers > 0 ? ` (CPU time in ${r.workers} worker thread(s))` : ''} · insert ${s(r.ms.insert)} (${r.insert}${r.search ? ', with search documents' : ', no search documents'}) · total ${s(r.ms.total)}`)
    if (r.bytes !== undefined) console.log(`  database size ${(r.bytes / 1e6).toFixed(1)} MB`)
    return 0
  } catch (e) {
    if (e instanceof SynthRefused) { console.error(`refused: ${e.message}`); return 2 }
    if (e instanceof SeedError) { console.error(e.problems.slice(0, 50).map(formatProblem).join('\n')); return 1 }
    if (e instanceof SynthValidationError) { console.error(e.problems.slice(0, 50).map(formatProblem).join('\n')); return 1 }
    throw e
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
