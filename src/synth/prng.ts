/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and
 * the draws the synthetic generator needs. Pure: the same seed gives the same
 * sequence on every platform; nothing here reads the clock or `Math.random`.
 * @module
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number
  /** One element, uniformly. */
  pick<T>(xs: readonly T[]): T
  /** One element, with probability proportional to its weight. */
  weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T
  /** True with probability p. */
  chance(p: number): boolean
  /** Log-uniform in [lo, hi] (lo, hi > 0): every decade equally likely. */
  logUniform(lo: number, hi: number): number
  /** k distinct elements (k clamped to the length), in random order. */
  sample<T>(xs: readonly T[], k: number): T[]
}

/** splitmix32: spreads a 32-bit seed into well-mixed state words. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A seed from a number or a string (FNV-1a of the string). */
export function seedOf(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0
  return h
}

export function createRng(seed: number | string): Rng {
  const init = splitmix32(seedOf(seed))
  let a = init(), b = init(), c = init(), d = init()
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) u32()
  const next = () => u32() / 4294967296
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => {
      if (xs.length === 0) throw new Error('pick from an empty list')
      return xs[Math.floor(next() * xs.length)] as (typeof xs)[number]
    },
    weighted: (xs) => {
      let total = 0
      for (const [, w] of xs) total += w
      let r = next() * total
      for (const [x, w] of xs) { r -= w; if (r < 0) return x }
      const last = xs[xs.length - 1]
      if (!last) throw new Error('weighted pick from an empty list')
      return last[0]
    },
    chance: (p) => next() < p,
    logUniform: (lo, hi) => Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo))),
    sample: (xs, k) => {
      const copy = [...xs]
      const n = Math.min(k, copy.length)
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i))
        const tmp = copy[i] as (typeof copy)[number]
        copy[i] = copy[j] as (typeof copy)[number]
        copy[j] = tmp
      }
      return copy.slice(0, n)
    },
  }
  return rng
}
