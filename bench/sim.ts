/**
 * Simulator benchmark: median and p95 wall time of `simulate()` in fast mode (closed forms +
 * 100-cycle loop) and detailed mode (1D solver first half-cycle + 200×200 lattice) over a few
 * realistic configurations. Targets (issue): fast ≤ 1 ms median, detailed ≤ 50 ms median.
 *
 * Run directly: `npx tsx bench/sim.ts`.
 *
 * @module
 */
import { pathToFileURL } from 'node:url'
import { simulate, type SimulateOptions } from '../src/sim/simulate.ts'

export interface BenchRow {
  name: string
  median_ms: number
  p95_ms: number
  runs: number
}

const CONFIGS: { name: string; input: Record<string, unknown> }[] = [
  {
    name: 'carbonate Li‖Cu 1 mA/cm², PE',
    input: { electrolyte: { kind: 'liquid', id: 'LiPF6_EC_DMC_1_1' }, cellType: 'Li-Cu', currentDensity_mA_cm2: 1, capacity_mAh_cm2: 1, cycles: 100 },
  },
  {
    name: 'HCE anode-free 0.5 mA/cm², 3 mAh/cm², 350 kPa',
    input: { electrolyte: { kind: 'liquid', id: 'LiFSI_DME_HCE' }, cellType: 'anode-free', currentDensity_mA_cm2: 0.5, capacity_mAh_cm2: 3, stackPressure_kPa: 350, cycles: 100 },
  },
  {
    name: 'FEC carbonate Li‖cathode 2 mA/cm², 0 °C',
    input: {
      electrolyte: { kind: 'liquid', id: 'LiPF6_EC_EMC_3_7', additives: [{ id: 'FEC', amount: 10, unit: 'wt%' }] },
      cellType: 'Li-cathode',
      currentDensity_mA_cm2: 2,
      capacity_mAh_cm2: 3,
      temperature_C: 0,
      cycles: 100,
    },
  },
  {
    name: 'Li6PS5Cl Li‖Li 1 mA/cm², 5 MPa',
    input: { electrolyte: { kind: 'solid', id: 'Li6PS5Cl', solid: { relDensity: 0.95 } }, cellType: 'Li-Li', currentDensity_mA_cm2: 1, stackPressure_kPa: 5000, cycles: 100 },
  },
]

/** GF/D at 20 mA/cm²: the finite-cell t_dep needs the 1D solver even in fast mode (physics.md §1.2). */
const FINITE_CELL = {
  name: 'GF/D 20 mA/cm² (finite-cell t_dep via 1D solver)',
  input: { electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, separator: { type: 'GF' }, currentDensity_mA_cm2: 20, capacity_mAh_cm2: 1, cycles: 100 },
}

function measure(name: string, input: Record<string, unknown>, options: SimulateOptions, warmup: number, runs: number): BenchRow {
  for (let i = 0; i < warmup; i++) simulate(input, options)
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const a = performance.now()
    simulate(input, options)
    t.push(performance.now() - a)
  }
  t.sort((x, y) => x - y)
  const at = (p: number): number => t[Math.min(t.length - 1, Math.floor(p * t.length))] ?? Number.NaN
  return { name, median_ms: at(0.5), p95_ms: at(0.95), runs }
}

/** Benchmark rows: every fast-mode config, the finite-cell case, and detailed mode on three configs. */
export async function benchSimulator(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const c of CONFIGS) rows.push(measure(`fast: ${c.name}`, c.input, { mode: 'fast' }, 200, 1000))
  rows.push(measure(`fast: ${FINITE_CELL.name}`, FINITE_CELL.input, { mode: 'fast' }, 10, 100))
  for (const c of [CONFIGS[0], CONFIGS[1], FINITE_CELL]) {
    if (c) rows.push(measure(`detailed: ${c.name}`, c.input, { mode: 'detailed', seed: 1 }, 5, 30))
  }
  return rows
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchSimulator()
  const w = Math.max(...rows.map((r) => r.name.length))
  console.log(`${'case'.padEnd(w)}  median ms   p95 ms   runs`)
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.median_ms.toFixed(3).padStart(9)}  ${r.p95_ms.toFixed(3).padStart(7)}  ${String(r.runs).padStart(5)}`)
}
