import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { openDatabase, type Database } from '../../src/io/db.ts'
import { countRows, getStudy } from '../../src/io/repo.ts'
import { loadSeeds, SeedError, seedDatabase } from '../../src/io/seed.ts'
import { FIXTURE_SEEDS } from '../helpers/deps.ts'

let open: Database[] = []
const fresh = async () => { const d = await openDatabase(':memory:'); open.push(d); return d }
afterEach(() => { for (const d of open) d.close(); open = [] })

describe('loading seeds into a fresh database', () => {
  test('reads back exactly the documents that were loaded, with normalised quantities', async () => {
    const db = await fresh()
    const { kb, hash } = await loadSeeds(FIXTURE_SEEDS)
    const result = await seedDatabase(db, kb, hash)
    expect(result).toMatchObject({ reloaded: true, studies: 2, experiments: 2, observations: 5 })
    expect(await countRows(db.db)).toEqual({ studies: 2, experiments: 2, observations: 5 })
    for (const study of kb.studies) {
      const back = await getStudy(db.db, study.id)
      const { origin, normalised, ...doc } = back as Record<string, unknown>
      expect(origin).toBe('seed')
      expect(doc).toEqual(study)
      expect(normalised).toBeDefined()
    }
    const beta = await getStudy(db.db, 'beta-2021') as { normalised: { quantities: Array<{ field: string; reported: string; min: number; unit: string }> } }
    expect(beta.normalised.quantities).toContainEqual(expect.objectContaining({ field: 'currentDensity', reported: '500 µA cm⁻²', min: 0.5, unit: 'mA/cm2' }))
  })

  test('loading the same content twice is a no-op (content hash)', async () => {
    const db = await fresh()
    const { kb, hash } = await loadSeeds(FIXTURE_SEEDS)
    await seedDatabase(db, kb, hash)
    expect((await seedDatabase(db, kb, hash)).reloaded).toBe(false)
    expect(await countRows(db.db)).toEqual({ studies: 2, experiments: 2, observations: 5 })
  })

  test('a broken seed file lists every problem as file: pointer: message and leaves the database untouched', async () => {
    const db = await fresh()
    const good = await loadSeeds(FIXTURE_SEEDS)
    await seedDatabase(db, good.kb, good.hash)
    const before = await getStudy(db.db, 'beta-2021')

    const dir = await mkdtemp(join(tmpdir(), 'seeds-'))
    try {
      await cp(FIXTURE_SEEDS, dir, { recursive: true })
      const file = join(dir, 'studies', 'beta-2021.json')
      const doc = JSON.parse(await readFile(file, 'utf8'))
      doc.experiments[0].currentDensity.reported = '5 mA'            // a current where a current density belongs
      doc.experiments[0].electrolyte.additives[0].id = 'unobtainium'  // unknown material
      doc.experiments[0].observations[0].morphology = ['sparkly']    // unknown morphology term
      doc.summary = 'changed'
      await writeFile(file, JSON.stringify(doc))
      const err = await loadSeeds(dir).then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(SeedError)
      const lines = (err as SeedError).message.split('\n').map((l) => l.replace(dir + '/', ''))
      expect(lines).toContain('studies/beta-2021.json: /experiments/0/currentDensity/reported: "5 mA" is a current (mA); field "currentDensity" holds currentDensity')
      expect(lines).toContain('studies/beta-2021.json: /experiments/0/electrolyte/additives/0/id: unknown material "unobtainium"')
      expect(lines).toContain('studies/beta-2021.json: /experiments/0/observations/0/morphology/0: unknown morphology term "sparkly"')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect(await getStudy(db.db, 'beta-2021')).toEqual(before)
    expect(await countRows(db.db)).toEqual({ studies: 2, experiments: 2, observations: 5 })
  })

  test('a failure in the middle of writing rolls back the whole load', async () => {
    const db = await fresh()
    const good = await loadSeeds(FIXTURE_SEEDS)
    await seedDatabase(db, good.kb, good.hash)
    // Same DOI twice violates the unique index half-way through the transaction.
    const clash = structuredClone(good.kb)
    const second = clash.studies[1]
    if (!second || !clash.studies[0]) throw new Error('fixture needs two studies')
    second.doi = clash.studies[0].doi
    await expect(seedDatabase(db, clash, 'other-hash')).rejects.toThrow()
    expect(await countRows(db.db)).toEqual({ studies: 2, experiments: 2, observations: 5 })
    expect((await seedDatabase(db, good.kb, good.hash)).reloaded).toBe(false)
  })
})
