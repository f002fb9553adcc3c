/**
 * Unit algebra: each unit symbol maps to an SI factor and a dimension vector,
 * so `mA cm⁻²`, `mA/cm2` and `A m^-2` all reduce to the same dimension and any
 * compatible spelling converts to the canonical unit of its quantity kind.
 * @module
 */

/** Exponents of the base dimensions [A, m, s, mol, K, kg, e(electron count)]. */
export type Dims = readonly [number, number, number, number, number, number, number]

interface UnitDef { factor: number; dims: Dims }

const D = (A = 0, m = 0, s = 0, mol = 0, K = 0, kg = 0, e = 0): Dims => [A, m, s, mol, K, kg, e]

/** Base symbols (no prefix). Factor converts one of the unit to SI base units. */
const BASE_UNITS: Record<string, UnitDef> = {
  A: { factor: 1, dims: D(1) },
  Ah: { factor: 3600, dims: D(1, 0, 1) },
  C: { factor: 1, dims: D(1, 0, 1) }, // coulomb (C-rate is parsed before unit algebra)
  s: { factor: 1, dims: D(0, 0, 1) },
  sec: { factor: 1, dims: D(0, 0, 1) },
  min: { factor: 60, dims: D(0, 0, 1) },
  h: { factor: 3600, dims: D(0, 0, 1) },
  hr: { factor: 3600, dims: D(0, 0, 1) },
  hour: { factor: 3600, dims: D(0, 0, 1) },
  hours: { factor: 3600, dims: D(0, 0, 1) },
  day: { factor: 86400, dims: D(0, 0, 1) },
  days: { factor: 86400, dims: D(0, 0, 1) },
  week: { factor: 604800, dims: D(0, 0, 1) },
  weeks: { factor: 604800, dims: D(0, 0, 1) },
  m: { factor: 1, dims: D(0, 1) },
  'Å': { factor: 1e-10, dims: D(0, 1) },
  L: { factor: 1e-3, dims: D(0, 3) },
  l: { factor: 1e-3, dims: D(0, 3) },
  mol: { factor: 1, dims: D(0, 0, 0, 1) },
  M: { factor: 1000, dims: D(0, -3, 0, 1) }, // molar, mol/L
  Pa: { factor: 1, dims: D(0, -1, -2, 0, 0, 1) },
  bar: { factor: 1e5, dims: D(0, -1, -2, 0, 0, 1) },
  atm: { factor: 101325, dims: D(0, -1, -2, 0, 0, 1) },
  Torr: { factor: 133.322, dims: D(0, -1, -2, 0, 0, 1) },
  psi: { factor: 6894.76, dims: D(0, -1, -2, 0, 0, 1) },
  g: { factor: 1e-3, dims: D(0, 0, 0, 0, 0, 1) },
  V: { factor: 1, dims: D(-1, 2, -3, 0, 0, 1) },
  W: { factor: 1, dims: D(0, 2, -3, 0, 0, 1) },
  Wh: { factor: 3600, dims: D(0, 2, -2, 0, 0, 1) },
  S: { factor: 1, dims: D(2, -2, 3, 0, 0, -1) },
  'Ω': { factor: 1, dims: D(-2, 2, -3, 0, 0, 1) },
  ohm: { factor: 1, dims: D(-2, 2, -3, 0, 0, 1) },
  K: { factor: 1, dims: D(0, 0, 0, 0, 1) },
  e: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) }, // electrons (dose rates)
}

const PREFIXES: Record<string, number> = {
  p: 1e-12, n: 1e-9, u: 1e-6, m: 1e-3, c: 1e-2, d: 1e-1, k: 1e3, M: 1e6, G: 1e9,
}

/** Own entries only: a symbol such as `constructor` or `toString` is not a unit (it would find Object.prototype's). */
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined)

/** Resolve one symbol such as `mAh`, `cm`, `kPa`, `MPa`, `mM` to its definition, or undefined. */
export function resolveSymbol(symbol: string): UnitDef | undefined {
  const exact = own(BASE_UNITS, symbol)
  if (exact) return exact
  const prefix = own(PREFIXES, symbol[0] ?? '')
  const base = own(BASE_UNITS, symbol.slice(1))
  if (prefix !== undefined && base) return { factor: prefix * base.factor, dims: base.dims }
  return undefined
}

export const addDims = (a: Dims, b: Dims, k = 1): Dims =>
  a.map((x, i) => x + k * (b[i] ?? 0)) as unknown as Dims

export const dimsKey = (d: Dims): string => d.join(',')

/** Quantity kinds the knowledge base uses, with their canonical unit and SI factor of that unit. */
export const QUANTITY_KINDS = {
  currentDensity: { unit: 'mA/cm2', si: 10, dims: D(1, -2) },
  current: { unit: 'mA', si: 1e-3, dims: D(1) },
  arealCapacity: { unit: 'mAh/cm2', si: 36000, dims: D(1, -2, 1) },
  charge: { unit: 'mAh', si: 3.6, dims: D(1, 0, 1) },
  concentration: { unit: 'M', si: 1000, dims: D(0, -3, 0, 1) },
  pressure: { unit: 'Pa', si: 1, dims: D(0, -1, -2, 0, 0, 1) },
  modulus: { unit: 'GPa', si: 1e9, dims: D(0, -1, -2, 0, 0, 1) },
  temperature: { unit: '°C', si: 1, dims: D(0, 0, 0, 0, 1) },
  time: { unit: 's', si: 1, dims: D(0, 0, 1) },
  length: { unit: 'um', si: 1e-6, dims: D(0, 1) },
  area: { unit: 'um2', si: 1e-12, dims: D(0, 2) },
  voltage: { unit: 'V', si: 1, dims: D(-1, 2, -3, 0, 0, 1) },
  sweepRate: { unit: 'mV/s', si: 1e-3, dims: D(-1, 2, -4, 0, 0, 1) },
  electronDose: { unit: 'e/A2/s', si: 1e20, dims: D(0, -2, -1, 0, 0, 0, 1) },
  specificEnergy: { unit: 'Wh/kg', si: 3600, dims: D(0, 2, -2) },
  specificCapacity: { unit: 'mAh/g', si: 3600, dims: D(1, 0, 1, 0, 0, -1) },
  density: { unit: 'g/cm3', si: 1000, dims: D(0, -3, 0, 0, 0, 1) },
  conductivity: { unit: 'mS/cm', si: 0.1, dims: D(2, -3, 3, 0, 0, -1) },
  arealResistance: { unit: 'ohm cm2', si: 1e-4, dims: D(-2, 4, -3, 0, 0, 1) },
} as const

export type DimensionalKind = keyof typeof QUANTITY_KINDS

/** Dimensionless kinds, recognised by their unit word rather than by algebra. */
export const FRACTION_KINDS = {
  massFraction: { unit: 'wt%', pattern: /^(wt\.?\s?%|%\s?(w\/w|by weight|wt))$/i },
  volumeFraction: { unit: 'vol%', pattern: /^(vol\.?\s?%|v\/v\s?%|%\s?(v\/v|by volume|vol))$/i },
  moleFraction: { unit: 'mol%', pattern: /^(mol\.?\s?%|%\s?mol)$/i },
  percent: { unit: '%', pattern: /^%$/ },
  cRate: { unit: 'C', pattern: /(?!)/ }, // never matched here: C/3, 1C are parsed before
} as const

export type FractionKind = keyof typeof FRACTION_KINDS
export type QuantityKind = DimensionalKind | FractionKind

const kindByDims = new Map<string, DimensionalKind>()
for (const [kind, def] of Object.entries(QUANTITY_KINDS) as [DimensionalKind, (typeof QUANTITY_KINDS)[DimensionalKind]][]) {
  if (kind === 'modulus') continue // shares pressure's dimensions; only chosen when asked for
  kindByDims.set(dimsKey(def.dims), kind)
}

/** The quantity kind whose dimensions these are (pressure for stress dimensions), or undefined. */
export const kindForDims = (d: Dims): DimensionalKind | undefined => kindByDims.get(dimsKey(d))
