/**
 * predict() on the seed knowledge base: rules + fast simulator + evidence.
 * Target (issue #4): ≤ 5 ms median.
 */
import { pathToFileURL } from 'node:url'
import { buildDeps } from '../api/build-deps.ts'
import type { Conditions } from '../src/predict/kb-config.ts'
import { predict } from '../src/predict/predict.ts'
import { table, time, type Timing } from './stats.ts'

const base = { coatings: [], surfacePreparation: [] }
const CONFIGS: Array<[string, Conditions]> = [
  ['predict: LiPF6 EC:DEC + 5 wt% FEC, Cu, 3 mA/cm2', { ...base, cell: 'Li-Cu', electrolyte: { kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DEC' }], additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }] }, substrate: 'Cu', currentDensity_mA_cm2: 3 }],
  ['predict: LLZTO garnet, 0.5 mA/cm2, 60 °C', { ...base, electrolyte: { kind: 'solid', salts: [], solvents: [], additives: [], solid: { id: 'LLZTO' } }, substrate: 'Li', currentDensity_mA_cm2: 0.5, temperature_C: 60 }],
  ['predict: LiPON / Cu, 50 µA/cm2', { ...base, electrolyte: { kind: 'solid', salts: [], solvents: [], additives: [], solid: { id: 'LiPON' } }, substrate: 'Cu', currentDensity_mA_cm2: 0.05 }],
]

export async function benchPredict(): Promise<Timing[]> {
  const deps = await buildDeps({ DATABASE_URL: ':memory:', SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
  const snap = deps.store.current
  const out: Timing[] = []
  for (const [name, c] of CONFIGS) out.push(await time(name, () => predict(c, snap), 400, 50))
  deps.database.close()
  return out
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(table(await benchPredict()))
