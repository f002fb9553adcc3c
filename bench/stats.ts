/** Small timing helpers shared by the benchmarks. */
import { loadavg } from 'node:os'

/** The Node version and load average, printed with every benchmark result. */
export const machine = () => `node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`
export interface Timing { name: string; median_ms: number; p95_ms: number; runs: number }

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}

/** Time `fn` `runs` times after `warmup` calls; returns median and p95 in ms. */
export async function time(name: string, fn: () => unknown, runs = 300, warmup = 30): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return { name, median_ms: round(percentile(samples, 50)), p95_ms: round(percentile(samples, 95)), runs }
}

export const round = (x: number) => Number(x.toPrecision(3))

export function table(rows: Timing[]): string {
  const w = Math.max(...rows.map((r) => r.name.length), 10)
  return [`${'benchmark'.padEnd(w)}  median ms   p95 ms   runs`, ...rows.map((r) =>
    `${r.name.padEnd(w)}  ${String(r.median_ms).padStart(9)}  ${String(r.p95_ms).padStart(7)}  ${String(r.runs).padStart(5)}`)].join('\n')
}
