/**
 * Studies written through the API live in the database; the service holds only their
 * evidence records. A write replaces the study's block of the evidence index in place;
 * a restart reads the records back (and writes them first for a database from before
 * the `evidence` table), giving the same index.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { StudyFile } from '../../schema/files/study-file.ts'
import type { Deps } from '../../api/deps.ts'
import { validateStudyDocs } from '../../src/kb/validate.ts'
import { loadSeeds } from '../../src/io/seed.ts'
import { FIXTURE_SEEDS, makeTestDeps } from '../helpers/deps.ts'

let dir: string | undefined
let deps: Deps[] = []
afterEach(async () => {
  for (const d of deps) d.database.close()
  deps = []
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

const open = async (url: string) => { const d = await makeTestDeps({ url }); deps.push(d); return d }

async function study(id: string, experiments = 1): Promise<StudyFile> {
  const doc = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8'))
  const base = doc.experiments[0]
  const json = {
    ...doc, id, doi: `10.9999/fixture.${id}`, year: 2024, authors: ['A. B. Zed', 'et al.'], title: `Study ${id}`,
    experiments: Array.from({ length: experiments }, (_, i) => ({ ...base, id: `${id}-exp${i}`, label: `${base.label} (${i})` })),
  }
  const { studies, problems } = validateStudyDocs([{ file: id, json }], (await loadSeeds(FIXTURE_SEEDS)).kb.vocab)
  expect(problems).toEqual([])
  return studies[0] as StudyFile
}

const idsOf = (d: Deps) => d.store.current.evidence.items.map((i) => `${i.studyId}/${i.experimentId}`)

describe('evidence of studies written through the API', () => {
  test('a write splices the study into the index in order; a replace swaps its block; the by-id map follows', async () => {
    const d = await open(':memory:')
    const seeds = idsOf(d)
    await d.store.putUserStudy(await study('zz-2024'))
    await d.store.putUserStudy(await study('aa-2024', 2))
    const ids = idsOf(d)
    expect(ids).toEqual([...ids].sort((a, b) => (a.split('/')[0]! < b.split('/')[0]! ? -1 : a.split('/')[0]! > b.split('/')[0]! ? 1 : 0)))
    expect(ids).toHaveLength(seeds.length + 3)
    expect(ids.slice(0, 2)).toEqual(['aa-2024/aa-2024-exp0', 'aa-2024/aa-2024-exp1'])

    await d.store.putUserStudy(await study('aa-2024', 1))
    expect(idsOf(d)).toHaveLength(seeds.length + 2)
    expect(d.store.current.evidence.byId.has('aa-2024-exp1')).toBe(false)
    expect(d.store.current.evidence.byId.get('aa-2024-exp0')?.citation).toBe('Zed 2024')
    expect(d.store.current.evidence.byId.size).toBe(d.store.current.evidence.items.length)
    expect(d.store.current.version).toBe(4)
  })

  test('a restart reads the same index back from the evidence table, and rebuilds missing records first', async () => {
    dir = await mkdtemp(join(tmpdir(), 'li-kb-evidence-'))
    const url = `file:${join(dir, 'kb.db')}`
    const first = await open(url)
    await first.store.putUserStudy(await study('mid-2024', 2))
    await first.store.putUserStudy(await study('end-2024'))
    const before = first.store.current.evidence.items.map((i) => JSON.stringify(i))
    first.database.close()
    deps = []

    const second = await open(url)
    expect(second.store.current.evidence.items.map((i) => JSON.stringify(i))).toEqual(before)
    await second.database.client.execute("DELETE FROM evidence WHERE study_id = 'mid-2024'")
    second.database.close()
    deps = []

    const third = await open(url)
    expect(third.store.current.evidence.items.map((i) => JSON.stringify(i))).toEqual(before)
    const rows = await third.database.client.execute("SELECT count(*) AS n FROM evidence WHERE study_id = 'mid-2024'")
    expect(Number(rows.rows[0]?.n)).toBe(2)
  })

  test('the service does not keep documents of user studies in memory', async () => {
    const d = await open(':memory:')
    await d.store.putUserStudy(await study('mem-2024'))
    expect(d.store.current.kb.studies.some((s) => s.id === 'mem-2024')).toBe(false)
    expect(d.store.current.studies.has('mem-2024')).toBe(false)
    expect(d.store.current.evidence.byId.has('mem-2024-exp0')).toBe(true)
  })
})
