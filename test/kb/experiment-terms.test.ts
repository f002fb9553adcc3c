/**
 * `experiment_terms` rows: what a study write inserts equals what migration 0003 derives
 * from the experiments already in a database (its back-fill), so filters behave the same on
 * databases written before and after the table existed.
 */
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, test } from 'vitest'
import { openDatabase, type Database } from '../../src/io/db.ts'
import { loadSeeds, seedDatabase } from '../../src/io/seed.ts'

let db: Database | undefined
afterEach(() => { db?.close(); db = undefined })

const rowsOf = async (d: Database) => (await d.client.execute('SELECT kind, value, experiment_id FROM experiment_terms ORDER BY 1, 2, 3')).rows
  .map((r) => `${String(r.kind)}|${String(r.value)}|${String(r.experiment_id)}`)

describe('experiment_terms', () => {
  test('the migration back-fill derives exactly the rows the write path inserts (real seeds)', async () => {
    db = await openDatabase(':memory:')
    const { kb, hash } = await loadSeeds('seeds')
    await seedDatabase(db, kb, hash)
    const written = await rowsOf(db)
    expect(written.length).toBeGreaterThan(300)
    for (const kind of ['additive', 'salt', 'solvent', 'coating', 'morphology-family', 'morphology-term']) {
      expect(written.some((r) => r.startsWith(`${kind}|`)), kind).toBe(true)
    }
    const migration = await readFile('schema/migrations/0003_experiment_terms.sql', 'utf8')
    const backfill = migration.split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => s.startsWith('-- Existing') || s.startsWith('INSERT'))
      .map((s) => s.replace(/^--[^\n]*\n/, ''))
    expect(backfill).toHaveLength(6)
    await db.client.execute('DELETE FROM experiment_terms')
    for (const sql of backfill) await db.client.execute(sql)
    expect(await rowsOf(db)).toEqual(written)
  })
})
