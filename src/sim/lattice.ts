/**
 * 2D lattice growth kernel: biased DLA with sticking probability and surface relaxation (physics.md §9.3).
 *
 * Walkers perform a biased nearest-neighbour random walk on a W × H square lattice:
 *   p_down = (1 + β)/4, p_up = (1 − β)/4, p_left = p_right = 1/4          (physics.md §9.3)
 * ("down" = towards the substrate row y = 0, or towards the seed in radial geometry, where the four
 * probabilities are (1 + β ê·û_in)/4 with û_in the inward unit vector). A walker next to the deposit sticks
 * with probability p_s (× 0.3 at sites higher than ⟨h⟩ + 2σ_h with the optional tip shield, §9.3 table),
 * then makes up to n_relax hops to the adjacent empty site of highest coordination (surface relaxation, see
 * `relax` for the Moore-neighbourhood interpretation). Outputs (§9.3): porosity, mass–radius fractal
 * dimension, roughness, tip ratio and the isolated clusters left by a mirrored stripping pass.
 *
 * Geometry 'substrate' (default): row 0 is the occupied substrate, x is periodic, walkers start at
 * y = h_max + Δ_launch (uniform x) and are relaunched when they wander above h_max + 2Δ_launch.
 * Geometry 'radial': one seed at the centre, walkers start on the circle r = r_max + Δ_launch and are
 * relaunched beyond r_max + 2Δ_launch (Witten & Sander 1981 DLA, used to validate the kernel, CP9.5).
 *
 * Relaunch is done exactly for the unbiased walk rather than at a uniform position: the point where a
 * planar Brownian walker at height d above the launch line first returns to it is Cauchy-distributed
 * (scale d) about its abscissa, and for a walker at radius r outside the launch circle of radius R the
 * return angle follows the wrapped Cauchy law with ρ = R/r (harmonic measure, Poisson kernel). This keeps
 * the diffusion field of an infinitely distant source while walkers never stray more than 2Δ_launch away.
 * (Exact for β = 0; for β > 0 the same law is used as an approximation — a walker drifting towards the
 * deposit rarely climbs 2Δ_launch.)
 *
 * Long jumps (acceleration only; the walk statistics are unchanged to lattice accuracy): an exact L1 distance
 * field to the deposit (capped at 16, updated by a pruned BFS on each deposit, backed by an 8 × 8 block map
 * farther away) tells how far the walker is from any occupied site. For β = 0 and distance d ≤ 8 the walker
 * jumps to the exit point of the L1 ball of radius d − 2, drawn from the precomputed exact exit law of the
 * lattice walk; for d ≥ 9 it jumps to a uniform point of a circle of radius (d − 3)/√2 (exit law of Brownian
 * motion from a disc). For β > 0 and d ≥ 10 it makes n = d − 2 hops at once, sampling the Gaussian limit
 * of the biased n-step displacement (mean nβ/2 along the drift, variances n(1/2 − β²/4) along and n/2 across).
 * In every case the landing site is ≥ 2 steps from the deposit, so no contact is skipped. Sticking uses an
 * exponential clock (one random number per walker, exact). A "move" in `steps` is one hop or one jump.
 *
 * Pure and deterministic for a given seed (xoshiro128** from rng.ts; never Math.random).
 */

import { createRng } from './rng.ts'
import type { Xoshiro128 } from './rng.ts'

// ---------- constants (physics.md §9.3 unless stated) ----------
/** Tip-shield sticking factor p_s × 0.3 above ⟨h⟩ + 2σ_h (physics.md §9.3 table, "tip suppression (CsPF6)") [E]. */
const TIP_SHIELD_FACTOR = 0.3
const TIP_SHIELD_SIGMAS = 2
/** Default hard cap on walker moves: physics.md §9.3 "hard cap of 5e6 total steps" (for W = 128, N ≤ 2e4), scaled
 * here with the particle count as max(5e6, 1000 × particles) so a 200 × 200 deposit is not cut short [E]. */
const DEFAULT_MAX_STEPS_FLOOR = 5_000_000
const DEFAULT_MAX_STEPS_PER_PARTICLE = 1000
/** Default launch offset Δ_launch [sites] (physics.md §9.3 "launched at h_max + Δ_launch") [E]. */
const DEFAULT_LAUNCH_OFFSET = 5
/** Default fraction of the deposit removed by the stripping pass (isolated-cluster / p_iso proxy) [E]. */
const DEFAULT_STRIP_FRACTION = 0.5
/** Largest drift accepted: physics.md §9.3 uses β = min(0.9, Pe_lat); we allow up to 0.99. */
const MAX_DRIFT = 0.99
/**
 * Distance maps for the long jumps [E: performance only]: exact L1 distance to the deposit capped at
 * DIST_CAP (updated incrementally on each deposit), backed by an 8 × 8 block map of Chebyshev block
 * distances (capped at 15 blocks) for walkers farther away.
 */
const DIST_CAP = 16
const BLOCK_SHIFT = 3
const BLOCK = 1 << BLOCK_SHIFT
const BLOCK_DIST_CAP = 15
/**
 * Minimum L1 distance d to the deposit for a long jump. β = 0: exact lattice exit from the L1 ball of radius
 * d − 2 for d ≤ DIAMOND_MAX + 2, uniform circle of radius (d − 3)/√2 beyond. β > 0: Gaussian n-step jump.
 */
const JUMP_MIN_UNBIASED = 4
const DIAMOND_MAX = 6
const JUMP_MIN_BIASED = 10
/** Hop direction tables: 0 = +x, 1 = −x, 2 = up (+y), 3 = down (−y, towards the substrate). */
const DIR_DX = Int32Array.of(1, -1, 0, 0)
const DIR_DY = Int32Array.of(0, 0, 1, -1)
/** Angular sectors used for the height profile in radial geometry [E]. */
const RADIAL_SECTORS = 64
/**
 * Fill fraction used by {@link defaultLatticeParticles}: particles = 0.3 W (H − 1), i.e. a compact (p_s → 0,
 * relaxed) deposit fills ~30 % of the box height (brief: "enough to fill ~30–50 % of the height"); porous
 * deposits reach the top of the box earlier and stop there (`reachedBoundary`) [E].
 */
export const DEFAULT_FILL_FRACTION = 0.3

export interface LatticeInput {
  /** Lattice width W [sites] (periodic in x for 'substrate'). */
  width: number
  /** Lattice height H [sites] (row 0 is the substrate for 'substrate'). */
  height: number
  /** Number of particles to deposit (growth also stops when the deposit reaches the box boundary). */
  particles: number
  /** Sticking probability p_s ∈ (0, 1] (physics.md §9.3: Da/(1 + Da)). */
  stickingProbability: number
  /** Drift β ∈ [0, 0.99] (physics.md §9.3: β = min(0.9, Pe_lat)). */
  drift: number
  /** Surface-relaxation hops n_relax ≥ 0 (integer). */
  relaxHops: number
  /** Tip shield (CsPF6-type electrostatic shield): p_s × 0.3 above ⟨h⟩ + 2σ_h. */
  tipShield?: boolean
  /** PRNG seed (any finite number). */
  seed: number
  /** Hard cap on walker moves (default max(5e6, 1000 × particles)); reaching it sets `truncated`. */
  maxSteps?: number
  /** 'substrate' (default) or 'radial' (single central seed, Witten–Sander validation). */
  geometry?: 'substrate' | 'radial'
  /** (added) Launch offset Δ_launch [sites], default 5 (relaunch beyond 2Δ_launch). */
  launchOffset?: number
  /** (added) Fraction of the deposit removed by the stripping pass, 0…1, default 0.5. */
  stripFraction?: number
}

export interface LatticeResult {
  /**
   * 1 − occupied/bounding volume (physics.md §9.3 "porosity 1 − ρ_rel"). The bounding volume is the region
   * enclosed by the deposit's upper envelope: Σ_x h(x) = W⟨h⟩ for 'substrate' (h(x) = top site of column x),
   * the 64 wedges under the sector radii for 'radial'. It measures the voids inside the layer; the roughness
   * of the front is reported separately (roughness, tipRatio, boxPorosity).
   */
  porosity: number
  /** Mass–radius (sandbox) fractal dimension, see {@link massRadiusDimension} for the centres and fit range. */
  fractalDimension: number
  /** σ_h/⟨h⟩ of the column heights (radial: of the 64 sector radii). */
  roughness: number
  /** h_max/⟨h⟩. */
  tipRatio: number
  /** h_max [sites] (radial: maximum distance from the seed). */
  maxHeight: number
  /** ⟨h⟩ [sites] (mean column top height; radial: mean sector radius). */
  meanHeight: number
  /** Clusters disconnected from the substrate (seed) after the stripping pass (p_iso proxy). */
  isolatedClusters: number
  /** True if `maxSteps` was reached before all particles were deposited. */
  truncated: boolean
  /** Walker moves executed (single hops and long jumps each count as one move). */
  steps: number
  /** Particles deposited. */
  deposited: number
  /** ASCII picture, top row first: '#' deposit, '=' substrate, 'o' seed, '.' empty. */
  snapshot?: { width: number; height: number; rows: string[] }
  /**
   * (added) 1 − occupied/(W × h_max) (radial: disc of radius r_max + ½): the density of the volume swept by
   * the leading tip, comparable with the Chazalviel front density φ_dep (physics.md §3.2, CP9.8).
   */
  boxPorosity?: number
  /** (added) True if growth stopped because the deposit reached the top (radial: the edge) of the box. */
  reachedBoundary?: boolean
  /** (added) Sites in the isolated clusters after stripping, as a fraction of the sites left. */
  isolatedFraction?: number
}

/**
 * Particle count for a "meaningful" deposit on a W × H lattice: DEFAULT_FILL_FRACTION · W · (H − 1), i.e. a
 * compact deposit fills ~30 % of the height (porous deposits stop earlier, at the top of the box).
 */
export function defaultLatticeParticles(width: number, height: number): number {
  return Math.round(DEFAULT_FILL_FRACTION * width * (height - 1))
}

function fail(msg: string): never {
  throw new RangeError(`growLattice: ${msg}`)
}

/**
 * Grow a deposit with the §9.3 lattice kernel and return its morphology metrics.
 *
 * Units: lattice sites (one site = one deposit feature of size a = d_dep, physics.md §9.3 mapping table).
 * Deterministic for a given input (including `seed`); pure (no IO, no global state).
 * @throws RangeError on invalid inputs.
 */
export function growLattice(input: LatticeInput & { snapshot?: boolean }): LatticeResult {
  const W = input.width
  const H = input.height
  const geometry = input.geometry ?? 'substrate'
  const radial = geometry === 'radial'
  const pS = input.stickingProbability
  const beta = input.drift
  const nRelax = input.relaxHops
  const nParticles = input.particles
  const delta = input.launchOffset ?? DEFAULT_LAUNCH_OFFSET
  const stripFraction = input.stripFraction ?? DEFAULT_STRIP_FRACTION
  if (!Number.isInteger(W) || W < 8 || W > 8192) fail(`width = ${W} must be an integer in [8, 8192]`)
  if (!Number.isInteger(H) || H < 8 || H > 8192) fail(`height = ${H} must be an integer in [8, 8192]`)
  if (!Number.isInteger(nParticles) || nParticles < 0) fail(`particles = ${nParticles} must be a non-negative integer`)
  if (!(pS > 0 && pS <= 1)) fail(`stickingProbability = ${pS} must be in (0, 1]`)
  if (!(beta >= 0 && beta <= MAX_DRIFT)) fail(`drift = ${beta} must be in [0, ${MAX_DRIFT}]`)
  if (!Number.isInteger(nRelax) || nRelax < 0 || nRelax > 1000) fail(`relaxHops = ${nRelax} must be an integer in [0, 1000]`)
  if (!Number.isFinite(input.seed)) fail(`seed = ${input.seed} must be finite`)
  if (!Number.isInteger(delta) || delta < 2 || delta > 64) fail(`launchOffset = ${delta} must be an integer in [2, 64]`)
  if (!(stripFraction >= 0 && stripFraction <= 1)) fail(`stripFraction = ${stripFraction} must be in [0, 1]`)
  if (geometry !== 'substrate' && geometry !== 'radial') fail(`geometry = ${String(geometry)} is not 'substrate' | 'radial'`)
  const maxSteps = input.maxSteps ?? Math.max(DEFAULT_MAX_STEPS_FLOOR, DEFAULT_MAX_STEPS_PER_PARTICLE * nParticles)
  if (!(maxSteps >= 0) || !Number.isFinite(maxSteps)) fail(`maxSteps = ${maxSteps} must be a non-negative finite number`)

  const rng = createRng(input.seed)
  const g = new Grid(W, H, radial, nParticles)
  const grow = growDeposit(g, rng, { pS, beta, nRelax, delta, maxSteps, tipShield: input.tipShield ?? false, nParticles })

  const metrics = radial ? radialMetrics(g) : substrateMetrics(g)
  const fractalDimension = massRadiusDimension(g)
  const snapshot = input.snapshot ? takeSnapshot(g) : undefined
  const strip = stripAndCountIsolated(g, rng, pS, stripFraction)

  const result: LatticeResult = {
    porosity: metrics.porosity,
    boxPorosity: metrics.boxPorosity,
    fractalDimension,
    roughness: metrics.roughness,
    tipRatio: metrics.tipRatio,
    maxHeight: metrics.maxHeight,
    meanHeight: metrics.meanHeight,
    isolatedClusters: strip.clusters,
    truncated: grow.truncated,
    steps: grow.steps,
    deposited: g.count,
    reachedBoundary: grow.reachedBoundary,
    isolatedFraction: strip.isolatedFraction,
  }
  if (snapshot) result.snapshot = snapshot
  return result
}

// =====================================================================================================
// Grid state
// =====================================================================================================

const EMPTY = 0
const DEPOSIT = 1
const SUBSTRATE = 2

class Grid {
  readonly W: number
  readonly H: number
  readonly radial: boolean
  /** 0 empty, 1 deposit, 2 substrate (row 0) or seed. */
  readonly occ: Uint8Array
  /** Number of occupied 4-neighbours of each site. */
  readonly adj: Uint8Array
  /** L1 distance to the nearest occupied site, capped at DIST_CAP (x periodic for 'substrate'). */
  readonly dist: Uint8Array
  private readonly distQueue: Int32Array
  /** Deposited site indices in deposition order. */
  readonly sites: Int32Array
  count = 0
  /** Column top heights (substrate) or sector max radii (radial). */
  readonly top: Float64Array
  sumTop = 0
  sumTop2 = 0
  /** h_max (substrate: max y; radial: max distance from the seed). */
  hMax = 0
  readonly cx: number
  readonly cy: number
  // block distance map
  readonly nbx: number
  readonly nby: number
  readonly blockCount: Int32Array
  readonly blockDist: Uint8Array
  /** Safety correction for the periodic wrap when W is not a multiple of the block size. */
  readonly wrapCorrection: number

  constructor(W: number, H: number, radial: boolean, capacity: number) {
    this.W = W
    this.H = H
    this.radial = radial
    this.occ = new Uint8Array(W * H)
    this.adj = new Uint8Array(W * H)
    this.dist = new Uint8Array(W * H).fill(DIST_CAP)
    this.distQueue = new Int32Array(Math.min(W * H, 2 * DIST_CAP * DIST_CAP + 2 * DIST_CAP + 1))
    this.sites = new Int32Array(Math.max(capacity, 1))
    this.top = new Float64Array(radial ? RADIAL_SECTORS : W)
    this.cx = W >> 1
    this.cy = H >> 1
    this.nbx = (W + BLOCK - 1) >> BLOCK_SHIFT
    this.nby = (H + BLOCK - 1) >> BLOCK_SHIFT
    this.blockCount = new Int32Array(this.nbx * this.nby)
    this.blockDist = new Uint8Array(this.nbx * this.nby).fill(BLOCK_DIST_CAP)
    this.wrapCorrection = !radial && W % BLOCK !== 0 ? BLOCK : 0
    if (radial) {
      this.place(this.cy * W + this.cx, SUBSTRATE)
    } else {
      for (let x = 0; x < W; x++) this.place(x, SUBSTRATE)
    }
  }

  /** Mark site i occupied with `kind`, update neighbour coordination and the block map. */
  place(i: number, kind: number): void {
    const W = this.W
    this.occ[i] = kind
    const y = (i / W) | 0
    const x = i - y * W
    const adj = this.adj
    if (this.radial) {
      if (x > 0) adj[i - 1]!++
      if (x < W - 1) adj[i + 1]!++
    } else {
      adj[x === 0 ? i + W - 1 : i - 1]!++
      adj[x === W - 1 ? i - W + 1 : i + 1]!++
    }
    if (y > 0) adj[i - W]!++
    if (y < this.H - 1) adj[i + W]!++
    const b = (y >> BLOCK_SHIFT) * this.nbx + (x >> BLOCK_SHIFT)
    if (this.blockCount[b]!++ === 0) this.markBlock(x >> BLOCK_SHIFT, y >> BLOCK_SHIFT)
    this.updateDistance(i)
  }

  /**
   * New occupied site i: lower the capped L1 distance field around it by a pruned BFS (a cell whose distance
   * does not improve cannot improve any cell behind it, so pruning is exact).
   */
  private updateDistance(i: number): void {
    const { W, H, dist, distQueue: queue } = this
    if (dist[i] === 0) return
    dist[i] = 0
    let head = 0
    let tail = 0
    queue[tail++] = i
    while (head < tail) {
      const j = queue[head++]!
      const nd = dist[j]! + 1
      if (nd >= DIST_CAP) continue
      const y = (j / W) | 0
      const x = j - y * W
      let k: number
      // +x
      if (x < W - 1) k = j + 1
      else k = this.radial ? -1 : j - W + 1
      if (k >= 0 && dist[k]! > nd) {
        dist[k] = nd
        queue[tail++] = k
      }
      // −x
      if (x > 0) k = j - 1
      else k = this.radial ? -1 : j + W - 1
      if (k >= 0 && dist[k]! > nd) {
        dist[k] = nd
        queue[tail++] = k
      }
      if (y < H - 1 && dist[j + W]! > nd) {
        dist[j + W] = nd
        queue[tail++] = j + W
      }
      if (y > 0 && dist[j - W]! > nd) {
        dist[j - W] = nd
        queue[tail++] = j - W
      }
    }
  }

  /**
   * Lower bound on the L1 distance from (x, y) to any occupied site from the block map: a site in a block at
   * Chebyshev block distance ≥ k is ≥ (k − 1)·8 + 1 lattice steps away (minus one block when the periodic
   * wrap meets a partial block).
   */
  blockBound(x: number, y: number): number {
    const k = this.blockDist[(y >> BLOCK_SHIFT) * this.nbx + (x >> BLOCK_SHIFT)]!
    return k >= 2 ? (k - 1) * BLOCK + 1 - this.wrapCorrection : 0
  }

  /** Remove a deposit site (stripping pass). The block map is not needed any more and is not updated. */
  remove(i: number): void {
    const W = this.W
    this.occ[i] = EMPTY
    const y = (i / W) | 0
    const x = i - y * W
    const adj = this.adj
    if (this.radial) {
      if (x > 0) adj[i - 1]!--
      if (x < W - 1) adj[i + 1]!--
    } else {
      adj[x === 0 ? i + W - 1 : i - 1]!--
      adj[x === W - 1 ? i - W + 1 : i + 1]!--
    }
    if (y > 0) adj[i - W]!--
    if (y < this.H - 1) adj[i + W]!--
  }

  /** A block became non-empty: lower the stored Chebyshev block distances around it (capped). */
  private markBlock(bx: number, by: number): void {
    const { nbx, nby, blockDist } = this
    const cap = BLOCK_DIST_CAP
    const y0 = Math.max(0, by - cap)
    const y1 = Math.min(nby - 1, by + cap)
    for (let yy = y0; yy <= y1; yy++) {
      const dy = Math.abs(yy - by)
      for (let d = -cap; d <= cap; d++) {
        let xx = bx + d
        if (this.radial) {
          if (xx < 0 || xx >= nbx) continue
        } else {
          if (2 * cap + 1 > nbx && (d < -(nbx >> 1) || d > (nbx - 1) >> 1)) continue // each block once when wrapping
          xx = ((xx % nbx) + nbx) % nbx
        }
        const dist = Math.max(dy, Math.abs(d))
        const k = yy * nbx + xx
        if (dist < blockDist[k]!) blockDist[k] = dist
      }
    }
  }

  /** Record a deposit at (x, y) in the height statistics (column tops or sector radii). */
  noteHeight(x: number, y: number): void {
    let slot: number
    let h: number
    if (this.radial) {
      const dx = x - this.cx
      const dy = y - this.cy
      h = Math.sqrt(dx * dx + dy * dy)
      const a = Math.atan2(dy, dx) // (−π, π]
      slot = Math.min(RADIAL_SECTORS - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * RADIAL_SECTORS))
    } else {
      slot = x
      h = y
    }
    const old = this.top[slot]!
    if (h > old) {
      this.top[slot] = h
      this.sumTop += h - old
      this.sumTop2 += h * h - old * old
    }
    if (h > this.hMax) this.hMax = h
  }
}

// =====================================================================================================
// Growth
// =====================================================================================================

interface GrowParams {
  pS: number
  beta: number
  nRelax: number
  delta: number
  maxSteps: number
  tipShield: boolean
  nParticles: number
}

/**
 * Exit law of the simple (unbiased) lattice walk started at the centre of the L1 ball |Δx| + |Δy| < m, for
 * m = 2 … DIAMOND_MAX: cumulative probabilities over the 4m boundary sites |Δx| + |Δy| = m, computed by
 * propagating the probability mass until < 1e-15 remains inside (built lazily, deterministic).
 */
let diamondCache: [Float64Array[], Int32Array[], Int32Array[]] | undefined
function diamondTables(): [Float64Array[], Int32Array[], Int32Array[]] {
  if (diamondCache) return diamondCache
  const cums: Float64Array[] = []
  const dxs: Int32Array[] = []
  const dys: Int32Array[] = []
  for (let m = 0; m <= DIAMOND_MAX; m++) {
    if (m < 2) {
      cums.push(new Float64Array(0))
      dxs.push(new Int32Array(0))
      dys.push(new Int32Array(0))
      continue
    }
    const side = 2 * m + 1
    const at = (x: number, y: number): number => (y + m) * side + (x + m)
    let mass = new Float64Array(side * side)
    let next = new Float64Array(side * side)
    const exit = new Float64Array(side * side)
    mass[at(0, 0)] = 1
    let inside = 1
    while (inside > 1e-15) {
      next.fill(0)
      inside = 0
      for (let y = -m; y <= m; y++)
        for (let x = -m; x <= m; x++) {
          const w = mass[at(x, y)]!
          if (w === 0) continue
          for (let k = 0; k < 4; k++) {
            const nx = x + DIR_DX[k]!
            const ny = y + DIR_DY[k]!
            if (Math.abs(nx) + Math.abs(ny) >= m) exit[at(nx, ny)]! += w / 4
            else {
              next[at(nx, ny)]! += w / 4
              inside += w / 4
            }
          }
        }
      ;[mass, next] = [next, mass]
    }
    const cum: number[] = []
    const bx: number[] = []
    const by: number[] = []
    let acc = 0
    for (let y = -m; y <= m; y++)
      for (let x = -m; x <= m; x++)
        if (Math.abs(x) + Math.abs(y) === m) {
          acc += exit[at(x, y)]!
          cum.push(acc)
          bx.push(x)
          by.push(y)
        }
    for (let k = 0; k < cum.length; k++) cum[k] = cum[k]! / acc
    cum[cum.length - 1] = 1
    cums.push(Float64Array.from(cum))
    dxs.push(Int32Array.from(bx))
    dys.push(Int32Array.from(by))
  }
  diamondCache = [cums, dxs, dys]
  return diamondCache
}

/** Unit-circle table for the long jumps (angles k·2π/1024). */
const JUMP_TABLE_SIZE = 1024
let jumpCos: Float64Array | undefined
let jumpSin: Float64Array | undefined
function jumpTables(): [Float64Array, Float64Array] {
  // Built lazily on first use (no work at import time); deterministic.
  if (!jumpCos || !jumpSin) {
    jumpCos = new Float64Array(JUMP_TABLE_SIZE)
    jumpSin = new Float64Array(JUMP_TABLE_SIZE)
    for (let k = 0; k < JUMP_TABLE_SIZE; k++) {
      jumpCos[k] = Math.cos((2 * Math.PI * k) / JUMP_TABLE_SIZE)
      jumpSin[k] = Math.sin((2 * Math.PI * k) / JUMP_TABLE_SIZE)
    }
  }
  return [jumpCos, jumpSin]
}

function growDeposit(g: Grid, rng: Xoshiro128, p: GrowParams): { steps: number; truncated: boolean; reachedBoundary: boolean } {
  const { W, H, occ, adj, dist, radial, cx, cy } = g
  const { pS, beta, nRelax, delta, maxSteps, tipShield, nParticles } = p
  const [cosT, sinT] = jumpTables()
  const unbiased = beta === 0
  // Direction tables: 0 = +x, 1 = −x, 2 = up (+y, away from the substrate), 3 = down (−y).
  const DX = DIR_DX
  const DY = DIR_DY
  // Biased substrate walk: thresholds on a uint32 for [+x | −x | up | down] = [1/4 | 1/4 | (1−β)/4 | (1+β)/4].
  const T_PX = 0x40000000
  const T_MX = 0x80000000
  const T_UP = T_MX + Math.floor(((1 - beta) / 4) * 4294967296)
  const varAlong = 0.5 - (beta * beta) / 4 // n-step displacement variance per step along the drift
  const jumpMin = unbiased ? JUMP_MIN_UNBIASED : JUMP_MIN_BIASED
  const [diamondCum, diamondDx, diamondDy] = diamondTables()
  const INV_SQRT2 = Math.SQRT1_2
  const edge = Math.min(cx, cy, W - 1 - cx, H - 1 - cy) // radial: the kill circle must stay inside the box

  let steps = 0
  let truncated = false
  let reachedBoundary = false
  let bits = 0 // cached random bits for unbiased hops (2 bits per hop)
  let nbits = 0
  let shieldThreshold = Infinity
  const hazardS = -Math.log1p(-pS) // −ln(1 − p_s); +∞ for p_s = 1
  const hazardShield = -Math.log1p(-pS * TIP_SHIELD_FACTOR)

  if (tipShield) shieldThreshold = tipShieldThreshold(g)

  particles: while (g.count < nParticles) {
    // ----- launch (physics.md §9.3: at h_max + Δ_launch, x uniform; radial: on the circle r_max + Δ_launch) -----
    let launchLevel: number
    let killLevel: number
    let x: number
    let y: number
    if (radial) {
      launchLevel = Math.ceil(g.hMax) + delta
      killLevel = launchLevel + delta
      if (killLevel + 2 > edge) {
        reachedBoundary = true
        break
      }
      const k = rng.nextU32() >>> 22 // 10 bits → table angle
      x = cx + Math.round(launchLevel * cosT[k]!)
      y = cy + Math.round(launchLevel * sinT[k]!)
    } else {
      launchLevel = g.hMax + delta
      killLevel = launchLevel + delta
      if (killLevel + 1 >= H) {
        reachedBoundary = true
        break
      }
      x = rng.nextInt(W)
      y = launchLevel
    }
    const kill2 = killLevel * killLevel
    let i = y * W + x
    // Sticking by an exponential clock: the walker sticks at the first contact where the accumulated hazard
    // Σ −ln(1 − p_s) exceeds an Exp(1) variate — exactly "stick with probability p_s at each contact" but with
    // one random number per particle instead of one per contact.
    let clock = -Math.log(rng.nextOpen())

    // ----- walk -----
    for (;;) {
      if (steps >= maxSteps) {
        truncated = true
        break particles
      }
      steps++
      const contact = adj[i]!
      if (contact !== 0) {
        // Next to the deposit: stick with p_s (physics.md §9.3); the tip shield lowers p_s on high sites.
        let hazard = hazardS
        if (tipShield) {
          let h: number
          if (radial) {
            const dx = x - cx
            const dy = y - cy
            h = Math.sqrt(dx * dx + dy * dy)
          } else h = y
          if (h > shieldThreshold) hazard = hazardShield
        }
        clock -= hazard
        if (clock <= 0) {
          i = relax(g, rng, i, nRelax)
          const yy = (i / W) | 0
          g.place(i, DEPOSIT)
          g.sites[g.count++] = i
          g.noteHeight(i - yy * W, yy)
          if (tipShield) shieldThreshold = tipShieldThreshold(g)
          continue particles
        }
      } else {
        let d = dist[i]!
        if (d >= jumpMin) {
          if (d >= DIST_CAP) d = Math.max(d, g.blockBound(x, y))
          // ----- long jump: no deposit site within L1 distance d -----
          if (unbiased && d <= DIAMOND_MAX + 2) {
            // Exact: first exit of the lattice walk from the L1 ball of radius m = d − 2 (precomputed law);
            // the path stays ≥ 3 and the landing site ≥ 2 lattice steps from the deposit.
            const m = d - 2
            const cum = diamondCum[m]!
            const u = rng.next()
            let lo = 0
            let hi = cum.length - 1
            while (lo < hi) {
              const mid = (lo + hi) >> 1
              if (cum[mid]! > u) hi = mid
              else lo = mid + 1
            }
            x += diamondDx[m]![lo]!
            y += diamondDy[m]![lo]!
          } else if (unbiased) {
            // Uniform point on a circle of radius r (exit law of Brownian motion from a disc), with
            // r√2 + 1 ≤ d − 2 so the landing site is neither on nor next to the deposit.
            const r = (d - 3) * INV_SQRT2
            const a = rng.nextU32() >>> 22
            x += Math.round(r * cosT[a]!)
            y += Math.round(r * sinT[a]!)
          } else {
            // n = d − 2 hops at once: Gaussian limit of the biased n-step displacement (|Δx| + |Δy| ≤ n enforced).
            let n = d - 2
            let ux = 0
            let uy = -1 // drift direction (down, towards the substrate)
            if (radial) {
              const dx = x - cx
              const dy = y - cy
              const r = Math.sqrt(dx * dx + dy * dy)
              if (r > 0) {
                ux = -dx / r
                uy = -dy / r
              }
              n = Math.min(n, Math.max(2, Math.floor(r / 4))) // keep the drift direction ~constant over the jump
            }
            let jx = 0
            let jy = 0
            for (let tries = 0; tries < 16; tries++) {
              const along = (n * beta) / 2 + Math.sqrt(n * varAlong) * rng.nextNormal()
              const across = Math.sqrt(n * 0.5) * rng.nextNormal()
              jx = Math.round(along * ux - across * uy)
              jy = Math.round(along * uy + across * ux)
              if (Math.abs(jx) + Math.abs(jy) <= n) break
              jx = 0
              jy = 0
            }
            x += jx
            y += jy
          }
          if (radial) {
            const dx = x - cx
            const dy = y - cy
            if (dx * dx + dy * dy > kill2) [x, y] = radialReturn(rng, cx, cy, x, y, launchLevel)
          } else {
            if (x >= W) x -= W
            else if (x < 0) x += W
            if (x >= W || x < 0) x = ((x % W) + W) % W
            if (y > killLevel) {
              x = cauchyReturn(rng, x, y - launchLevel, W)
              y = launchLevel
            }
          }
          i = y * W + x
          continue
        }
      }
      // ----- one lattice hop -----
      let dir: number
      if (unbiased) {
        if (nbits === 0) {
          bits = rng.nextU32()
          nbits = 16
        }
        dir = bits & 3
        bits >>>= 2
        nbits--
      } else if (!radial) {
        const u = rng.nextU32()
        dir = u < T_PX ? 0 : u < T_MX ? 1 : u < T_UP ? 2 : 3
      } else {
        // p_dir = (1 + β ê·û_in)/4 with û_in the inward unit vector (physics.md §9.3 drift, radial form)
        const dx = x - cx
        const dy = y - cy
        const r = Math.sqrt(dx * dx + dy * dy)
        const ix = r > 0 ? -dx / r : 0
        const iy = r > 0 ? -dy / r : 0
        const u = rng.next() * 4
        const p0 = 1 + beta * ix
        const p1 = p0 + 1 - beta * ix
        const p2 = p1 + 1 + beta * iy
        dir = u < p0 ? 0 : u < p1 ? 1 : u < p2 ? 2 : 3
      }
      let nx = x + DX[dir]!
      const ny = y + DY[dir]!
      if (radial) {
        const dx = nx - cx
        const dy = ny - cy
        if (dx * dx + dy * dy > kill2) {
          ;[x, y] = radialReturn(rng, cx, cy, nx, ny, launchLevel)
          i = y * W + x
          continue
        }
      } else {
        if (nx === W) nx = 0
        else if (nx < 0) nx = W - 1
        if (ny > killLevel) {
          // relaunch: exact Cauchy return to the launch line
          x = cauchyReturn(rng, nx, ny - launchLevel, W)
          y = launchLevel
          i = y * W + x
          continue
        }
      }
      const ni = ny * W + nx
      if (contact !== 0 && occ[ni] !== EMPTY) continue // blocked by the deposit: stay (the move counts)
      x = nx
      y = ny
      i = ni
    }
  }
  return { steps, truncated, reachedBoundary }
}

/** Tip-shield height threshold ⟨h⟩ + 2σ_h over the column tops (radial: sector radii), physics.md §9.3. */
function tipShieldThreshold(g: Grid): number {
  const n = g.top.length
  const mean = g.sumTop / n
  const variance = Math.max(0, g.sumTop2 / n - mean * mean)
  return mean + TIP_SHIELD_SIGMAS * Math.sqrt(variance)
}

/**
 * Return point on the launch line for a walker at height d above it (x periodic with period W):
 * x + d·tan(π(u − ½)), the Cauchy first-passage law of planar Brownian motion (exact in the continuum).
 */
function cauchyReturn(rng: Xoshiro128, x: number, d: number, W: number): number {
  const off = d * Math.tan(Math.PI * (rng.nextOpen() - 0.5))
  let nx = Math.round(x + (Math.abs(off) < 1e15 ? off : 0)) % W
  if (nx < 0) nx += W
  return nx
}

/**
 * Return point on the launch circle (radius R) for a walker at (x, y), radius r > R: the harmonic measure
 * of the exterior of the circle is the wrapped Cauchy law about the walker's angle with ρ = R/r.
 */
function radialReturn(rng: Xoshiro128, cx: number, cy: number, x: number, y: number, R: number): [number, number] {
  const dx = x - cx
  const dy = y - cy
  const r = Math.sqrt(dx * dx + dy * dy)
  const rho = R / r
  const phi = Math.atan2(dy, dx) + 2 * Math.atan(((1 - rho) / (1 + rho)) * Math.tan(Math.PI * (rng.nextOpen() - 0.5)))
  return [cx + Math.round(R * Math.cos(phi)), cy + Math.round(R * Math.sin(phi))]
}

/**
 * Surface relaxation (physics.md §9.3): up to n hops, each to the adjacent empty site of highest
 * coordination if it is strictly higher than the current one (ties broken at random).
 */
/** Moore (8-neighbour) offsets used by the surface relaxation. */
const MOORE_DX = Int32Array.of(1, -1, 0, 0, 1, 1, -1, -1)
const MOORE_DY = Int32Array.of(0, 0, 1, -1, 1, -1, 1, -1)

/** Occupied sites among the 8 (Moore) neighbours of site j (x periodic for 'substrate'). */
function mooreCoordination(g: Grid, j: number): number {
  const { W, H, occ, radial } = g
  const y = (j / W) | 0
  const x = j - y * W
  let c = 0
  for (let d = 0; d < 8; d++) {
    const yy = y + MOORE_DY[d]!
    if (yy < 0 || yy >= H) continue
    let xx = x + MOORE_DX[d]!
    if (xx < 0 || xx >= W) {
      if (radial) continue
      xx = xx < 0 ? W - 1 : 0
    }
    if (occ[yy * W + xx] !== EMPTY) c++
  }
  return c
}

/**
 * Surface relaxation (physics.md §9.3: "n_relax hops to the adjacent empty site of highest coordination").
 * Interpretation used here: adjacency and coordination are both taken on the Moore (8-site) neighbourhood,
 * the particle must stay attached (≥ 1 occupied nearest neighbour), and each hop goes to the empty adjacent
 * site of highest coordination if it is at least as high as the current one — ties (including staying) are
 * broken at random, so on flat terraces the adatom diffuses, and diagonal hops let it turn convex corners
 * (lateral growth). The relaxation stops early when every neighbour is worse.
 */
function relax(g: Grid, rng: Xoshiro128, start: number, n: number): number {
  const { W, H, occ, adj, radial } = g
  let i = start
  for (let hop = 0; hop < n; hop++) {
    const y = (i / W) | 0
    const x = i - y * W
    let best = mooreCoordination(g, i)
    let choice = -1
    let ties = 1 // staying is one of the options tied at the current coordination
    for (let d = 0; d < 8; d++) {
      const yy = y + MOORE_DY[d]!
      if (yy < 0 || yy >= H) continue
      let xx = x + MOORE_DX[d]!
      if (xx < 0 || xx >= W) {
        if (radial) continue
        xx = xx < 0 ? W - 1 : 0
      }
      const j = yy * W + xx
      if (occ[j] !== EMPTY || adj[j] === 0) continue
      const a = mooreCoordination(g, j)
      if (a > best) {
        best = a
        choice = j
        ties = 1
      } else if (a === best) {
        ties++
        if (rng.nextInt(ties) === 0) choice = j // reservoir sampling among the equal maxima
      }
    }
    if (choice < 0) {
      if (ties === 1) break // nothing at least as good: relaxation ends
      continue // a tie chose to stay this hop
    }
    i = choice
  }
  return i
}

// =====================================================================================================
// Metrics
// =====================================================================================================

interface ShapeMetrics {
  porosity: number
  boxPorosity: number
  roughness: number
  tipRatio: number
  maxHeight: number
  meanHeight: number
}

function substrateMetrics(g: Grid): ShapeMetrics {
  const W = g.W
  const mean = g.sumTop / W
  const variance = Math.max(0, g.sumTop2 / W - mean * mean)
  const hMax = g.hMax
  return {
    // physics.md §9.3: porosity 1 − ρ_rel, ρ_rel = occupied / bounding volume; the bounding volume is the
    // region under the deposit's upper envelope, Σ_x h(x) = W⟨h⟩ (see LatticeResult.porosity).
    porosity: mean > 0 ? Math.max(0, 1 - g.count / (W * mean)) : 0,
    boxPorosity: hMax > 0 ? Math.max(0, 1 - g.count / (W * hMax)) : 0,
    roughness: mean > 0 ? Math.sqrt(variance) / mean : 0, // σ_h/⟨h⟩
    tipRatio: mean > 0 ? hMax / mean : 0, // h_max/⟨h⟩
    maxHeight: hMax,
    meanHeight: mean,
  }
}

function radialMetrics(g: Grid): ShapeMetrics {
  const n = RADIAL_SECTORS
  const mean = g.sumTop / n
  const variance = Math.max(0, g.sumTop2 / n - mean * mean)
  const rMax = g.hMax
  // Envelope area: the 64 wedges bounded by the sector radii (+½ site); box: the disc of radius r_max + ½.
  let envelope = 0
  for (let k = 0; k < n; k++) {
    const r = g.top[k]! + 0.5
    envelope += (Math.PI / n) * r * r
  }
  const disc = Math.PI * (rMax + 0.5) * (rMax + 0.5)
  const mass = g.count + 1 // deposit + seed
  return {
    porosity: g.count > 0 ? Math.max(0, 1 - mass / envelope) : 0,
    boxPorosity: g.count > 0 ? Math.max(0, 1 - mass / disc) : 0,
    roughness: mean > 0 ? Math.sqrt(variance) / mean : 0,
    tipRatio: mean > 0 ? rMax / mean : 0,
    maxHeight: rMax,
    meanHeight: mean,
  }
}

/**
 * Mass–radius (sandbox) fractal dimension D_f: M(r) ∝ r^{D_f}, with M(r) the number of deposit sites within
 * Euclidean distance r of a centre, fitted by least squares on ln M vs ln r over r = r_lo·√2^k ≤ r_hi.
 * - radial: centre = the seed, r from 4 to r_max/2 (Witten & Sander's mass–radius scaling; the outer,
 *   still-growing half of the cluster is excluded).
 * - substrate: M(r) averaged over up to 400 deposit sites (evenly spaced in deposition order) whose whole
 *   disc of radius r_hi lies inside the deposit layer, rows 1 … ⌊⟨h⟩⌋ (x periodic); r from 4 to
 *   r_hi = min(16, (⌊⟨h⟩⌋ − 1)/2). Compact layers give 2; DLA-type deposits < 2.
 * Lattice-scale structure (r < 4, branch width) is excluded from the fit. Returns 0 when the deposit is
 * too small for a fit over at least a factor 2 in r.
 */
function massRadiusDimension(g: {
  W: number
  H: number
  radial: boolean
  occ: Uint8Array
  sites: Int32Array
  count: number
  sumTop: number
  top: Float64Array
  hMax: number
  cx: number
  cy: number
}): number {
  const { W, sites, count } = g
  if (count === 0) return 0
  const radii: number[] = []
  const rLo = 4
  if (g.radial) {
    const rHi = g.hMax / 2
    for (let r = rLo; r <= rHi + 1e-9; r *= Math.SQRT2) radii.push(r)
    if (radii.length < 3) return 0
    const counts = new Float64Array(radii.length)
    counts.fill(1) // the seed itself
    for (let k = 0; k < count; k++) {
      const i = sites[k]!
      const y = (i / W) | 0
      const dx = i - y * W - g.cx
      const dy = y - g.cy
      const d2 = dx * dx + dy * dy
      for (let b = radii.length - 1; b >= 0 && d2 <= radii[b]! * radii[b]!; b--) counts[b]!++
    }
    return slope(
      radii.map((r) => Math.log(r)),
      Array.from(counts, (c) => Math.log(c)),
    )
  }
  const hRef = Math.floor(g.sumTop / g.top.length)
  const rHi = Math.min(16, Math.floor((hRef - 1) / 2))
  for (let r = rLo; r <= rHi + 1e-9; r *= Math.SQRT2) radii.push(r)
  if (radii.length < 3) return 0
  // Window offsets (|offset| ≤ r_hi) tagged with the smallest radius bin that contains them.
  const R = Math.floor(rHi)
  const offX: number[] = []
  const offY: number[] = []
  const offBin: number[] = []
  for (let dy = -R; dy <= R; dy++)
    for (let dx = -R; dx <= R; dx++) {
      const d2 = dx * dx + dy * dy
      let bin = -1
      for (let b = 0; b < radii.length; b++)
        if (d2 <= radii[b]! * radii[b]!) {
          bin = b
          break
        }
      if (bin < 0) continue
      offX.push(dx)
      offY.push(dy)
      offBin.push(bin)
    }
  const eligible: number[] = []
  for (let k = 0; k < count; k++) {
    const y = (sites[k]! / W) | 0
    if (y - R >= 1 && y + R <= hRef) eligible.push(sites[k]!)
  }
  if (eligible.length === 0) return 0
  const MAX_CENTRES = 400
  const stride = Math.max(1, Math.floor(eligible.length / MAX_CENTRES))
  const binCounts = new Float64Array(radii.length)
  let centres = 0
  for (let e = 0; e < eligible.length && centres < MAX_CENTRES; e += stride) {
    const c = eligible[e]!
    const cy = (c / W) | 0
    const cxx = c - cy * W
    centres++
    for (let o = 0; o < offX.length; o++) {
      let x = cxx + offX[o]!
      if (x < 0) x += W
      else if (x >= W) x -= W
      if (g.occ[(cy + offY[o]!) * W + x] === DEPOSIT) binCounts[offBin[o]!]!++
    }
  }
  const lnM: number[] = []
  let cum = 0
  for (let b = 0; b < radii.length; b++) {
    cum += binCounts[b]!
    lnM.push(Math.log(cum / centres))
  }
  return slope(
    radii.map((r) => Math.log(r)),
    lnM,
  )
}

function slope(xs: number[], ys: number[]): number {
  const n = xs.length
  let sx = 0
  let sy = 0
  for (let k = 0; k < n; k++) {
    sx += xs[k]!
    sy += ys[k]!
  }
  const mx = sx / n
  const my = sy / n
  let sxy = 0
  let sxx = 0
  for (let k = 0; k < n; k++) {
    sxy += (xs[k]! - mx) * (ys[k]! - my)
    sxx += (xs[k]! - mx) * (xs[k]! - mx)
  }
  return sxy / sxx
}

function takeSnapshot(g: Grid): { width: number; height: number; rows: string[] } {
  const { W, occ } = g
  const rows: string[] = []
  const glyph = (v: number): string => (v === DEPOSIT ? '#' : v === SUBSTRATE ? (g.radial ? 'o' : '=') : '.')
  if (g.radial) {
    const r = Math.ceil(g.hMax) + 1
    const xa = Math.max(0, g.cx - r)
    const xb = Math.min(W - 1, g.cx + r)
    const ya = Math.max(0, g.cy - r)
    const yb = Math.min(g.H - 1, g.cy + r)
    for (let y = yb; y >= ya; y--) {
      let row = ''
      for (let x = xa; x <= xb; x++) row += glyph(occ[y * W + x]!)
      rows.push(row)
    }
    return { width: xb - xa + 1, height: rows.length, rows }
  }
  const top = Math.min(g.H - 1, Math.ceil(g.hMax))
  for (let y = top; y >= 0; y--) {
    let row = ''
    for (let x = 0; x < W; x++) row += glyph(occ[y * W + x]!)
    rows.push(row)
  }
  return { width: W, height: rows.length, rows }
}

// =====================================================================================================
// Stripping pass → isolated clusters (p_iso proxy)
// =====================================================================================================

/**
 * Stripping pass (physics.md §9.3: "remove sites from the base upward, with the same probabilities mirrored").
 * ⌊f·deposited⌋ deposit sites are removed one at a time among the sites that are exposed to the electrolyte
 * (a nearest neighbour in the empty region connected to the open electrolyte — closed pores only count once
 * stripping opens them) and still electronically connected to the substrate (seed). Each removal
 * mirrors the deposition rule:
 * - with probability p_s (transport-limited, mirror of sticking on first contact) the lowest such site goes
 *   first — dissolution from the base upward, which undercuts trunks and roots;
 * - otherwise (reaction-limited, mirror of the relaxation towards high coordination) a random site among
 *   those of lowest coordination goes — kinks and adatoms dissolve before terraces, i.e. layer-by-layer.
 * Connectivity to the substrate is refreshed every ⌈budget/16⌉ (≥ 32) removals. Returns the number of
 * 4-connected deposit clusters left disconnected from the substrate (p_iso proxy) and their share of the
 * remaining sites.
 */
function stripAndCountIsolated(g: Grid, rng: Xoshiro128, pS: number, fraction: number): { clusters: number; isolatedFraction: number } {
  const { W, H, occ, adj, radial } = g
  const n = g.count
  const budget = Math.floor(fraction * n)
  const size = W * H
  const conn = new Uint8Array(size) // 1 = connected to the substrate (as of the last refresh)
  const queue = new Int32Array(size)
  const nb = new Int32Array(4)
  const nb2 = new Int32Array(4)
  const level = (i: number): number => {
    const y = (i / W) | 0
    if (!radial) return y
    const dx = i - y * W - g.cx
    const dy = y - g.cy
    return Math.sqrt(dx * dx + dy * dy)
  }
  /** Nearest neighbours of i (x periodic for 'substrate'); returns how many were written to `out`. */
  const neighbours = (i: number, out: Int32Array): number => {
    const y = (i / W) | 0
    const x = i - y * W
    let m = 0
    if (x < W - 1) out[m++] = i + 1
    else if (!radial) out[m++] = i - W + 1
    if (x > 0) out[m++] = i - 1
    else if (!radial) out[m++] = i + W - 1
    if (y < H - 1) out[m++] = i + W
    if (y > 0) out[m++] = i - W
    return m
  }
  const refresh = (): void => {
    conn.fill(0)
    let head = 0
    let tail = 0
    if (radial) {
      const s0 = g.cy * W + g.cx
      conn[s0] = 1
      queue[tail++] = s0
    } else {
      for (let x = 0; x < W; x++) {
        conn[x] = 1
        queue[tail++] = x
      }
    }
    while (head < tail) {
      const i = queue[head++]!
      const m = neighbours(i, nb)
      for (let k = 0; k < m; k++) {
        const j = nb[k]!
        if (occ[j] !== EMPTY && conn[j] === 0) {
          conn[j] = 1
          queue[tail++] = j
        }
      }
    }
  }
  // Electrolyte-filled region: empty sites connected to the open space above the deposit (radial: the box edge).
  const wet = new Uint8Array(size)
  const flood = (start: number): void => {
    // BFS over empty, not yet wet sites from `start` (already marked wet); newly wet sites expose their
    // neighbours, which become stripping candidates through `onExposed`.
    let head = 0
    let tail = 0
    queue[tail++] = start
    while (head < tail) {
      const i = queue[head++]!
      const m = neighbours(i, nb)
      for (let k = 0; k < m; k++) {
        const j = nb[k]!
        if (occ[j] === EMPTY) {
          if (wet[j] === 0) {
            wet[j] = 1
            queue[tail++] = j
          }
        } else if (occ[j] === DEPOSIT) onExposed(j)
      }
    }
  }
  let onExposed: (i: number) => void = () => {}
  if (radial) {
    for (let x = 0; x < W; x++)
      for (const y of [0, H - 1])
        if (occ[y * W + x] === EMPTY && wet[y * W + x] === 0) {
          wet[y * W + x] = 1
          flood(y * W + x)
        }
    for (let y = 0; y < H; y++)
      for (const x of [0, W - 1])
        if (occ[y * W + x] === EMPTY && wet[y * W + x] === 0) {
          wet[y * W + x] = 1
          flood(y * W + x)
        }
  } else {
    for (let x = 0; x < W; x++) {
      const i = (H - 1) * W + x
      if (occ[i] === EMPTY && wet[i] === 0) {
        wet[i] = 1
        flood(i)
      }
    }
  }
  const isExposed = (i: number): boolean => {
    const m = neighbours(i, nb2)
    for (let k = 0; k < m; k++) if (wet[nb2[k]!] === 1) return true
    return false
  }
  const eligible = (i: number): boolean => occ[i] === DEPOSIT && conn[i] === 1 && isExposed(i)

  if (budget > 0) {
    const capacity = n + 4 * budget + 1
    // Base-first queue: binary min-heap on the level (y, or r in radial geometry), lazily invalidated.
    const heapSite = new Int32Array(capacity)
    const heapKey = new Float64Array(capacity)
    let heapSize = 0
    const push = (i: number): void => {
      let k = heapSize++
      const key = level(i)
      while (k > 0) {
        const parent = (k - 1) >> 1
        if (heapKey[parent]! <= key) break
        heapKey[k] = heapKey[parent]!
        heapSite[k] = heapSite[parent]!
        k = parent
      }
      heapKey[k] = key
      heapSite[k] = i
    }
    const pop = (): number => {
      const top = heapSite[0]!
      const lastKey = heapKey[--heapSize]!
      const lastSite = heapSite[heapSize]!
      let k = 0
      for (;;) {
        let c = 2 * k + 1
        if (c >= heapSize) break
        if (c + 1 < heapSize && heapKey[c + 1]! < heapKey[c]!) c++
        if (heapKey[c]! >= lastKey) break
        heapKey[k] = heapKey[c]!
        heapSite[k] = heapSite[c]!
        k = c
      }
      heapKey[k] = lastKey
      heapSite[k] = lastSite
      return top
    }
    // Coordination pools (nearest-neighbour count 0…3 of exposed sites), lazily invalidated.
    const pools = [0, 1, 2, 3].map(() => new Int32Array(capacity))
    const poolSize = new Int32Array(4)
    const addCandidate = (i: number): void => {
      push(i)
      const a = adj[i]!
      if (a < 4) pools[a]![poolSize[a]!++] = i
    }

    onExposed = (j: number): void => {
      if (conn[j] === 1) addCandidate(j)
    }
    refresh()
    for (let k = 0; k < n; k++) {
      const i = g.sites[k]!
      if (eligible(i)) addCandidate(i)
    }
    const refreshEvery = Math.max(32, Math.ceil(budget / 16))
    let removed = 0
    let sinceRefresh = 0
    while (removed < budget) {
      let pick = -1
      if (pS >= 1 || rng.next() < pS) {
        while (heapSize > 0) {
          const i = pop()
          if (eligible(i)) {
            pick = i
            break
          }
        }
      } else {
        for (let a = 0; a < 4 && pick < 0; a++) {
          const pool = pools[a]!
          while (poolSize[a]! > 0) {
            const k = rng.nextInt(poolSize[a]!)
            const i = pool[k]!
            if (adj[i] === a && eligible(i)) {
              pick = i
              break
            }
            pool[k] = pool[--poolSize[a]!]! // stale entry (removed, re-filed elsewhere or disconnected)
          }
        }
      }
      if (pick < 0) break // nothing strippable is left connected
      g.remove(pick)
      removed++
      // The freed site joins the electrolyte (it had a wet neighbour) and may open closed pores; every deposit
      // site next to newly wet space, and the neighbours of the freed site, become (re-filed) candidates.
      wet[pick] = 1
      flood(pick)
      if (++sinceRefresh >= refreshEvery) {
        sinceRefresh = 0
        refresh()
      }
    }
  }

  // Count the clusters that lost contact with the substrate.
  refresh()
  const seen = conn // connected sites are already "seen"
  let clusters = 0
  let isolatedSites = 0
  let remaining = 0
  for (let k = 0; k < n; k++) {
    const s0 = g.sites[k]!
    if (occ[s0] !== DEPOSIT) continue
    remaining++
    if (seen[s0] !== 0) continue
    clusters++
    let head = 0
    let tail = 0
    seen[s0] = 1
    queue[tail++] = s0
    while (head < tail) {
      const i = queue[head++]!
      isolatedSites++
      const m = neighbours(i, nb)
      for (let q = 0; q < m; q++) {
        const j = nb[q]!
        if (occ[j] === DEPOSIT && seen[j] === 0) {
          seen[j] = 1
          queue[tail++] = j
        }
      }
    }
  }
  return { clusters, isolatedFraction: remaining > 0 ? isolatedSites / remaining : 0 }
}
