/**
 * Physics plots for a configuration, all drawn as SVG by ../plot.js:
 *  - Sand's time vs current density (from one /v1/simulate result, t ∝ J⁻²), the configuration marked,
 *    the limiting current as a vertical line and the time to plate the capacity for comparison;
 *  - the 1D model's voltage trace, surface concentration and concentration profile;
 *  - the lattice growth snapshot;
 *  - CE and dead-Li / SEI loss over cycles;
 *  - a morphology map over (current density × areal capacity) from /v1/predict on a 6 × 5 grid,
 *    with the knowledge base's experiments for the same electrolyte class overlaid.
 */
import { api, pool } from '../api.js'
import { configBody, configForm, configParams, initialConfig } from '../config-form.js'
import { announce, h, loading, mount, s } from '../dom.js'
import { duration, num, studyName, unit } from '../format.js'
import { replaceHash } from '../nav.js'
import { COLORS, createPlot, dataTable, extent, figure, plotWidth } from '../plot.js'
import { FAMILIES, problemBox, SEVERITY } from '../prediction.js'

const CLASSES = ['carbonate', 'ether', 'glyme', 'sulfoxide', 'mixed', 'garnet', 'sulfide', 'oxynitride', 'polymer']
const GRID_J = [-1, -0.5, 0, 0.5, 1, 1.5].map((e) => 10 ** e)
const GRID_Q = [-1, -0.5, 0, 0.5, 1].map((e) => 10 ** e)
const HALF = 10 ** 0.25
const LETTER = { compact: 'C', mossy: 'M', whisker: 'W', dendritic: 'D', penetrating: 'P' }

/** The knowledge base's electrolyte class for the simulator's electrolyte. */
export function electrolyteClassOf(el) {
  if (!el) return 'carbonate'
  if (el.kind === 'solid') return /LLZ/i.test(el.id) ? 'garnet' : /LiPON/i.test(el.id) ? 'oxynitride' : 'sulfide'
  if (el.kind === 'polymer' || el.family === 'polymer') return 'polymer'
  if (['ether', 'HCE', 'LHCE', 'fluorinatedEther'].includes(el.family)) return 'ether'
  return 'carbonate'
}

const fmtJ = (j) => `${num(j, 2)} mA cm⁻²`
const logspace = (a, b, n) => Array.from({ length: n }, (_, i) => a * (b / a) ** (i / (n - 1)))

function notAvailable(title, reason, testid) {
  return h('figure', { class: 'plot', 'data-testid': testid }, h('h3', {}, title), h('p', { class: 'note' }, reason))
}

// ---------------------------------------------------------------------------------------------
// Sand's time
// ---------------------------------------------------------------------------------------------

export function sandFigure(sim, width) {
  const title = 'Sand’s time vs current density'
  const q = sim.quantities
  if (!q.sandTime) return notAvailable(title, `Not applicable: ${sim.notApplicable?.sandTime ?? 'no Sand’s time for this configuration'}.`, 'sand-plot')
  const J0 = sim.config.currentDensity_mA_cm2
  const t0 = q.sandTime.value
  const Jlim = q.limitingCurrentDensity?.value
  const Q = sim.config.capacity_mAh_cm2
  const tSand = (j) => t0 * (J0 / j) ** 2
  const tPlate = (j) => (Q * 3600) / j
  const xd = extent([J0 / 10, J0 * 10, ...(Jlim ? [Jlim / 3, Jlim * 3] : [])], { log: true, decades: true })
  const js = logspace(xd[0], xd[1], 120)
  const yd = extent([...js.map(tSand), ...js.map(tPlate)].filter((t) => t >= 1e-3 && t <= 1e9), { log: true, decades: true })
  const p = createPlot({
    width, height: Math.round(width * 0.62),
    x: { type: 'log', domain: xd, label: 'Current density J (mA cm⁻²)' },
    y: { type: 'log', domain: yd, label: 'Time (s)' },
    title: `Sand's time against current density for ${sim.config.electrolyte.id}`,
    desc: `Sand's time falls as the inverse square of current density. At the configuration's ${fmtJ(J0)} it is ${duration(t0)}; the limiting current density is ${Jlim ? fmtJ(Jlim) : 'not defined'}.`,
  })
  if (Jlim && Jlim > xd[0]) {
    const x1 = p.sx(Math.min(Jlim, xd[1]))
    p.layer.prepend(s('rect', { x: p.X0, y: p.Y0, width: Math.max(0, x1 - p.X0), height: p.Y1 - p.Y0, fill: '#eef1f4' }))
    p.text(p.X0 + 6, p.Y1 - 8, 'J < J_lim: a steady gradient, no depletion', { px: true, fill: COLORS.muted, size: 11 })
  }
  p.line(js.map((j) => [j, tPlate(j)]), { stroke: COLORS.muted, dash: '7 5', width: 1.8, label: 'plating time' })
  p.line(js.filter((j) => !Jlim || j <= Jlim).map((j) => [j, tSand(j)]), { stroke: COLORS.accent, width: 2, dash: '3 3', label: 'sand-below-limit' })
  p.line(js.filter((j) => !Jlim || j >= Jlim).map((j) => [j, tSand(j)]), { stroke: COLORS.accent, width: 2.8, label: 'sand' })
  if (Jlim) p.vline(Jlim, { label: `J_lim = ${fmtJ(Jlim)}`, attrs: { 'data-testid': 'limiting-current' }, anchor: p.sx(Jlim) > (p.X0 + p.X1) / 2 ? 'end' : 'start' })
  p.point(J0, t0, { shape: 'star', r: 7, fill: '#1b1f24', stroke: '#ffffff', where: p.overlay, title: `this configuration: ${fmtJ(J0)}, t_Sand = ${duration(t0)}`, attrs: { 'data-testid': 'config-marker' } })
  const right = p.sx(J0) > (p.X0 + p.X1) * 0.6
  p.text(J0, t0, `this cell: t_Sand = ${duration(t0)}`, { anchor: right ? 'end' : 'start', dx: right ? -12 : 12, dy: -8, weight: 600 })
  const sample = logspace(xd[0], xd[1], 7)
  return figure({
    title, testid: 'sand-plot', plot: p.svg,
    legendItems: [
      { label: 't_Sand(J) (solid above J_lim, dotted below)', color: COLORS.accent, kind: 'line' },
      { label: `time to plate ${num(Q)} mAh cm⁻² (Q/J)`, color: COLORS.muted, kind: 'dashed' },
      { label: 'limiting current J_lim', color: COLORS.red, kind: 'dashed' },
      { label: 'this configuration', kind: 'star' },
    ],
    caption: [
      `Source: one /v1/simulate result at J₀ = ${fmtJ(J0)}: t_Sand(J₀) = ${duration(t0)} (${q.sandTime.provenance}). `,
      'The curve is t_Sand(J) = t_Sand(J₀)·(J₀/J)², the J⁻² law of Sand’s equation; ',
      Jlim ? `J_lim = ${fmtJ(Jlim)} (${q.limitingCurrentDensity.provenance}). ` : '',
      'Where the dashed plating-time line lies above the curve, the cell would deplete before the capacity is plated (Q > C_Sand), if J > J_lim.',
    ],
    table: dataTable(['J (mA cm⁻²)', 't_Sand (s)', 'Q/J (s)'], sample.map((j) => [num(j, 3), num(tSand(j), 3), num(tPlate(j), 3)])),
  })
}

// ---------------------------------------------------------------------------------------------
// 1D model: voltage, surface concentration, profile
// ---------------------------------------------------------------------------------------------

function voltageFigure(sim, width) {
  const title = 'Voltage trace (first plating half-cycle)'
  const v = sim.series?.voltage
  if (!v?.time_s?.length) return notAvailable(title, 'The 1D model was not run for this configuration.', 'voltage-plot')
  const minutes = v.time_s[v.time_s.length - 1] > 600
  const t = v.time_s.map((x) => (minutes ? x / 60 : x))
  const mv = v.voltage_V.map((x) => x * 1000)
  const p = createPlot({
    width, height: Math.round(width * 0.55),
    x: { type: 'linear', domain: [0, Math.max(...t) || 1], label: `Time t (${minutes ? 'min' : 's'})` },
    y: { type: 'linear', domain: extent(mv, { pad: 0.12 }), label: 'Cell voltage V (mV)' },
    title, desc: `Voltage of the symmetric cell during the first plating half-cycle, from ${num(Math.min(...mv))} to ${num(Math.max(...mv))} mV.`,
  })
  p.line(t.map((x, i) => [x, mv[i]]), { stroke: COLORS.accent, width: 2.2 })
  // Mark where the surface depletes (only above the limiting current: below it the gradient is steady).
  const td = sim.quantities.depletionTimeNumerical?.value ?? sim.quantities.depletionTime?.value
  if (td && td < v.time_s[v.time_s.length - 1]) p.vline(minutes ? td / 60 : td, { label: 'surface depleted', stroke: COLORS.red })
  const solid = sim.config.electrolyte.kind === 'solid'
  return figure({
    title, testid: 'voltage-plot', plot: p.svg,
    caption: solid ? 'Solid electrolyte: ohmic + charge-transfer estimate (no salt depletion), growing as voids form.'
      : `1D concentrated-solution model (physics.md §9.5), ${fmtJ(sim.config.currentDensity_mA_cm2)}${sim.quantities.firstCyclePolarization ? `; polarisation at the end ${num(sim.quantities.firstCyclePolarization.value)} mV` : ''}.`,
    table: dataTable([`t (${minutes ? 'min' : 's'})`, 'V (mV)'], t.filter((_, i) => i % 10 === 0).map((x, i) => [num(x, 4), num(mv[i * 10], 4)])),
  })
}

function concentrationFigures(sim, width) {
  const out = []
  const v = sim.series?.voltage
  const c0 = sim.config.electrolyte.concentration_M
  if (v?.surfaceConcentration_M?.length) {
    const minutes = v.time_s[v.time_s.length - 1] > 600
    const t = v.time_s.map((x) => (minutes ? x / 60 : x))
    const cs = v.surfaceConcentration_M
    const p = createPlot({
      width, height: Math.round(width * 0.5),
      x: { type: 'linear', domain: [0, Math.max(...t) || 1], label: `Time t (${minutes ? 'min' : 's'})` },
      y: { type: 'linear', domain: [0, Math.max(c0 * 1.1, ...cs)], label: 'Surface concentration c_s (M)' },
      title: 'Salt concentration at the plating surface', desc: `Surface concentration falls from ${num(cs[0])} M to ${num(cs[cs.length - 1])} M.`,
    })
    p.hline(c0, { label: `c₀ = ${num(c0)} M` })
    p.line(t.map((x, i) => [x, cs[i]]), { stroke: COLORS.dendritic, width: 2.2 })
    out.push(figure({ title: 'Surface concentration', testid: 'surface-concentration-plot', plot: p.svg,
      caption: `Minimum ${num(Math.min(...cs))} M. Depletion (c_s → 0) is where tip growth starts.`,
      table: dataTable([`t (${minutes ? 'min' : 's'})`, 'c_s (M)'], t.filter((_, i) => i % 10 === 0).map((x, i) => [num(x, 4), num(cs[i * 10], 4)])) }))
  } else out.push(notAvailable('Surface concentration', 'No salt concentration in a single-ion solid electrolyte.', 'surface-concentration-plot'))
  const c = sim.series?.concentration
  if (c?.x_um?.length) {
    const p = createPlot({
      width, height: Math.round(width * 0.5),
      x: { type: 'linear', domain: [0, Math.max(...c.x_um)], label: 'Distance from the plating electrode x (µm)' },
      y: { type: 'linear', domain: [0, Math.max(c0 * 1.1, ...c.c_M)], label: 'Concentration c (M)' },
      title: 'Salt concentration across the cell at the end of plating', desc: 'Concentration profile between the electrodes.',
    })
    p.hline(c0, { label: `c₀ = ${num(c0)} M` })
    p.line(c.x_um.map((x, i) => [x, c.c_M[i]]), { stroke: COLORS.compact, width: 2.2 })
    out.push(figure({ title: 'Concentration profile', testid: 'profile-plot', plot: p.svg, caption: 'Across the separator at the end of the first plating half-cycle (1D model).',
      table: dataTable(['x (µm)', 'c (M)'], c.x_um.map((x, i) => [num(x, 3), num(c.c_M[i], 4)])) }))
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Lattice snapshot
// ---------------------------------------------------------------------------------------------

function latticeFigure(sim, width) {
  const title = 'Lattice growth snapshot'
  const L = sim.lattice
  const meta = sim.morphology?.lattice
  if (!L?.rows?.length || !meta) return notAvailable(title, sim.warnings?.find((w) => w.includes('lattice')) ?? 'The lattice kernel models liquid electrodeposition; it does not apply here.', 'lattice-plot')
  const a = meta.parameters.featureSize_um
  const rows = L.rows
  const W = L.width
  const H = rows.length
  const plotW = width - 70 - 22
  const height = Math.round(Math.max(150, Math.min(480, (plotW * H) / W)) + 16 + 54)
  const p = createPlot({
    width, height,
    x: { type: 'linear', domain: [0, W * a], label: 'Lateral position (µm)' },
    y: { type: 'linear', domain: [0, H * a], label: 'Height (µm)' },
    title, desc: `Biased diffusion-limited aggregation on a ${W}-site wide lattice: porosity ${num(meta.porosity, 2)}, fractal dimension ${num(meta.fractalDimension, 3)}, tip ratio ${num(meta.tipRatio, 2)}.`,
  })
  let dDep = ''; let dSub = ''
  rows.forEach((row, r) => {
    const y = H - 1 - r // rows[0] is the top
    let x = 0
    while (x < row.length) {
      const ch = row[x]
      let n = 1
      while (x + n < row.length && row[x + n] === ch) n++
      if (ch !== '.') {
        const px = p.sx(x * a); const py = p.sy((y + 1) * a); const w = p.sx((x + n) * a) - px; const hh = p.sy(y * a) - py
        const d = `M${px.toFixed(2)} ${py.toFixed(2)}h${w.toFixed(2)}v${hh.toFixed(2)}h${(-w).toFixed(2)}z`
        if (ch === '#') dDep += d; else dSub += d
      }
      x += n
    }
  })
  p.layer.append(s('path', { d: dSub, fill: '#8d6e63' }), s('path', { d: dDep, fill: '#34495e' }))
  return figure({
    title, testid: 'lattice-plot', plot: p.svg,
    legendItems: [{ label: 'deposited Li', color: '#34495e', kind: 'dot' }, { label: 'substrate', color: '#8d6e63', kind: 'dot' }],
    caption: `2D biased-DLA kernel, lattice spacing a = deposit feature size = ${num(a, 3)} µm, ${meta.parameters.particles} particles, sticking probability ${num(meta.parameters.stickingProbability, 3)}, drift ${num(meta.parameters.drift, 2)}, seed ${meta.parameters.seed}. Porosity ${num(meta.porosity, 2)}, fractal dimension ${num(meta.fractalDimension, 3)}, roughness ${num(meta.roughness, 2)}, tip ratio ${num(meta.tipRatio, 2)}, ${meta.isolatedClusters} isolated cluster${meta.isolatedClusters === 1 ? '' : 's'} after a stripping pass. Simulator class: ${sim.morphology.class}.`,
  })
}

// ---------------------------------------------------------------------------------------------
// CE and dead Li over cycles
// ---------------------------------------------------------------------------------------------

function cycleFigures(sim, width) {
  const ce = sim.series?.ce
  if (!ce?.cycle?.length) return [notAvailable('Coulombic efficiency over cycles', sim.notApplicable?.coulombicEfficiency ?? 'No cycling result (the cell shorts in the first half-cycle).', 'ce-plot')]
  const n = ce.cycle.length
  const p1 = createPlot({
    width, height: Math.round(width * 0.5),
    x: { type: 'linear', domain: [1, Math.max(2, n)], label: 'Cycle number' },
    y: { type: 'linear', domain: extent(ce.ce_pct, { pad: 0.15 }), label: 'Coulombic efficiency (%)' },
    title: 'Coulombic efficiency per cycle', desc: `CE from ${num(ce.ce_pct[0])} % in cycle 1 to ${num(ce.ce_pct[n - 1])} % in cycle ${n}.`,
  })
  p1.line(ce.cycle.map((c, i) => [c, ce.ce_pct[i]]), { stroke: COLORS.compact, width: 2.2 })
  const meanCE = sim.quantities.coulombicEfficiency?.value
  if (meanCE) p1.hline(meanCE, { label: `mean ${num(meanCE)} %`, stroke: COLORS.muted })
  const p2 = createPlot({
    width, height: Math.round(width * 0.5),
    x: { type: 'linear', domain: [1, Math.max(2, n)], label: 'Cycle number' },
    y: { type: 'linear', domain: [0, Math.max(1, ...ce.deadLoss_pct, ...ce.seiLoss_pct) * 1.15], label: 'Li lost per cycle (% of Q)' },
    title: 'Dead Li and SEI loss per cycle', desc: `Dead-Li loss from ${num(ce.deadLoss_pct[0])} % to ${num(ce.deadLoss_pct[n - 1])} % of the plated capacity per cycle.`,
  })
  p2.line(ce.cycle.map((c, i) => [c, ce.deadLoss_pct[i]]), { stroke: COLORS.dendritic, width: 2.2 })
  p2.line(ce.cycle.map((c, i) => [c, ce.seiLoss_pct[i]]), { stroke: COLORS.whisker, width: 2.2, dash: '6 4' })
  const every = Math.max(1, Math.floor(n / 20))
  const dead = sim.quantities.deadLiCapacity
  return [
    figure({ title: 'Coulombic efficiency over cycles', testid: 'ce-plot', plot: p1.svg,
      legendItems: [{ label: 'CE per cycle', color: COLORS.compact, kind: 'line' }],
      caption: `${sim.quantities.coulombicEfficiency?.provenance ?? ''}`,
      table: dataTable(['cycle', 'CE (%)', 'dead Li (%)', 'SEI (%)'], ce.cycle.filter((_, i) => i % every === 0 || i === n - 1).map((c) => [String(c), num(ce.ce_pct[c - 1], 4), num(ce.deadLoss_pct[c - 1], 3), num(ce.seiLoss_pct[c - 1], 3)])) }),
    figure({ title: 'Dead Li over cycles', testid: 'dead-li-plot', plot: p2.svg,
      legendItems: [{ label: 'dead (isolated) Li', color: COLORS.dendritic, kind: 'line' }, { label: 'SEI formation', color: COLORS.whisker, kind: 'dashed' }],
      caption: dead ? `Accumulated dead Li after ${n} cycles: ${num(dead.value)} ${unit(dead.unit)}${sim.quantities.deadLiThickness ? ` (${num(sim.quantities.deadLiThickness.value)} µm thick)` : ''}.` : '' }),
  ]
}

// ---------------------------------------------------------------------------------------------
// Morphology map
// ---------------------------------------------------------------------------------------------

/**
 * Areal capacity (mAh cm⁻²) of each experiment of a study: the reported capacity when there is one,
 * else J × duration for a single galvanostatic step (marked as derived).
 */
export function capacitiesOf(study) {
  const out = new Map()
  const byExp = new Map()
  for (const qn of study.normalised?.quantities ?? []) {
    const m = /^\/experiments\/(\d+)\/(\w+)$/.exec(qn.pointer)
    if (!m) continue
    const i = Number(m[1])
    if (!byExp.has(i)) byExp.set(i, {})
    byExp.get(i)[m[2]] = qn
  }
  for (const [i, f] of byExp) {
    const ex = study.experiments?.[i]
    if (!ex) continue
    const cap = f.capacity
    if (cap && cap.unit === 'mAh/cm2') { out.set(ex.id, { q: Math.sqrt(Math.max(cap.min, 1e-9) * Math.max(cap.max, 1e-9)), derived: false }); continue }
    const j = f.currentDensity; const t = f.duration
    const single = (x) => x && x.min === x.max && x.min > 0
    if (single(j) && single(t) && t.unit === 's' && ex.potentialProgram?.kind === 'galvanostatic' && !ex.cycles) out.set(ex.id, { q: (j.min * t.min) / 3600, derived: true })
  }
  return out
}

async function overlayPoints(cls, signal) {
  const ex = await api('/v1/experiments', { query: { electrolyteClass: cls, limit: 100 }, signal })
  const ids = [...new Set(ex.items.map((e) => e.study.id))]
  const studies = await pool(ids, 4, (id) => api(`/v1/studies/${encodeURIComponent(id)}`, { signal }).catch(() => null))
  const caps = new Map()
  for (const st of studies) if (st) for (const [k, v] of capacitiesOf(st)) caps.set(k, v)
  return ex.items.map((e) => {
    const lo = e.currentDensity?.min_mA_cm2; const hi = e.currentDensity?.max_mA_cm2
    const j = typeof lo === 'number' && typeof hi === 'number' && lo > 0 ? Math.sqrt(lo * hi) : null
    const fams = e.morphologyFamilies ?? []
    const cap = caps.get(e.id)
    return { e, j, lo, hi, q: cap?.q ?? null, derived: cap?.derived ?? false, family: SEVERITY.find((f) => fams.includes(f)) ?? null, families: fams }
  })
}

function mapFigure({ grid, points, cls, J0, Q0, width, electrolyteName }) {
  const band = 50
  const xd = [GRID_J[0] / HALF, GRID_J[GRID_J.length - 1] * HALF]
  const yd = [GRID_Q[0] / HALF, GRID_Q[GRID_Q.length - 1] * HALF]
  const height = Math.round(width * 0.68)
  const p = createPlot({
    width, height, margin: { bottom: 54 },
    x: { type: 'log', domain: xd, label: 'Current density J (mA cm⁻²)' },
    y: { type: 'log', domain: yd, label: 'Areal capacity Q (mAh cm⁻²)' },
    yRange: [height - 54 - band, 16],
    title: `Predicted morphology over current density and areal capacity for ${electrolyteName}`,
    desc: `A ${GRID_J.length} by ${GRID_Q.length} grid of predictions coloured by morphology family, with ${points.length} ${cls} experiments from the knowledge base as points.`,
  })
  const at = new Map(grid.map((c) => [`${c.j}|${c.q}`, c]))
  for (const cell of grid) {
    if (!cell.p) continue
    const x0 = p.sx(cell.j / HALF); const x1 = p.sx(cell.j * HALF); const y0 = p.sy(cell.q * HALF); const y1 = p.sy(cell.q / HALF)
    const fam = cell.p.morphology.family
    const below = at.get(`${cell.j}|${GRID_Q[GRID_Q.indexOf(cell.q) - 1]}`)
    const g = s('g', { 'data-family': fam },
      s('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: COLORS[fam] ?? COLORS.none, 'fill-opacity': 0.42, stroke: '#fff', 'stroke-width': 1.5 }),
      s('title', {}, `${fmtJ(cell.j)}, ${num(cell.q, 2)} mAh cm⁻²: ${fam} (${cell.p.morphology.label}), dead Li ${cell.p.deadLi.level}, CE ${cell.p.deadLi.coulombicEfficiency ? num(cell.p.deadLi.coulombicEfficiency.value) + ' %' : '—'}, short risk ${cell.p.shortRisk.level}`))
    // Name the family where it starts (bottom row, or a change from the cell below): colour plus text, without clutter.
    if (!below?.p || below.p.morphology.family !== fam) g.append(s('text', { x: (x0 + x1) / 2, y: y1 - 7, 'text-anchor': 'middle', 'font-size': 11, fill: '#1b1f24', 'font-weight': 700 }, fam))
    p.layer.append(g)
  }
  // Band for experiments whose capacity is not recorded.
  p.layer.append(s('rect', { x: p.X0, y: p.Y1 - band, width: p.X1 - p.X0, height: band, fill: '#f3f4f6' }))
  p.layer.append(s('line', { x1: p.X0, x2: p.X1, y1: p.Y1 - band, y2: p.Y1 - band, stroke: COLORS.ink }))
  p.text(p.X0 - 9, p.Y1 - band / 2 - 2, 'Q not', { px: true, anchor: 'end', size: 11, fill: COLORS.muted, halo: false })
  p.text(p.X0 - 9, p.Y1 - band / 2 + 11, 'recorded', { px: true, anchor: 'end', size: 11, fill: COLORS.muted, halo: false })
  let outside = 0
  const placed = []
  const drawn = points.filter((pt) => pt.j !== null).sort((a, b) => a.j - b.j)
  for (const pt of drawn) {
    if (pt.j < xd[0] || pt.j > xd[1] || (pt.q !== null && (pt.q < yd[0] || pt.q > yd[1]))) { outside++; continue }
    const px = p.sx(pt.j)
    let py
    if (pt.q === null) {
      // Stack overlapping points in the band on up to three rows.
      const rows = [p.Y1 - 25, p.Y1 - 10, p.Y1 - 40]
      py = rows.find((y) => !placed.some((o) => Math.abs(o.x - px) < 15 && Math.abs(o.y - y) < 12)) ?? rows[0]
    } else py = p.sy(pt.q)
    placed.push({ x: px, y: py })
    if (pt.hi > pt.lo) p.layer.append(s('line', { x1: p.sx(Math.max(pt.lo, xd[0])), x2: p.sx(Math.min(pt.hi, xd[1])), y1: py, y2: py, stroke: '#1b1f24', 'stroke-width': 1.2 }))
    const fill = pt.family ? COLORS[pt.family] : '#ffffff'
    const g = s('g', { 'data-testid': 'kb-point', 'data-family': pt.family ?? 'none' },
      s('circle', { cx: px, cy: py, r: 7.5, fill, stroke: '#1b1f24', 'stroke-width': 1.4, 'stroke-dasharray': pt.derived ? '3 2' : undefined }),
      s('text', { x: px, y: py + 3.6, 'text-anchor': 'middle', 'font-size': 9.5, 'font-weight': 700, fill: '#1b1f24' }, pt.family ? LETTER[pt.family] : '?'),
      s('title', {}, `${studyName(pt.e.study.id)} — ${pt.e.label}: observed ${pt.families.join(', ') || 'no morphology recorded'}; ${pt.e.currentDensity.reported ?? ''}${pt.q !== null ? `, ${num(pt.q)} mAh cm⁻²${pt.derived ? ' (J × duration)' : ''}` : ', capacity not recorded'}`))
    p.layer.append(g)
  }
  if (J0 && Q0) {
    p.point(J0, Q0, { shape: 'star', r: 8, fill: '#1b1f24', stroke: '#ffffff', where: p.overlay, title: `this configuration: ${fmtJ(J0)}, ${num(Q0)} mAh cm⁻²`, attrs: { 'data-testid': 'map-config-marker', 'stroke-width': 1.5 } })
    p.text(J0, Q0, 'this cell', { dx: 14, dy: 4, weight: 700 })
  }
  const rows = drawn.map((pt) => [studyName(pt.e.study.id), pt.e.label, pt.e.currentDensity.reported ?? '—', pt.q === null ? 'not recorded' : `${num(pt.q)} mAh cm⁻²${pt.derived ? ' (J × duration)' : ''}`, pt.families.join(', ') || '—'])
  const noQ = drawn.filter((x) => x.q === null).length
  const derived = drawn.filter((x) => x.derived).length
  return figure({
    title: 'Morphology map', testid: 'morphology-map', plot: p.svg,
    legendItems: [...FAMILIES.map((f) => ({ label: `${f} (${LETTER[f]})`, color: COLORS[f], kind: 'dot' })), { label: 'no morphology recorded (?)', color: '#fff', kind: 'dot' }, { label: 'this configuration', kind: 'star' }],
    caption: [
      `Cells: /v1/predict on a ${GRID_J.length} × ${GRID_Q.length} grid (half-decade steps), the rest of the configuration unchanged; colour = predicted family, named where it begins (hover a cell for CE, dead Li and short risk). `,
      `Points: the ${drawn.length} ${cls} experiments of the knowledge base with a current density (bars = reported ranges), coloured and lettered by the most severe family observed. `,
      `${noQ} record${noQ === 1 ? 's' : ''} no areal capacity and sit${noQ === 1 ? 's' : ''} in the bottom band${derived ? `; ${derived} ${derived === 1 ? 'has' : 'have'} Q = J × duration of one galvanostatic step (dashed outline)` : ''}${outside ? `; ${outside} ${outside === 1 ? 'lies' : 'lie'} outside the map` : ''}; ${points.length - drawn.length} without a current density are not drawn.`,
    ],
    table: dataTable(['Study', 'Experiment', 'J reported', 'Q', 'Observed'], rows, `${cls} experiments`),
  })
}

// ---------------------------------------------------------------------------------------------

export async function render(root, { params, signal }) {
  const status = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' })
  const plots = h('div', { class: 'plots' })
  const classSel = h('select', { id: 'map-class' }, h('option', { value: '' }, 'same as the configuration'), CLASSES.map((c) => h('option', { value: c }, c)))
  classSel.value = params.get('overlay') ?? ''
  const mapControls = h('div', { class: 'map-controls' },
    h('div', { class: 'field' }, h('label', { for: 'map-class' }, 'Overlay the experiments of electrolyte class'), classSel))
  const mapBody = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' })
  const mapBox = h('section', { 'aria-labelledby': 'map-h' }, h('h2', { id: 'map-h' }, 'Morphology map'), mapControls, mapBody)
  mapBox.hidden = true
  const cfg = configForm({ values: initialConfig(params), submitLabel: 'Draw plots', onSubmit: run, legend: 'Configuration' })
  const summaryValues = h('span', { class: 'summary-values' })
  const panel = h('details', { class: 'config-panel' }, h('summary', {}, 'Configuration ', summaryValues, ' — change'), cfg.form)
  const describe = (v) => [v.cell, v.electrolyte, v.substrate && `on ${v.substrate}`, v.currentDensity, v.capacity, v.temperature].filter(Boolean).join(' · ')
  summaryValues.textContent = describe(cfg.getValues())
  mount(root, h('h1', {}, 'Physics plots'),
    h('p', { class: 'lead' }, 'What the simulator says for a configuration: Sand’s time and the limiting current, the 1D model’s voltage and concentrations, a lattice growth snapshot, CE and dead Li over cycles, and a morphology map with the knowledge base’s experiments on it.'),
    panel, status, plots, mapBox)

  let last = null
  async function run(values) {
    const hp = configParams(values)
    if (classSel.value) hp.set('overlay', classSel.value)
    replaceHash(`#/physics?${hp}`)
    summaryValues.textContent = describe(values)
    status.setAttribute('aria-busy', 'true')
    mount(status, loading('Running the simulator…'))
    mount(plots); mount(mapBody); mapBox.hidden = true
    const body = configBody(values)
    let sim
    try {
      sim = await api('/v1/simulate', { method: 'POST', body: { ...body, options: { mode: 'fast', seed: 1, series: ['voltage', 'concentration', 'ce', 'lattice'] } }, signal })
    } catch (e) {
      if (e?.name === 'AbortError') return
      mount(status)
      status.setAttribute('aria-busy', 'false')
      panel.open = true
      cfg.showErrors(e)
      return
    }
    const c = sim.config
    cfg.showReadAs({ ...c, cell: c.cellType, substrate: c.substrate?.metal, coatings: c.substrate?.coating ? [c.substrate.coating.type] : [], electrolyte: undefined })
    const colW = plots.clientWidth >= 1076 ? (plots.clientWidth - 16) / 2 : plots.clientWidth
    const w = Math.round(Math.max(340, Math.min(colW - 24, 760)))
    const q = sim.quantities
    mount(status, h('div', { class: 'cards', 'data-testid': 'sim-summary' },
      h('div', { class: 'card' }, h('h3', {}, 'Electrolyte'), h('p', {}, `${c.electrolyte.id}`), h('p', { class: 'small muted' }, `${[...new Set([c.electrolyte.kind, c.electrolyte.family])].join(', ')}${c.electrolyte.concentration_M ? `, ${num(c.electrolyte.concentration_M)} M` : ''}`)),
      h('div', { class: 'card' }, h('h3', {}, 'Transport'), h('p', {}, `regime: ${sim.regime}`), h('p', { class: 'small' }, q.limitingCurrentDensity ? `J/J_lim = ${num(q.currentRatioLimiting?.value, 2)}, J_lim = ${fmtJ(q.limitingCurrentDensity.value)}` : 'no salt depletion (single-ion conductor)')),
      h('div', { class: 'card' }, h('h3', {}, 'Sand'), h('p', {}, q.sandTime ? `t_Sand = ${duration(q.sandTime.value)}` : 'not applicable'), h('p', { class: 'small' }, q.sandCapacity ? `C_Sand = ${num(q.sandCapacity.value)} mAh cm⁻²` : '')),
      h('div', { class: 'card' }, h('h3', {}, 'Simulator morphology'), h('p', {}, sim.morphology.class), h('p', { class: 'small' }, `short-risk score ${num(sim.shortRisk.score, 2)} (${sim.shortRisk.mechanism})`))))
    if (sim.warnings?.length) status.append(h('details', {}, h('summary', {}, `Simulator notes (${sim.warnings.length})`), h('ul', { class: 'small' }, sim.warnings.map((x) => h('li', {}, x)))))
    mount(plots,
      sandFigure(sim, w),
      voltageFigure(sim, w),
      concentrationFigures(sim, w),
      latticeFigure(sim, w),
      cycleFigures(sim, w))
    status.setAttribute('aria-busy', 'false')
    announce('Plots drawn; the morphology map is being computed.')
    last = { sim, body }
    await drawMap()
  }

  async function drawMap() {
    if (!last) return
    const { sim, body } = last
    const cls = classSel.value || electrolyteClassOf(sim.config.electrolyte)
    mapBox.hidden = false
    mount(mapBody, loading(`Predicting ${GRID_J.length * GRID_Q.length} configurations and loading the ${cls} experiments…`))
    mapBody.setAttribute('aria-busy', 'true')
    try {
      const cells = GRID_J.flatMap((j) => GRID_Q.map((qq) => ({ j, q: qq })))
      const [grid, points] = await Promise.all([
        pool(cells, 6, async (cell) => ({ ...cell, p: await api('/v1/predict', { method: 'POST', body: { ...body, currentDensity: `${Number(cell.j.toPrecision(4))} mA cm-2`, capacity: `${Number(cell.q.toPrecision(4))} mAh cm-2` }, signal }).catch((e) => { if (e?.name === 'AbortError') throw e; return null }) })),
        overlayPoints(cls, signal),
      ])
      const w = Math.min(plotWidth(mapBody, 760), 820)
      mount(mapBody, mapFigure({ grid, points, cls, J0: sim.config.currentDensity_mA_cm2, Q0: sim.config.capacity_mAh_cm2, width: w, electrolyteName: sim.config.electrolyte.id }))
      announce('Morphology map drawn.')
    } catch (e) {
      if (e?.name === 'AbortError') return
      mount(mapBody, problemBox(e))
    } finally {
      mapBody.setAttribute('aria-busy', 'false')
    }
  }
  classSel.addEventListener('change', () => {
    const hp = new URLSearchParams(location.hash.split('?')[1] ?? '')
    if (classSel.value) hp.set('overlay', classSel.value); else hp.delete('overlay')
    replaceHash(`#/physics?${hp}`)
    drawMap()
  })
  await run(cfg.getValues())
}
