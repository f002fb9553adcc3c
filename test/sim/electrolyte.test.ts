import { describe, expect, test } from 'vitest'
import {
  capiglia1999,
  electrolyteProperties,
  landesfeind2019,
  nyman2008,
  transportPropertyFunctions,
  valoen2005,
} from '../../src/sim/electrolyte.ts'

const T25 = 298.15
/** |actual/expected − 1| ≤ tol. */
function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

// physics.md §2.2 property table at 25 °C, 1 M; all [C], asserted to ±0.5 %.
describe('CP2.x property table (physics.md §2.2, ±0.5 %)', () => {
  const rows: { name: string; p: { kappa_S_m: number; D_m2_s: number; tPlus: number; tdf: number }; kappa: number; D: number; tPlus: number; tdf?: number }[] = [
    { name: 'Valøen PC:EC:DMC', p: valoen2005(1, T25), kappa: 1.19, D: 3.22e-10, tPlus: 0.38, tdf: 2.13 },
    { name: 'Landesfeind EC:DMC 1:1', p: landesfeind2019('EC_DMC_1_1', 1, T25), kappa: 1.18, D: 2.91e-10, tPlus: 0.325, tdf: 2.2 },
    { name: 'Landesfeind EC:EMC 3:7', p: landesfeind2019('EC_EMC_3_7', 1, T25), kappa: 0.913, D: 2.89e-10, tPlus: 0.221, tdf: 2.18 },
    { name: 'Nyman EC:EMC 3:7', p: nyman2008(1, T25), kappa: 0.949, D: 1.77e-10, tPlus: 0.259, tdf: 1 },
    { name: 'Capiglia EC:DMC', p: capiglia1999(1, T25), kappa: 1.105, D: 2.79e-10, tPlus: 0.4 },
    { name: 'Landesfeind EMC:FEC 19:1', p: landesfeind2019('EMC_FEC_19_1', 1, T25), kappa: 0.553, D: 3.07e-10, tPlus: 0.129, tdf: 1.16 },
  ]
  for (const r of rows) {
    test(`CP2.x ${r.name}`, () => {
      expectRel(r.p.kappa_S_m, r.kappa, 0.005)
      expectRel(r.p.D_m2_s, r.D, 0.005)
      expectRel(r.p.tPlus, r.tPlus, 0.005)
      if (r.tdf !== undefined) expectRel(r.p.tdf, r.tdf, 0.005)
    })
  }

  test('CP2.x Valøen temperature examples (0 / 25 / 40 °C)', () => {
    expectRel(valoen2005(1, 273.15).D_m2_s, 9.35e-11, 0.005)
    expectRel(valoen2005(1, 313.15).D_m2_s, 4.65e-10, 0.005)
    expectRel(valoen2005(1, 273.15).kappa_S_m, 0.71, 0.005)
    expectRel(valoen2005(1, 313.15).kappa_S_m, 1.52, 0.005)
  })

  test('CP2.x Landesfeind EC:EMC at 40 °C', () => {
    const p = landesfeind2019('EC_EMC_3_7', 1, 313.15)
    expectRel(p.D_m2_s, 4.02e-10, 0.005)
    expectRel(p.kappa_S_m, 1.14, 0.005)
    expectRel(p.tPlus, 0.355, 0.005)
  })
})

describe('CP2.neg clamp and warning (physics.md §2.1(b) pitfall)', () => {
  test('CP2.neg raw Landesfeind t+ is negative at 0 °C, 1 M (EC:EMC −0.17, EMC:FEC −0.22)', () => {
    expect(landesfeind2019('EC_EMC_3_7', 1, 273.15).tPlus).toBeCloseTo(-0.17, 2)
    expect(landesfeind2019('EMC_FEC_19_1', 1, 273.15).tPlus).toBeCloseTo(-0.22, 2)
  })

  test('CP2.neg electrolyteProperties clamps t+ to 0.05 and warns', () => {
    const p = electrolyteProperties('LiPF6_EC_EMC_3_7', 'Landesfeind2019', 1, 273.15)
    expect(p.tPlus).toBe(0.05)
    expect(p.warnings.some((w) => w.startsWith('property_extrapolated') && w.includes('t+'))).toBe(true)
  })

  test('concentration and temperature outside the fit window are clamped with a warning', () => {
    const p = electrolyteProperties('LiPF6_PC_EC_DMC', 'Valoen2005', 6, 350)
    expect(p.warnings.filter((w) => w.startsWith('property_extrapolated'))).toHaveLength(2)
    const inside = valoen2005(4, 333.15)
    expect(p.D_m2_s).toBeCloseTo(inside.D_m2_s, 20)
  })

  test('no warning inside the validity window', () => {
    expect(electrolyteProperties('LiPF6_EC_DMC_1_1', undefined, 1, T25).warnings).toEqual([])
  })
})

describe('constant-property electrolytes (physics.md §2.3)', () => {
  test('Arrhenius 17 kJ/mol: D(40 °C)/D(25 °C) = exp(17000/R (1/298.15 − 1/313.15))', () => {
    const a = electrolyteProperties('LiTFSI_DOL_DME', 'constant', 1, T25)
    const b = electrolyteProperties('LiTFSI_DOL_DME', 'constant', 1, 313.15)
    expectRel(b.D_m2_s / a.D_m2_s, Math.exp((17_000 / 8.314462618) * (1 / 298.15 - 1 / 313.15)), 1e-9)
    expect(a.kappa_S_m).toBeCloseTo(1.1, 10)
  })

  test('constants used far from their nominal concentration raise a warning', () => {
    expect(electrolyteProperties('LiFSI_DME', 'constant', 4, T25).warnings.length).toBe(1)
  })

  test('PEO–LiTFSI: 0.1 S/m at 80 °C, semicrystalline (≤ 1e-3 S/m) at 25 °C with a warning', () => {
    expect(electrolyteProperties('PEO_LiTFSI', 'VTF', 1.1, 353.15).kappa_S_m).toBeCloseTo(0.1, 10)
    const rt = electrolyteProperties('PEO_LiTFSI', 'VTF', 1.1, T25)
    expect(rt.kappa_S_m).toBeLessThan(1e-3)
    expect(rt.kappa_S_m).toBeGreaterThan(1e-5)
    expect(rt.warnings.length).toBeGreaterThan(0)
  })

  test('frozen property functions are constant; live ones follow the correlation', () => {
    const frozen = transportPropertyFunctions('LiPF6_EC_DMC_1_1', 'Landesfeind2019', T25, 1)
    expect(frozen.D(100)).toBe(frozen.D(1500))
    const live = transportPropertyFunctions('LiPF6_EC_DMC_1_1', 'Landesfeind2019', T25)
    expectRel(live.kappa(1000), 1.18, 0.005)
    expect(live.D(500)).not.toBe(live.D(1500))
  })
})
