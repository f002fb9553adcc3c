/**
 * Seeded 32-bit pseudo-random number generator for the simulator kernels.
 *
 * physics.md §9.3 ("Scaling and determinism"): "Use a seeded 32-bit PRNG (e.g. mulberry32/xoshiro128**)
 * so tests are deterministic." This module implements xoshiro128** (Blackman & Vigna 2018, public-domain
 * reference `xoshiro128starstar.c`), seeded through splitmix32 so that any finite number (negative,
 * fractional or larger than 2^32) maps to a valid, non-zero 128-bit state.
 *
 * Pure: no global state, no `Math.random`. Two generators created with the same seed produce the same
 * sequence on every platform (only 32-bit integer arithmetic via `Math.imul` and `>>>`).
 */

const TWO_POW_32 = 4294967296
/** 2^-32: maps a uint32 to [0, 1). */
const INV_TWO_POW_32 = 1 / TWO_POW_32

/** splitmix32 finaliser step (Steele, Lea & Flood 2014, 32-bit variant); used only for seeding. */
function splitmix32(state: number): [next: number, output: number] {
  const next = (state + 0x9e3779b9) | 0
  let z = next
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  z ^= z >>> 16
  return [next, z >>> 0]
}

/** xoshiro128** generator. Create it with {@link createRng}. */
export class Xoshiro128 {
  private s0: number
  private s1: number
  private s2: number
  private s3: number
  /** Cached second Box–Muller deviate (NaN when empty). */
  private spareNormal = Number.NaN

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be finite, got ${seed}`)
    // Fold the seed's integer part (up to 2^53) and a fractional part into two 32-bit words.
    const whole = Math.trunc(seed)
    const lo = whole >>> 0
    const hi = Math.floor(whole / TWO_POW_32) >>> 0
    const frac = Math.floor((seed - whole) * TWO_POW_32) >>> 0
    let st = (lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(frac, 0x165667b1)) | 0
    let out: number
    ;[st, out] = splitmix32(st)
    this.s0 = out | 0
    ;[st, out] = splitmix32(st)
    this.s1 = out | 0
    ;[st, out] = splitmix32(st)
    this.s2 = out | 0
    ;[st, out] = splitmix32(st)
    this.s3 = out | 0
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1 // all-zero state is the one forbidden state
  }

  /** Next uniformly distributed unsigned 32-bit integer in [0, 2^32). */
  nextU32(): number {
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9)
    const t = s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result >>> 0
  }

  /** Uniform double in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() * INV_TWO_POW_32
  }

  /** Uniform double in the open interval (0, 1) (never exactly 0 or 1). */
  nextOpen(): number {
    return (this.nextU32() + 0.5) * INV_TWO_POW_32
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32 (multiply-shift; bias < n/2^32, negligible here). */
  nextInt(n: number): number {
    return Math.floor(this.nextU32() * INV_TWO_POW_32 * n)
  }

  /** Standard normal deviate (polar Box–Muller; deterministic, consumes a variable number of uniforms). */
  nextNormal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal
      this.spareNormal = Number.NaN
      return v
    }
    let u: number
    let v: number
    let s: number
    do {
      u = 2 * this.next() - 1
      v = 2 * this.next() - 1
      s = u * u + v * v
    } while (s >= 1 || s === 0)
    const m = Math.sqrt((-2 * Math.log(s)) / s)
    this.spareNormal = v * m
    return u * m
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/**
 * Create a seeded xoshiro128** generator.
 * @param seed any finite number; equal seeds give identical sequences.
 */
export function createRng(seed: number): Xoshiro128 {
  return new Xoshiro128(seed)
}
