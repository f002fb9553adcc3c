/**
 * The synthetic generator: valid against the real vocabulary, deterministic,
 * clearly marked, varied (five decades of current density in varied units, all
 * technique families, every electrolyte kind), observations drawn from the
 * rules; and the `synth` CLI: writes a separate database the API serves,
 * refuses the real one and remote URLs, and its fast bulk insert writes
 * exactly the rows the API write path (`studyWriteStatements`) writes.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createClient, type Client } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../api/app.ts'
import { buildDeps } from '../../api/build-deps.ts'
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import { loadSynthInputs, refusal, runSynth, SynthRefused } from '../../scripts/synth.ts'
import type { KnowledgeBase } from '../../src/kb/validate.ts'
import { validateStudyDocs } from '../../src/kb/validate.ts'
import { parseQuantity } from '../../src/units/parse.ts'
import { partialStudies, soundness, tableContents } from '../../src/synth/check.ts'
import { createSynthContext, generateStudies, isSynthetic, SYNTH_DOI_PREFIX, SYNTH_TITLE_PREFIX } from '../../src/synth/generate.ts'
import { createRng } from '../../src/synth/prng.ts'

let kb: KnowledgeBase
let rules: RuleFile[]
let dir: string
let docs: StudyFile[]

beforeAll(async () => {
  ({ kb, rules } = await loadSynthInputs('seeds', 'rules'))
  dir = mkdtempSync(join(tmpdir(), 'kb-synth-'))
  docs = [...generateStudies(createSynthContext(kb.vocab, rules), { seed: 1, experiments: 3000 })]
}, 60_000)
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

const experiments = () => docs.flatMap((s) => s.experiments)
/** An item of `GET /v1/experiments`, as far as the listing checks read it. */
interface ListedExperiment {
  id: string
  study: { id: string; year: number }
  technique: { family: string }
  electrolyte: { class: string | null; additives: string[] }
  substrate: string | null
  morphologyFamilies: string[]
}
const withClient = async <T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = createClient({ url, intMode: 'bigint' })
  try { return await fn(c) } finally { c.close() }
}

describe('generator', () => {
  test('the PRNG is deterministic and log-uniform draws cover every decade', () => {
    const a = createRng(42), b = createRng(42)
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()))
    const r = createRng('x')
    const decades = new Array(5).fill(0)
    for (let i = 0; i < 10_000; i++) decades[Math.floor(Math.log10(r.logUniform(1e-3, 1e2)) + 3)]++
    for (const d of decades) expect(d).toBeGreaterThan(1700)
  })

  test('exactly the requested number of experiments, every study valid against the real vocabulary', () => {
    expect(experiments()).toHaveLength(3000)
    const { problems } = validateStudyDocs(docs.map((d) => ({ file: d.id, json: d })), kb.vocab, {
      studies: new Map(kb.studies.map((s) => [s.id, s.id])),
      experiments: new Map(kb.studies.flatMap((s) => s.experiments.map((e) => [e.id, s.id] as [string, string]))),
      dois: new Map(kb.studies.map((s) => [s.doi.toLowerCase(), s.id])),
    })
    expect(problems).toEqual([])
    for (const n of [1, 2, 7]) expect([...generateStudies(createSynthContext(kb.vocab, rules), { seed: 3, experiments: n })].flatMap((s) => s.experiments)).toHaveLength(n)
  })

  test('deterministic for a seed; another seed or tag gives other studies; a longer run extends a shorter one', () => {
    const ctx = createSynthContext(kb.vocab, rules)
    const again = [...generateStudies(ctx, { seed: 1, experiments: 3000 })]
    expect(JSON.stringify(again)).toBe(JSON.stringify(docs))
    const other = [...generateStudies(ctx, { seed: 2, experiments: 300 })]
    expect(other[0]?.experiments).not.toEqual(docs[0]?.experiments)
    const short = [...generateStudies(ctx, { seed: 1, experiments: 500 })]
    expect(short.slice(0, -1)).toEqual(docs.slice(0, short.length - 1))
  })

  test('clearly marked synthetic: id, DOI, title, journal, gaps; primary; never a seed id or DOI', () => {
    const seedDois = new Set(kb.studies.map((s) => s.doi.toLowerCase()))
    for (const s of docs) {
      expect(s.id).toMatch(/^synth-s1-\d{6}$/)
      expect(s.doi.startsWith(SYNTH_DOI_PREFIX)).toBe(true)
      expect(s.title.startsWith(`${SYNTH_TITLE_PREFIX} `)).toBe(true)
      expect(s.role).toBe('primary')
      expect(s.gaps.join(' ')).toMatch(/^Synthetic/)
      expect(isSynthetic(s)).toBe(true)
      expect(seedDois.has(s.doi.toLowerCase())).toBe(false)
      expect(s.experiments.length).toBeGreaterThanOrEqual(1)
    }
    expect(kb.studies.some(isSynthetic)).toBe(false)
  })

  test('realistic variety: five decades of current density in varied units, all technique families and electrolyte kinds', () => {
    const exps = experiments()
    const decades = new Map<number, number>()
    const units = new Set<string>()
    for (const e of exps) {
      const q = parseQuantity(e.currentDensity?.reported ?? '', 'currentDensity')
      const j = Math.exp(q.values.reduce((s, v) => s + Math.log(v), 0) / q.values.length)
      expect(j).toBeGreaterThanOrEqual(0.9e-3)
      expect(j).toBeLessThanOrEqual(100 * (1 + 1e-9))
      const d = Math.min(4, Math.floor(Math.log10(j) + 3))
      decades.set(d, (decades.get(d) ?? 0) + 1)
      units.add((e.currentDensity?.reported ?? '').replace(/^[\d.,–and ]+/, ''))
    }
    for (let d = 0; d < 5; d++) expect(decades.get(d) ?? 0).toBeGreaterThan(exps.length * 0.12)
    expect(units.size).toBeGreaterThanOrEqual(8)
    expect(new Set(exps.map((e) => e.technique.family))).toEqual(new Set(['optical', 'sem', 'tem', 'afm', 'xray']))
    expect(new Set(exps.map((e) => e.electrolyte.kind))).toEqual(new Set(['liquid', 'ionic-liquid-solvate', 'solid-inorganic', 'polymer', 'native-layer']))
    const solids = new Set(exps.flatMap((e) => (e.electrolyte.solid ? [e.electrolyte.solid.id] : [])))
    for (const id of ['LLZTO', 'Li6PS5Cl', 'LiPON', 'PEO']) expect(solids.has(id)).toBe(true)
    const additives = new Set(exps.flatMap((e) => e.electrolyte.additives.map((a) => a.id)))
    for (const id of ['FEC', 'VC', 'LiNO3', 'CsPF6']) expect(additives.has(id)).toBe(true)
    expect(new Set(exps.map((e) => e.substrate?.id)).size).toBeGreaterThanOrEqual(12)
    expect(exps.filter((e) => e.coatings.length > 0).length).toBeGreaterThan(exps.length * 0.05)
    expect(exps.filter((e) => e.temperature).length).toBeGreaterThan(exps.length * 0.3)
    expect(exps.filter((e) => e.stackPressure).length).toBeGreaterThan(exps.length * 0.1)
  })

  test('observations follow the rules that fire: the named rule’s morphology effects are what is observed', () => {
    const byId = new Map(rules.map((r) => [r.id, r]))
    const familyOf = new Map(kb.vocab.morphology.map((m) => [m.id, m.family]))
    let fromRules = 0
    for (const e of experiments()) {
      const plating = e.observations[0]
      const m = /rule ([a-z0-9-]+)\./.exec(plating?.mechanism ?? '')
      if (!m) continue
      fromRules++
      const rule = byId.get(m[1] as string)
      expect(rule).toBeDefined()
      const label = plating?.morphology[0] as string
      const wantLabel = rule?.effects.find((x) => x.target === 'morphology.label')?.value
      const wantFamily = rule?.effects.find((x) => x.target === 'morphology.family')?.value
      expect(wantLabel ?? wantFamily).toBeDefined()
      if (wantLabel) expect(label).toBe(wantLabel)
      else expect(familyOf.get(label)).toBe(wantFamily)
    }
    expect(fromRules).toBeGreaterThan(experiments().length * 0.25)
    // e.g. every liquid experiment at ≥ 20 mA cm⁻² has rule-driven needles/dendrites or another matching rule's outcome
    const rulesUsed = new Set(experiments().flatMap((e) => /rule ([a-z0-9-]+)\./.exec(e.observations[0]?.mechanism ?? '')?.[1] ?? []))
    expect(rulesUsed.size).toBeGreaterThanOrEqual(20)
  })
})

describe('synth CLI', () => {
  test('refuses data/kb.db and remote URLs unless forced, before touching anything', async () => {
    expect(refusal('file:data/kb.db')).toMatch(/real knowledge base/)
    expect(refusal(`file:${join(process.cwd(), 'data', 'kb.db')}`)).toMatch(/real knowledge base/)
    expect(refusal('libsql://kb-team.turso.io')).toMatch(/remote/)
    expect(refusal('http://127.0.0.1:8080')).toMatch(/remote/)
    expect(refusal('file:data/synth-1000.db')).toBeUndefined()
    const had = existsSync('data/kb.db')
    await expect(runSynth({ experiments: 10, seed: 1, out: 'file:data/kb.db' })).rejects.toThrow(SynthRefused)
    await expect(runSynth({ experiments: 10, seed: 1, out: 'libsql://example.invalid' })).rejects.toThrow(SynthRefused)
    expect(existsSync('data/kb.db')).toBe(had)
  })

  test('writes a separate, seeded database the API serves; refuses to add the same tag twice without --replace', async () => {
    const url = `file:${join(dir, 'synth.db')}`
    const r = await runSynth({ experiments: 400, seed: 5, out: url, workers: 0, batch: 20, validate: 'full' })
    expect(r).toMatchObject({ experiments: 400, validated: r.studies, workers: 0, insert: 'bulk', search: false })
    expect(r.ms.total).toBeGreaterThan(0)
    await withClient(url, async (c) => {
      expect(await soundness(c)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
      expect(await partialStudies(c)).toEqual([])
      const n = async (sql: string) => Number((await c.execute(sql)).rows[0]?.[0])
      expect(await n(`select count(*) from experiments where study_id like 'synth-s5-%'`)).toBe(400)
      expect(await n(`select count(*) from studies where id like 'synth-%' and origin = 'user' and title like '[synthetic]%' and doi like '10.0000/synthetic.%'`)).toBe(r.studies)
      expect(await n(`select count(*) from studies where origin = 'seed'`)).toBe(kb.studies.length)
      expect(JSON.parse(String((await c.execute(`select value from meta where key = 'synthetic:s5'`)).rows[0]?.[0]))).toMatchObject({ seed: 5, experiments: 400 })
    })

    const deps = await buildDeps({ DATABASE_URL: url, SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
    try {
      const app = createApp(deps)
      const health = await (await app.request('/health')).json()
      expect(health.counts.studies).toBe(kb.studies.length + r.studies)
      const one = [...generateStudies(createSynthContext(kb.vocab, rules), { seed: 5, experiments: 400 })][3] as StudyFile
      const got = await app.request(`/v1/studies/${one.id}`)
      expect(got.status).toBe(200)
      expect((await got.json()).experiments).toEqual(one.experiments)
      const list = await (await app.request('/v1/studies?jMin=10&jMax=100&limit=5')).json()
      expect(list.total).toBeGreaterThan(10)
      // A filtered page of studies is the page of the matching experiments' studies (newest first),
      // each with its matching experiments: checked against the experiments listing, a separate query.
      for (const filter of ['jMin=10&jMax=100', 'technique=tem', 'additive=FEC', 'electrolyteClass=ether&morphology=dendritic']) {
        const matching: ListedExperiment[] = []
        for (let offset = 0; ; offset += 100) {
          const page = await (await app.request(`/v1/experiments?${filter}&limit=100&offset=${offset}`)).json()
          matching.push(...page.items)
          if (matching.length >= page.total) break
        }
        const studyIds = [...new Set(matching.map((e) => e.study.id))]
        expect(studyIds.length).toBeGreaterThan(3) // the pages below need a few
        for (const [limit, offset] of [[7, 0], [7, 5], [20, studyIds.length - 3]] as const) {
          const got = await (await app.request(`/v1/studies?${filter}&limit=${limit}&offset=${offset}`)).json()
          expect(got.total).toBe(studyIds.length)
          const want = studyIds.slice(offset, offset + limit)
          expect(got.items.map((s: { id: string }) => s.id)).toEqual(want)
          for (const s of got.items as Array<{ id: string; experiments: Array<{ id: string }> }>) {
            expect(s.experiments.map((e) => e.id)).toEqual(matching.filter((e) => e.study.id === s.id).map((e) => e.id))
          }
        }
        // Facet counts: the studies per value among the matching experiments, most first.
        const facet = (values: (e: ListedExperiment) => Array<string | number | null>) => {
          const studies = new Map<string, Set<string>>()
          for (const e of matching) for (const v of values(e)) if (v !== null) studies.set(String(v), (studies.get(String(v)) ?? new Set()).add(e.study.id))
          return [...studies].map(([value, s]) => ({ value, count: s.size })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
        }
        expect((await (await app.request(`/v1/studies?${filter}`)).json()).facets).toEqual({
          technique: facet((e) => [e.technique.family]), electrolyteClass: facet((e) => [e.electrolyte.class]), additive: facet((e) => e.electrolyte.additives),
          substrate: facet((e) => [e.substrate]), morphology: facet((e) => e.morphologyFamilies), year: facet((e) => [e.study.year]),
        })
      }
    } finally { deps.database.close() }

    await expect(runSynth({ experiments: 50, seed: 5, out: url, workers: 0 })).rejects.toThrow(/--replace/)
    const again = await runSynth({ experiments: 50, seed: 5, out: url, workers: 0, replace: true })
    expect(again.experiments).toBe(50)
    await withClient(url, async (c) => {
      expect(Number((await c.execute(`select count(*) from experiments where study_id like 'synth-s5-%'`)).rows[0]?.[0])).toBe(50)
    })
  }, 60_000)

  test('the bulk insert writes exactly what the API write path writes (rows and search documents)', async () => {
    const bulk = `file:${join(dir, 'bulk.db')}`
    const api = `file:${join(dir, 'api.db')}`
    const r = await runSynth({ experiments: 150, seed: 9, out: bulk, workers: 0, batch: 7, search: true })
    expect(r).toMatchObject({ insert: 'bulk', search: true })
    await runSynth({ experiments: 150, seed: 9, out: api, insert: 'api', batch: 11 })
    // updated_at is the insert time and meta holds the run's timestamp: both differ by construction.
    // FTS5 shadow tables depend on how the index was built (batches): compare the FTS rows instead.
    const opts = { omit: ['studies.updated_at'], skipTables: ['meta'], fts: 'logical' as const }
    const a = await withClient(bulk, (c) => tableContents(c, opts))
    const b = await withClient(api, (c) => tableContents(c, opts))
    expect(a.tables.experiments?.length).toBe(150 + kb.studies.reduce((n, st) => n + st.experiments.length, 0))
    expect(a.tables.search_doc?.length).toBeGreaterThan(150)
    expect(a).toEqual(b)
  }, 90_000)

  test('the CLI (with its worker threads) writes the database and prints counts and timings', async () => {
    const url = `file:${join(dir, 'cli.db')}`
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/synth.ts', '--experiments', '200', '--seed', '11', '--out', url, '--workers', '2'], { timeout: 60_000 })
    expect(stdout).toMatch(/200 experiments/)
    expect(stdout).toMatch(/generate .* insert .* total/)
    expect(stdout).toMatch(/database size/)
    await withClient(url, async (c) => {
      expect(Number((await c.execute(`select count(*) from experiments where study_id like 'synth-s11-%'`)).rows[0]?.[0])).toBe(200)
      expect(await partialStudies(c)).toEqual([])
    })
    const refused = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/synth.ts', '--out', 'file:data/kb.db'], { timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e)
    expect(refused).toMatchObject({ code: 2 })
    expect((refused as { stderr: string }).stderr).toMatch(/refused/)
  }, 90_000)
})
