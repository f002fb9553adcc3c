/**
 * The single calibration table of the simulator: every [E] knob of physics.md (engineering
 * default or calibration parameter, not a literature value), with its unit, a note on what it
 * means and the checkpoints it was tuned on (physics.md §10.6: "Keep every [E] parameter in a
 * single, versioned calibration table with the checkpoint IDs it was tuned on").
 *
 * Tests assert checkpoints, never these values.
 *
 * @module
 */

export interface CalibrationEntry<T> {
  value: T
  unit: string
  note: string
  /** Checkpoint ids (physics.md §11) or anchors this value was tuned on; [] = plain default. */
  tunedOn: readonly string[]
}

/** Piecewise table of (x, y) knots. */
export type Knots = readonly (readonly [number, number])[]

/**
 * Piecewise interpolation through knots sorted by x: linear in y, or linear in ln y (`log`).
 * Outside the knots: extrapolate the end segments (`extrapolate`) or hold the end values.
 */
export function interpolateKnots(knots: Knots, x: number, options: { log: boolean; extrapolate: boolean }): number {
  const n = knots.length
  const first = knots[0]
  const last = knots[n - 1]
  if (!first || !last) throw new Error('interpolateKnots: empty table')
  if (n === 1 || (!options.extrapolate && x <= first[0])) return first[1]
  if (!options.extrapolate && x >= last[0]) return last[1]
  let i = 1
  while (i < n - 1 && x > (knots[i]?.[0] ?? Infinity)) i++
  const a = knots[i - 1] ?? first
  const b = knots[i] ?? last
  const t = (x - a[0]) / (b[0] - a[0])
  return options.log ? Math.exp(Math.log(a[1]) + t * (Math.log(b[1]) - Math.log(a[1]))) : a[1] + t * (b[1] - a[1])
}

const e = <T>(value: T, unit: string, note: string, tunedOn: readonly string[] = []): CalibrationEntry<T> => ({ value, unit, note, tunedOn })

/**
 * Calibration table version; bump when a value changes. The CE knobs (Γ, Q_fix knots, p_iso anchors,
 * accessibility, transient) were fitted jointly by a constrained random search on the CP6.1–CP6.7 and CP8.3
 * targets, with a prior pulling them towards the physics.md §6.3 defaults.
 */
export const CALIBRATION_VERSION = '2025.1'

export const CAL = {
  // --- inputs and defaults ---------------------------------------------------------------
  defaultStackPressure_kPa: e(150, 'kPa', 'assumed coin-cell spring pressure, 0.1–0.3 MPa (physics.md §8.1)'),
  liExcessFoil_mAh_cm2: e(50, 'mAh/cm2', 'Li foil counter electrode ≈ 250 µm (Li‖Cu, Li‖Li)'),
  liExcessLiCathode_mAh_cm2: e(10, 'mAh/cm2', 'thin Li anode ≈ 50 µm (Li‖cathode)'),
  polymerThickness_um: e(100, 'µm', 'polymer electrolyte film thickness when not given'),
  electrolyteDensity_g_mL: e(1.2, 'g/mL', 'electrolyte density for additive M → wt% conversion'),

  // --- §2 transport ----------------------------------------------------------------------
  dualSaltKappa_S_m: e(0.5, 'S/m', 'DualSalt LiDFOB/LiBF4 FEC:DEC conductivity (no §2.3 entry; carbonate-like)'),
  dualSaltD_m2_s: e(2.5e-10, 'm2/s', 'DualSalt salt diffusivity (carbonate-like)'),
  dualSaltTPlus: e(0.35, '1', 'DualSalt transference number (carbonate-like)'),
  polymerVtfB_K: e(1000, 'K', 'VTF pseudo-activation B (physics.md §2.3)'),
  polymerVtfT0_K: e(175, 'K', 'VTF T0 = Tg − 50 K with Tg(PEO–LiTFSI, r≈0.05) ≈ 225 K [L]'),
  polymerMeltingPoint_K: e(333.15, 'K', 'PEO crystallite melting ≈ 60 °C [L]; logistic width 5 K'),
  polymerCrystallinePenalty: e(0.05, '1', 'conductivity factor of the crystalline fraction below T_m; gives 1e-6–1e-5 S/cm at RT (§2.3)'),

  // --- §3 Chazalviel ---------------------------------------------------------------------
  pulseTransitGain: e(1.5, '1', 'dendrite-length reduction by pulses: transit × (1 + 1.5 g) → 2.5× at g = 1', ['CP9.7 (Aryanfar 2014 2.5×)']),

  // --- §4 nucleation ---------------------------------------------------------------------
  nucleationJ0_mA_cm2: e(0.5, 'mA/cm2', 'effective nucleation exchange current j0_n, carbonates (physics.md §4.2 default)', ['§4.3 50–150 mV on Cu at 0.5–1 mA/cm²']),
  nucleationJ0Ether_mA_cm2: e(1.0, 'mA/cm2', 'j0_n in ethers/HCE/LHCE (lower η_n than carbonates, §4.3)'),
  nucleationJ0Polymer_mA_cm2: e(0.1, 'mA/cm2', 'j0_n in polymer electrolytes'),
  interfacialKineticsActivation_J_mol: e(40_000, 'J/mol', 'Arrhenius of j0 and j0_n (physics.md §8.3: 30–60 kJ/mol)'),
  liSurfaceEnergy_J_m2: e(0.45, 'J/m2', 'γ Li/electrolyte (physics.md §4.3 default, 0.2–0.5)', ['CP4.5']),
  embryoRadius_nm: e(1, 'nm', 'Ely–García embryo size r0 (η0 ≈ 0.12 V)'),
  nucleusSizeActivation_J_mol: e(15_000, 'J/mol', 'E_d of the deposit-size temperature factor (physics.md §4.3: 10–20)', ['CP4.4', 'CP8.5']),
  peiReferenceOverpotential_V: e(0.1, 'V', 'η_ref of the Pei scaling (≈1 mA/cm² on Cu, carbonate)'),
  peiReferenceDiameter_um: e(0.75, 'µm', 'd_ref at η_ref (physics.md §4.3: 0.5–1 µm)'),
  peiReferenceDensity_cm2: e(3e7, 'cm-2', 'N_ref at η_ref (physics.md §4.3: 1e7–1e8)'),
  peiMinOverpotential_V: e(0.01, 'V', 'below this the barrier does not set the nucleus size (alloying substrates)'),

  // --- §5 solids --------------------------------------------------------------------------
  porzFocusingFactor: e(10, '1', 'current-focusing factor β of the Porz CCD (physics.md §5.2)'),
  ccdAsrScale_ohm_cm2: e(50, 'Ω·cm2', 'ASR_0 of CCD = CCD_0 exp(−ASR/ASR_0) (Flatscher form)', ['CP5.1', 'CP5.2']),
  ccdActivation_J_mol: e(45_000, 'J/mol', 'CCD Arrhenius (physics.md §5.4: 30–60 kJ/mol)', ['§5.4 LLZO 0.5–3 mA/cm² at 60–100 °C with interlayer']),
  ccdPressureGain: e(1, '1', 'max relative CCD gain from stack pressure (contact)'),
  ccdPressureHalf_MPa: e(5, 'MPa', 'pressure of half the CCD gain'),
  sulfideCreepPressure_MPa: e(25, 'MPa', 'Li creeps into sulfides above ≈25 MPa (Doux 2020 [L])'),
  liCreepActivation_J_mol: e(37_000, 'J/mol', 'Li power-law creep activation Q ≈ 37 kJ/mol [L] used for J_void(T)'),
  voidPressureCoefficient: e(0.0058, 'mA/cm2/MPa^n', 'k_P of J_void = J_void,0 + k_P P^n', ['CP5.5', 'Kasemchainan 0.2 @ 3 MPa, 1 @ 7 MPa']),
  voidPressureExponent: e(2.59, '1', 'n of J_void = J_void,0 + k_P P^n', ['CP5.5']),
  voidDepth_um: e(5, 'µm', 'characteristic void depth: lost thickness / depth = new void area fraction'),
  voidHealPressure_MPa: e(5, 'MPa', 'creep refill per cycle P/(P + P_heal)'),
  voidIsolation: e(0.05, '1', 'Li isolated per unit of new void area fraction'),
  solidIsolation: e(0.002, '1', 'per-cycle isolation probability at a planar SE interface'),
  solidFixedLoss_mAh_cm2: e(0.002, 'mAh/cm2', 'per-cycle fixed loss at a SE interface'),
  solidFirstCycleLossReactive_mAh_cm2: e(0.03, 'mAh/cm2', 'first-contact interphase of sulfides'),
  solidFirstCycleLossStable_mAh_cm2: e(0.005, 'mAh/cm2', 'first-contact loss of garnet / LiPON'),
  solidInterphaseScaleReactive: e(1e4, '1', 'scale of the √t interphase law for sulfides (vs the PyBaMM graphite law)'),
  solidInterphaseScaleStable: e(10, '1', 'scale of the √t interphase law for LLZO/LiPON'),

  // --- §7.2 SEI index ---------------------------------------------------------------------
  fecInNonCarbonateFactor: e(0.5, '1', 'FEC ΔS outside carbonates (§7.2 gives +0.20 for carbonates only)'),
  lino3InCarbonateFactor: e(0.3, '1', 'LiNO3 ΔS in carbonates (poor solubility; §7.2 gives +0.30 for ethers)'),

  // --- §6 dead Li and CE ------------------------------------------------------------------
  seiGammaCarbonate_mol_m2: e(1.1e-4, 'mol/m2', 'Γ_SEI at S = 0.25. Lowered from the §6.3 default 1.5e-3: with it a 0.3 µm whisker deposit alone loses ~39 % per cycle, contradicting CE 80–92 % and f_dead > f_SEI (Fang 2019)', ['CP6.1', 'CP6.6']),
  seiGammaInorganic_mol_m2: e(2e-5, 'mol/m2', 'Γ_SEI at S = 0.8 (LiF/Li3N-rich SEI); log-linear in S (§6.3 default 0.5e-3, lowered as above)', ['CP6.2', 'CP6.3', 'CP6.7']),
  seiGammaActivation_J_mol: e(10_000, 'J/mol', 'temperature factor of fresh-SEI Li content'),
  seiReformation: e(0.5, '1', 'r_reform: SEI re-formed on surfaces re-exposed by stripping (physics.md §6.3)'),
  seiAccessibilityExponent: e(0.5, '1', 'q of the accessible-area factor ((1 − ρ_rel)/(1 − ρ0))^q of pressed deposits', ['CP8.3']),
  seiAccessibilityFloor: e(0.85, '1', 'floor of the accessible-area factor: pressing closes at most 15 % of the isolation/SEI area; the CP8.3 pressure gain then comes mainly through the compactness K', ['CP8.3', 'CP6.7']),
  seiCalendarScale: e(200, '1', 'k_Li ≫ 1 of the solvent-diffusion law on Li metal (physics.md §7.1 caveat)'),
  depositSizeAnchors: e<Knots>(
    [
      [0.175, 0.3],
      [0.475, 1],
      [0.725, 5],
      [0.925, 15],
    ],
    '[K, µm]',
    'd_dep class anchors at 1 mA/cm², 25 °C: whisker/mossy/granular/columnar at class centres (physics.md §6.3)',
    ['CP6.1', 'CP6.5'],
  ),
  depositSizeCurrentExponent: e(-0.5, '1', 'd_dep ∝ (J/1 mA cm⁻²)^−0.5 (physics.md §6.3)', ['CP6.5']),
  isolationAnchors: e<Knots>(
    [
      [0.175, 0.13],
      [0.475, 0.08],
      [0.725, 0.016],
      [0.925, 0.002],
    ],
    '[K, 1]',
    'p_iso class anchors whisker/mossy/granular/columnar (§6.3 defaults 0.08/0.04/0.01/0.002, raised for the low classes); dendritic uses dendriticIsolation',
    ['CP6.1', 'CP6.6'],
  ),
  dendriticIsolation: e(0.15, '1', 'p_iso of dendritic deposits (physics.md §6.3)'),
  fixedLossKnots: e<Knots>(
    [
      [0.1, 0.078],
      [0.25, 0.043],
      [0.5, 0.017],
      [0.8, 0.0055],
      [0.95, 0.00016],
    ],
    '[S, mAh/cm2]',
    'steady per-cycle fixed loss Q_fix(S), log-linear between knots. §6.3 gives 0.005–0.03 (carbonate high, HCE low); the carbonate/PC knots sit above that range to reach the CP6.1 CE bands with the CP8.3 pressure sensitivity',
    ['CP6.1', 'CP6.2', 'CP6.3', 'CP6.4', 'CP6.7'],
  ),
  fixedLossTransient: e(4, '1', 'extra fixed loss of a fresh cell: Q_fix,n = Q_fix (1 + A e^{−Q_cum/Q_stab}) (Adams 2018: stabilization)', ['CP6.3', 'CP6.4', 'CP6.7']),
  fixedLossStabilization_mAh_cm2: e(16, 'mAh/cm2', 'Q_stab: cumulative plated charge that stabilizes the interface (larger Q per cycle → faster, Adams 2018)', ['CP6.3']),
  isolationSeiExponent: e(0.35, '1', 'p_iso × ((1 − S)/0.75)^m: LiF/Li3N-rich SEI lowers isolation (physics.md §7.2: S feeds p_iso)', ['CP6.1', 'CP6.7']),
  isolationCurrentExponent: e(0.5, '1', 'p_iso ∝ (J/1 mA cm⁻²)^m (physics.md §6.2 p_iso(class, ρ, J, T)); same exponent as d_dep keeps f_dead/f_SEI J-independent', ['CP6.5', 'CP6.6']),
  firstCycleLoss_mAh_cm2: e(0.02, 'mAh/cm2', 'SEI on the bare current collector in cycle 1 (× Γ/Γ_carbonate)'),
  deadLiRelativeDensity: e(0.4, '1', 'ρ_dead of the dead-Li layer (physics.md §6.2: 0.3–0.5)'),

  // --- §8 pressure ------------------------------------------------------------------------
  compactionPressureGoodSei_kPa: e(60, 'kPa', 'P_c for S ≥ 0.7 (physics.md §8.1)', ['CP8.1']),
  compactionPressurePoorSei_kPa: e(150, 'kPa', 'P_c for S ≤ 0.25 (physics.md §8.1)', ['CP8.3']),
  zeroPressureDensityKnots: e<Knots>(
    [
      [0.175, 0.3],
      [0.475, 0.5],
      [0.725, 0.7],
      [0.925, 0.8],
    ],
    '[K0, ρ0]',
    'ρ0 at ~0 kPa by class (whisker 0.3, mossy 0.5, granular 0.7, physics.md §8.1; columnar 0.8)',
    ['CP8.1'],
  ),
  highPressurePenaltySlope_per_MPa: e(0.5, '1/MPa', 'isolation-loss multiplier slope above 1.4 MPa (RSC Adv. 2020 cycle-life penalty)', ['CP8.3']),

  // --- §10.3 morphology classifier ---------------------------------------------------------
  morphologyWeights: e(
    {
      sei: 3.0,
      pressure: 2.0,
      nucleusSize: 0.8,
      temperature: 0.6,
      lithiophilic: 0.8,
      current: 0.7,
      anionSolvation: 0.5,
      tipShield: 0.6,
      pulse: 0.5,
    } as const,
    '1',
    'z weights of physics.md §10.3 (tipShield and pulse are additions)',
    ['§10.3 anchor table', 'CsPF6 "one class up" (Ding 2013)'],
  ),

  // --- §9.3 lattice mapping ----------------------------------------------------------------
  latticeDriftScale: e(0.5, '1', 'β0 of β = β0 (1 − J_lim/J) above J_lim'),
  pulseDriftReduction: e(0.6, '1', 'β × (1 − 0.6 g) for pulsed plating'),
  latticeRelaxHops: e(5, '1', 'n0 of n_relax = n0 S exp(E_s/R (1/T_ref − 1/T)) (physics.md §9.3)'),
  surfaceDiffusionActivation_J_mol: e(20_000, 'J/mol', 'E_s of n_relax'),
  latticeMinSticking: e(0.1, '1', 'floor of p_s: cost cap for the 50 ms detailed budget (reaction-limited p_s ≪ 0.1 are all "compact")', ['detailed-mode budget']),
  latticeParticles: e(4000, 'particles', 'deposit size on the 200×200 grid (~20 compact rows): cost cap for the 50 ms detailed budget', ['detailed-mode budget']),
  pulseTimeScale_ms: e(5, 'ms', 'τ_p of g = exp(−t_on/τ_p): 1 ms pulses effective, 20 ms not (Aryanfar 2014)', ['CP9.7']),

  // --- §10.4 short risk --------------------------------------------------------------------
  separatorAccommodation: e(1.5, '1', 'k_sep: deposit + dead Li the separator/pressure can accommodate, × L_sep'),
  chazalvielGeometricTortuosity: e('tau' as 'tau' | 'sqrtTau', '-', 'τ_g = τ (physics.md §3.2: τ or √τ)', ['CP3.3']),
} as const

export type CalibrationKey = keyof typeof CAL

/** The table as rows (for documentation and the API). */
export function calibrationTable(): { key: CalibrationKey; value: unknown; unit: string; note: string; tunedOn: readonly string[] }[] {
  return (Object.keys(CAL) as CalibrationKey[]).map((key) => ({ key, ...CAL[key] }))
}
