/**
 * Micro-benchmarks of the two numerical kernels (physics.md §9.1 / §10.6 budgets):
 * - solveHalfCycle: 1D concentrated-solution half-cycle (physics.md §9.5), N = 100, typical configs;
 * - growLattice: 200 × 200 lattice kernel (physics.md §9.3) with the default particle count, compact and
 *   pure-DLA limits.
 *
 * Run: `npx tsx bench/kernels.ts` (prints a table). Import `benchKernels` to use the numbers elsewhere.
 * Each case is warmed up first (JIT), then timed `runs` times with different seeds where relevant.
 */

import { pathToFileURL } from 'node:url'
import { defaultLatticeParticles, growLattice } from '../src/sim/lattice.ts'
import type { LatticeInput } from '../src/sim/lattice.ts'
import { solveHalfCycle } from '../src/sim/solver1d.ts'
import type { Solver1DInput, TransportProps } from '../src/sim/solver1d.ts'

export interface BenchRow {
  name: string
  /** Wall-clock median [ms]. */
  median_ms: number
  /** Wall-clock 95th percentile [ms]. */
  p95_ms: number
  runs: number
  /** Median process CPU time (user + system) per run [ms]; ≈ wall time on an idle machine, lower under contention. */
  cpu_median_ms: number
}

const T_K = 298.15

/**
 * Valøen & Reimers 2005 LiPF6 correlation (physics.md §2.1(a)), c in mol/m³ → SI. Evaluated inline so the
 * benchmark does not depend on the electrolyte module; clamped to c ≥ 0.05 M (validity ≈ 0.05–4 M [L]).
 */
function valoenProps(T: number): TransportProps {
  const cM = (c: number): number => Math.min(Math.max(c / 1000, 0.05), 4)
  return {
    D: (c) => {
      const x = cM(c)
      return 1e-4 * 10 ** (-4.43 - 54 / (T - 229 - 5 * x) - 0.22 * x) // cm²/s → m²/s
    },
    kappa: (c) => {
      const x = cM(c)
      const poly = -10.5 + 0.074 * T - 6.96e-5 * T * T + x * (0.668 - 0.0178 * T + 2.8e-5 * T * T) + x * x * (0.494 - 8.86e-4 * T)
      return 0.1 * x * poly * poly // mS/cm → S/m
    },
    tPlus: () => 0.38,
    tdf: (c) => {
      const x = cM(c)
      return (0.601 - 0.24 * Math.sqrt(x) + 0.982 * (1 - 0.0052 * (T - 294)) * x ** 1.5) / (1 - 0.38)
    },
  }
}

function time(run: (k: number) => void, runs: number, warmup: number): { median: number; p95: number; cpu: number } {
  for (let k = 0; k < warmup; k++) run(1000 + k)
  const t: number[] = []
  const c: number[] = []
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    run(k)
    t.push(performance.now() - t0)
    const dc = process.cpuUsage(c0)
    c.push((dc.user + dc.system) / 1000)
  }
  const q = (xs: number[], p: number): number => {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!
  }
  return { median: q(t, 0.5), p95: q(t, 0.95), cpu: q(c, 0.5) }
}

/** Run the kernel benchmarks; returns one row per case (times in ms). */
export async function benchKernels(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const props = valoenProps(T_K)
  const solverCases: [string, Solver1DInput][] = [
    [
      'solveHalfCycle: 25 µm PE (ε 0.39), 1 mA/cm², 1 mAh/cm², Valøen c-dependent, N=100',
      { props, c0_molm3: 1000, length_m: 25e-6, porosity: 0.39, current_A_m2: 10, duration_s: 3600, temperature_K: T_K, kinetics: { j0_A_m2: 70.6 } },
    ],
    [
      'solveHalfCycle: GF/D 675 µm (ε 0.9), 20 mA/cm² to depletion, Valøen, N=100',
      { props, c0_molm3: 1000, length_m: 675e-6, porosity: 0.9, current_A_m2: 200, duration_s: 3600, temperature_K: T_K, kinetics: { j0_A_m2: 70.6 }, stopAtDepletion: true },
    ],
    [
      'solveHalfCycle: 1 cm capillary, 2 mA/cm², 20 000 s, constant props, N=100',
      {
        props: { D: () => 3.22e-10, kappa: () => 1.19, tPlus: () => 0.38, tdf: () => 2.13 },
        c0_molm3: 1000,
        length_m: 0.01,
        porosity: 1,
        current_A_m2: 20,
        duration_s: 20_000,
        temperature_K: T_K,
        kinetics: { j0_A_m2: 70.6 },
      },
    ],
  ]
  for (const [name, input] of solverCases) {
    const runs = 40
    const { median, p95, cpu } = time(() => void solveHalfCycle(input), runs, 10)
    rows.push({ name, median_ms: median, p95_ms: p95, runs, cpu_median_ms: cpu })
  }
  const particles = defaultLatticeParticles(200, 200)
  const latticeCases: [string, Omit<LatticeInput, 'seed'>, number][] = [
    [`growLattice 200×200 DLA (p_s 1, β 0, n_relax 0), ${particles} particles`, { width: 200, height: 200, particles, stickingProbability: 1, drift: 0, relaxHops: 0 }, 15],
    [`growLattice 200×200 compact (p_s 0.01, β 0, n_relax 5), ${particles} particles`, { width: 200, height: 200, particles, stickingProbability: 0.01, drift: 0, relaxHops: 5 }, 7],
    [`growLattice 200×200 intermediate (p_s 0.1, β 0.3, n_relax 2), ${particles} particles`, { width: 200, height: 200, particles, stickingProbability: 0.1, drift: 0.3, relaxHops: 2 }, 7],
    [
      `growLattice 128×128 compact (p_s 0.01, β 0, n_relax 5), ${defaultLatticeParticles(128, 128)} particles`,
      { width: 128, height: 128, particles: defaultLatticeParticles(128, 128), stickingProbability: 0.01, drift: 0, relaxHops: 5 },
      7,
    ],
  ]
  for (const [name, input, runs] of latticeCases) {
    const { median, p95, cpu } = time((k) => void growLattice({ ...input, seed: k + 1 }), runs, 3)
    rows.push({ name, median_ms: median, p95_ms: p95, runs, cpu_median_ms: cpu })
  }
  return rows
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (invokedDirectly) {
  const rows = await benchKernels()
  const w = Math.max(...rows.map((r) => r.name.length))
  console.log(`${'case'.padEnd(w)}  median_ms  p95_ms  cpu_median_ms  runs`)
  for (const r of rows)
    console.log(
      `${r.name.padEnd(w)}  ${r.median_ms.toFixed(2).padStart(9)}  ${r.p95_ms.toFixed(2).padStart(6)}  ${r.cpu_median_ms.toFixed(2).padStart(13)}  ${String(r.runs).padStart(4)}`,
    )
}
