/**
 * Map a researcher's configuration (material ids) onto the simulator's input
 * (its electrolyte, additive, substrate and coating classes). Where the
 * simulator has no exact counterpart the nearest class is used and the choice
 * is reported as an assumption, never silently.
 * @module
 */
import type { CellConfigInput } from '../sim/config.ts'
import type { PredictionConfig } from './configuration.ts'

export interface MappingNote { field: string; value: string; reason: string }

type SimElectrolyteId = CellConfigInput['electrolyte']['id']
type SimMetal = NonNullable<NonNullable<CellConfigInput['substrate']>['metal']>
type SimCoating = NonNullable<NonNullable<NonNullable<CellConfigInput['substrate']>['coating']>['type']>

/** Solid and polymer electrolytes: KB material id → simulator id. */
const SOLIDS: Record<string, { id: SimElectrolyteId; kind: 'solid' | 'polymer'; note?: string }> = {
  LLZTO: { id: 'LLZTO', kind: 'solid' },
  LLZO: { id: 'LLZO', kind: 'solid' },
  'LLZO-Al': { id: 'LLZO', kind: 'solid', note: 'Al-doped LLZO modelled with the LLZO garnet parameters' },
  'LPS-glass': { id: 'LPS_glass', kind: 'solid' },
  'Li2S-P2S5': { id: 'LPS_glass', kind: 'solid', note: 'Li2S–P2S5 modelled as LPS glass' },
  'beta-Li3PS4': { id: 'LPS_glass', kind: 'solid', note: 'crystalline β-Li3PS4 modelled with the LPS glass parameters' },
  Li6PS5Cl: { id: 'Li6PS5Cl', kind: 'solid' },
  LiPON: { id: 'LiPON', kind: 'solid' },
  'SPE-LiTFSI': { id: 'PEO_LiTFSI', kind: 'polymer', note: 'LiTFSI solid polymer electrolyte modelled as PEO–LiTFSI' },
  PEO: { id: 'PEO_LiTFSI', kind: 'polymer' },
}

const SIM_ADDITIVES = new Set(['FEC', 'LiNO3', 'CsPF6', 'LiDFOB', 'LiPO2F2', 'VC'])

const METALS: Record<string, { metal: SimMetal; note?: string }> = {
  Cu: { metal: 'Cu' }, Ni: { metal: 'Ni' }, W: { metal: 'W' }, SS: { metal: 'SS' }, Ti: { metal: 'Ti' }, Mo: { metal: 'Mo' },
  Pt: { metal: 'Pt' }, Au: { metal: 'Au' }, Ag: { metal: 'Ag' }, In: { metal: 'In' }, Mg: { metal: 'Mg' }, Al: { metal: 'Al' },
  Zn: { metal: 'Zn' }, Sn: { metal: 'Sn' }, Si: { metal: 'Si' }, Li: { metal: 'Li' },
  GC: { metal: 'C', note: 'glassy carbon modelled as carbon' },
  graphite: { metal: 'C' },
  brass: { metal: 'Cu', note: 'brass modelled as an inert Cu-like collector' },
  Cr: { metal: 'Ni', note: 'Cr is lithiophobic (Cui 2022); modelled with the inert-metal class (Ni)' },
  Bi: { metal: 'Ni', note: 'Bi is classed lithiophobic by Cui 2022; modelled with the inert-metal class (Ni)' },
  Pd: { metal: 'Ag', note: 'Pd is classed lithiophilic by Cui 2022; modelled with the solid-solution class (Ag)' },
}

const COATINGS: Record<string, { type: SimCoating; note?: string }> = {
  Ag: { type: 'Ag' }, Au: { type: 'Au' }, Al2O3: { type: 'Al2O3' }, LiF: { type: 'LiF' }, Li3N: { type: 'Li3N' },
  Sb: { type: 'Ag', note: 'Sb alloys with Li and lowers the nucleation overpotential (Sandoval 2021); modelled as a lithiophilic alloy coating' },
  LixSi: { type: 'Ag', note: 'LixSi is a Li-alloy, ion-conducting layer (Tang 2018); modelled as a lithiophilic alloy coating' },
  Li3Mg7: { type: 'Ag', note: 'Li3Mg7 is a lithiophilic Li–Mg host (Zhang 2021); modelled as a lithiophilic alloy coating' },
  'SEI@GNR': { type: 'LiF', note: 'SEI@GNR carries a LiF/Li3N/Li2S-rich SEI (Shi 2024); modelled as an inorganic LiF-type coating' },
  'N-HPCS': { type: 'carbon' },
}

/** The simulator's liquid electrolyte for a salt/solvent composition. */
function liquidId(c: PredictionConfig, notes: MappingNote[]): SimElectrolyteId {
  const salts = new Set(c.electrolyte.salts.map((s) => s.id))
  const solvents = new Set(c.electrolyte.solvents.map((s) => s.id))
  const conc = c.electrolyte.salts[0]?.concentration_M
  const has = (...ids: string[]) => ids.every((i) => solvents.has(i))
  const pick = (id: SimElectrolyteId, reason?: string): SimElectrolyteId => {
    if (reason) notes.push({ field: '/electrolyte', value: id, reason })
    return id
  }
  if (salts.has('LiFSI')) {
    if (has('DME')) return (conc ?? 1) >= 3 ? pick('LiFSI_DME_HCE') : pick('LiFSI_DME')
    return pick('LiFSI_DME', 'LiFSI without DME: modelled as 1 M LiFSI in DME')
  }
  if (salts.has('LiTFSI')) {
    if (has('DOL', 'DME') || has('DME') || has('DOL')) return pick('LiTFSI_DOL_DME')
    return pick('LiTFSI_DOL_DME', 'LiTFSI in another solvent (e.g. DMSO, TEGDME): modelled with the LiTFSI DOL:DME ether constants')
  }
  if (salts.size === 0 && solvents.size === 0) return pick('LiPF6_EC_DMC_1_1', 'no electrolyte given: assumed 1 M LiPF6 in EC:DMC 1:1 (the most common in the knowledge base)')
  if (salts.size > 0 && !salts.has('LiPF6')) return pick('LiPF6_EC_DMC_1_1', `salt ${[...salts].join(', ')} has no transport data in the simulator: modelled as LiPF6 carbonate`)
  if (has('EMC', 'FEC') && !solvents.has('EC')) return pick('LiPF6_EMC_FEC_19_1')
  if (has('EC', 'DMC') && solvents.has('PC')) return pick('LiPF6_PC_EC_DMC')
  if (has('EC', 'DMC')) return pick('LiPF6_EC_DMC_1_1')
  if (has('EC', 'EMC')) return pick('LiPF6_EC_EMC_3_7', solvents.size > 2 ? 'multi-solvent carbonate/ether blend modelled as LiPF6 EC:EMC' : undefined)
  if (has('EC', 'DEC')) return pick('LiPF6_EC_DEC_1_1')
  if (has('PC')) return pick('LiPF6_PC')
  return pick('LiPF6_EC_DMC_1_1', `solvents ${[...solvents].join(', ') || 'unspecified'}: modelled as LiPF6 in EC:DMC`)
}

/** Build the simulator input; returns the notes on every approximation made. */
export function toSimInput(c: PredictionConfig): { input: CellConfigInput; notes: MappingNote[] } {
  const notes: MappingNote[] = []
  const solid = c.electrolyte.solid ? SOLIDS[c.electrolyte.solid.id] : undefined
  if (c.electrolyte.solid && !solid) {
    notes.push({ field: '/electrolyte/solid', value: 'LLZO', reason: `solid electrolyte "${c.electrolyte.solid.id}" has no simulator parameters: modelled as LLZO` })
  }
  if (solid?.note) notes.push({ field: '/electrolyte/solid', value: solid.id, reason: solid.note })
  const isSolid = c.electrolyte.solid !== undefined
  const electrolyteId = isSolid ? (solid?.id ?? 'LLZO') : liquidId(c, notes)
  const kind = isSolid ? (solid?.kind ?? 'solid') : 'liquid'

  const additives = c.electrolyte.additives.flatMap((a) => {
    if (!SIM_ADDITIVES.has(a.id)) {
      notes.push({ field: '/electrolyte/additives', value: a.id, reason: `additive "${a.id}" is not modelled by the simulator and is ignored there (rules and evidence still see it)` })
      return []
    }
    const amount = a.amount ?? (a.unit === 'M' ? 0.05 : 5)
    if (a.amount === undefined) notes.push({ field: '/electrolyte/additives', value: `${amount} ${a.unit ?? 'wt%'}`, reason: `no amount given for ${a.id}: assumed a typical additive level` })
    return [{ id: a.id as 'FEC', amount, unit: a.unit === 'M' ? 'M' as const : 'wt%' as const }]
  })

  let metal: SimMetal | undefined
  if (c.substrate) {
    const m = METALS[c.substrate]
    if (m) { metal = m.metal; if (m.note) notes.push({ field: '/substrate', value: m.metal, reason: m.note }) }
    else notes.push({ field: '/substrate', value: 'Cu', reason: `substrate "${c.substrate}" has no simulator class: modelled as Cu` })
  }
  let coating: { type: SimCoating; thickness_nm?: number } | undefined
  for (const cid of c.coatings) {
    const k = COATINGS[cid]
    if (!k) { notes.push({ field: '/coatings', value: cid, reason: `coating "${cid}" has no simulator class and is ignored there` }); continue }
    if (k.note) notes.push({ field: '/coatings', value: k.type, reason: k.note })
    coating ??= { type: k.type }
  }

  const input: CellConfigInput = {
    electrolyte: {
      kind, id: electrolyteId,
      concentration_M: isSolid ? undefined : c.electrolyte.salts[0]?.concentration_M,
      additives,
      solid: isSolid && c.electrolyte.solid ? {
        thickness_um: c.electrolyte.solid.thickness_um, relDensity: c.electrolyte.solid.relDensity, asr_ohm_cm2: c.electrolyte.solid.asr_ohm_cm2,
      } : undefined,
    },
    substrate: metal || coating ? { metal, coating } : undefined,
    cellType: c.cell,
    currentDensity_mA_cm2: Math.min(c.currentDensity_mA_cm2, 50),
    strippingCurrentDensity_mA_cm2: c.strippingCurrentDensity_mA_cm2 === undefined ? undefined : Math.min(c.strippingCurrentDensity_mA_cm2, 50),
    capacity_mAh_cm2: c.capacity_mAh_cm2,
    temperature_C: c.temperature_C === undefined ? undefined : Math.max(-40, Math.min(100, c.temperature_C)),
    stackPressure_kPa: c.stackPressure_kPa === undefined ? undefined : Math.min(c.stackPressure_kPa, 1e5),
    separator: c.separator,
    gap_um: c.gap_um,
    cycles: c.cycles,
  }
  if (c.currentDensity_mA_cm2 > 50) notes.push({ field: '/currentDensity_mA_cm2', value: '50', reason: 'the simulator covers up to 50 mA/cm²; higher values are evaluated at 50' })
  if (c.temperature_C !== undefined && (c.temperature_C < -40 || c.temperature_C > 100)) notes.push({ field: '/temperature_C', value: String(input.temperature_C), reason: 'the simulator covers −40…100 °C; clamped' })
  return { input, notes }
}
