/**
 * A small SVG plotting module: linear and log axes with tick labels and units,
 * lines, points, reference lines, rectangles and labels; accessible figures
 * (role="img" with a title and description, an HTML legend, a data table).
 */
import { h, nextId, s } from './dom.js'
import { num, sup } from './format.js'

export const COLORS = {
  compact: '#009e73', mossy: '#e69f00', whisker: '#56b4e9', dendritic: '#d55e00', penetrating: '#cc79a7',
  none: '#9aa4ae', accent: '#1a5fb4', ink: '#1b1f24', muted: '#57606a', red: '#b3261e', grid: '#e3e7eb',
}

/** Tick label for a power of ten: 0.01 … 10000 written out, beyond that 10ⁿ. */
function powerLabel(e) {
  if (e >= -3 && e <= 4) return String(Number((10 ** e).toPrecision(1)))
  return `10${sup(e)}`
}

/** Log-axis ticks: labelled decades (plus 2 and 5 when the axis spans under ~2.5 decades), minor ticks at 2…9. */
export function logTicks(lo, hi) {
  const e0 = Math.floor(Math.log10(lo) + 1e-9)
  const e1 = Math.ceil(Math.log10(hi) - 1e-9)
  const span = Math.log10(hi / lo)
  const major = []
  const minor = []
  for (let e = e0; e <= e1; e++) {
    for (let m = 1; m <= 9; m++) {
      const v = m * 10 ** e
      if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue
      if (m === 1) major.push({ v, label: powerLabel(e) })
      else if (span < 2.5 && (m === 2 || m === 5)) major.push({ v, label: num(v, 2) })
      else minor.push(v)
    }
  }
  return { major, minor }
}

/** Linear-axis ticks at 1, 2 or 5 × 10ⁿ steps. */
export function linearTicks(lo, hi, count = 6) {
  if (hi === lo) { hi = lo + 1 }
  const raw = (hi - lo) / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag
  const major = []
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    const clean = Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12))
    major.push({ v: clean, label: num(clean, 4) })
  }
  return { major, minor: [] }
}

/** Domain [lo, hi] padded to cover `values` (log: whole decades when asked). */
export function extent(values, { log = false, pad = 0.05, decades = false } = {}) {
  const vs = values.filter((v) => Number.isFinite(v) && (!log || v > 0))
  if (vs.length === 0) return log ? [0.1, 10] : [0, 1]
  let lo = Math.min(...vs)
  let hi = Math.max(...vs)
  if (log) {
    if (decades) {
      const a = 10 ** Math.floor(Math.log10(lo) + 1e-9)
      const b = 10 ** Math.ceil(Math.log10(hi) - 1e-9)
      return [a, b > a ? b : a * 10]
    }
    const l = Math.log10(lo); const u = Math.log10(hi); const d = (u - l || 1) * pad
    return [10 ** (l - d), 10 ** (u + d)]
  }
  if (lo === hi) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1 }
  const d = (hi - lo) * pad
  return [lo - d, hi + d]
}

function scale(type, [d0, d1], [r0, r1]) {
  if (type === 'log') {
    const l0 = Math.log10(d0); const l1 = Math.log10(d1)
    return (v) => r0 + ((Math.log10(v) - l0) / (l1 - l0)) * (r1 - r0)
  }
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
}

/**
 * Create a plot. `x`/`y`: `{ type: 'linear'|'log', domain: [lo, hi], label }` (label includes the unit).
 * Options: `width`, `height`, `margin`, `title`, `desc`, `plotBottomInset` (reserve a band under the data area).
 */
export function createPlot({ x, y, width = 640, height = 380, margin = {}, title = '', desc = '', yRange }) {
  const m = { top: 16, right: 22, bottom: 54, left: 70, ...margin }
  const X0 = m.left; const X1 = width - m.right; const Y0 = m.top; const Y1 = height - m.bottom
  const sx = scale(x.type, x.domain, [X0, X1])
  const [yr0, yr1] = yRange ?? [Y1, Y0]
  const sy = scale(y.type, y.domain, [yr0, yr1])
  const titleId = nextId('plot-title'); const descId = nextId('plot-desc'); const clipId = nextId('clip')
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'plot-svg' },
    s('title', { id: titleId }, title), s('desc', { id: descId }, desc),
    s('defs', {}, s('clipPath', { id: clipId }, s('rect', { x: X0, y: Y0, width: X1 - X0, height: Y1 - Y0 }))))
  const grid = s('g', { class: 'grid' })
  const axes = s('g', { class: 'axes', 'font-size': 12, fill: COLORS.ink })
  const layer = s('g', { 'clip-path': `url(#${clipId})` })
  const overlay = s('g', { 'font-size': 12 })
  svg.append(s('rect', { x: X0, y: Y0, width: X1 - X0, height: Y1 - Y0, fill: '#fff' }), grid, layer, axes, overlay)

  const xt = x.type === 'log' ? logTicks(...x.domain) : linearTicks(...x.domain, x.ticks ?? 6)
  const yt = y.type === 'log' ? logTicks(...y.domain) : linearTicks(...y.domain, y.ticks ?? 5)
  const yTickIn = (v) => { const py = sy(v); return py >= Math.min(yr0, yr1) - 0.5 && py <= Math.max(yr0, yr1) + 0.5 }
  for (const t of xt.major) {
    const px = sx(t.v)
    if (px < X0 - 0.5 || px > X1 + 0.5) continue
    grid.append(s('line', { x1: px, x2: px, y1: Y0, y2: Y1, stroke: COLORS.grid }))
    axes.append(s('line', { x1: px, x2: px, y1: Y1, y2: Y1 + 6, stroke: COLORS.ink }))
    axes.append(s('text', { x: px, y: Y1 + 19, 'text-anchor': 'middle' }, t.label))
  }
  for (const v of xt.minor) { const px = sx(v); if (px >= X0 && px <= X1) axes.append(s('line', { x1: px, x2: px, y1: Y1, y2: Y1 + 3, stroke: COLORS.ink })) }
  for (const t of yt.major) {
    if (!yTickIn(t.v)) continue
    const py = sy(t.v)
    grid.append(s('line', { x1: X0, x2: X1, y1: py, y2: py, stroke: COLORS.grid }))
    axes.append(s('line', { x1: X0 - 6, x2: X0, y1: py, y2: py, stroke: COLORS.ink }))
    axes.append(s('text', { x: X0 - 9, y: py + 4, 'text-anchor': 'end' }, t.label))
  }
  for (const v of yt.minor) { if (yTickIn(v)) { const py = sy(v); axes.append(s('line', { x1: X0 - 3, x2: X0, y1: py, y2: py, stroke: COLORS.ink })) } }
  axes.append(s('rect', { x: X0, y: Y0, width: X1 - X0, height: Y1 - Y0, fill: 'none', stroke: COLORS.ink }))
  axes.append(s('text', { x: (X0 + X1) / 2, y: height - 12, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600 }, x.label))
  axes.append(s('text', { x: 0, y: 0, transform: `translate(16 ${(Y0 + Y1) / 2}) rotate(-90)`, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600 }, y.label))

  const ok = (px, py) => Number.isFinite(px) && Number.isFinite(py)
  const api = {
    svg, sx, sy, X0, X1, Y0, Y1, layer, overlay,
    /** Polyline through `[x, y]` points (non-finite or non-positive-on-log points break the line). */
    line(points, { stroke = COLORS.accent, width: w = 2, dash, opacity, label } = {}) {
      let d = ''; let pen = false
      for (const [vx, vy] of points) {
        const bad = !Number.isFinite(vx) || !Number.isFinite(vy) || (x.type === 'log' && vx <= 0) || (y.type === 'log' && vy <= 0)
        if (bad) { pen = false; continue }
        d += `${pen ? 'L' : 'M'}${sx(vx).toFixed(2)} ${sy(vy).toFixed(2)}`
        pen = true
      }
      const path = s('path', { d, fill: 'none', stroke, 'stroke-width': w, 'stroke-dasharray': dash, opacity, 'stroke-linejoin': 'round', 'data-series': label })
      layer.append(path)
      return path
    },
    /** A marker at (vx, vy): circle, square, diamond, triangle or star, with a hover title. */
    point(vx, vy, { r = 5, fill = COLORS.accent, stroke = '#1b1f24', shape = 'circle', title: tip, attrs = {}, where = layer } = {}) {
      const px = sx(vx); const py = sy(vy)
      if (!ok(px, py)) return null
      let el
      if (shape === 'square') el = s('rect', { x: px - r, y: py - r, width: 2 * r, height: 2 * r })
      else if (shape === 'diamond') el = s('path', { d: `M${px} ${py - r * 1.3}L${px + r * 1.3} ${py}L${px} ${py + r * 1.3}L${px - r * 1.3} ${py}Z` })
      else if (shape === 'triangle') el = s('path', { d: `M${px} ${py - r * 1.3}L${px + r * 1.2} ${py + r}L${px - r * 1.2} ${py + r}Z` })
      else if (shape === 'star') {
        let d = ''
        for (let i = 0; i < 10; i++) {
          const a = -Math.PI / 2 + (i * Math.PI) / 5; const rr = i % 2 === 0 ? r * 1.6 : r * 0.7
          d += `${i === 0 ? 'M' : 'L'}${(px + rr * Math.cos(a)).toFixed(2)} ${(py + rr * Math.sin(a)).toFixed(2)}`
        }
        el = s('path', { d: `${d}Z` })
      } else el = s('circle', { cx: px, cy: py, r })
      for (const [k, v] of Object.entries({ fill, stroke, 'stroke-width': 1.2, ...attrs })) if (v !== undefined) el.setAttribute(k, String(v))
      if (tip) el.append(s('title', {}, tip))
      where.append(el)
      return el
    },
    /** Vertical reference line at data x, labelled at the top. */
    vline(vx, { stroke = COLORS.red, dash = '6 4', label, attrs = {}, anchor = 'start' } = {}) {
      const px = sx(vx)
      if (!Number.isFinite(px) || px < X0 - 0.5 || px > X1 + 0.5) return null
      const g = s('g', attrs)
      g.append(s('line', { x1: px, x2: px, y1: Y0, y2: Y1, stroke, 'stroke-width': 2, 'stroke-dasharray': dash }))
      if (label) {
        const tx = anchor === 'end' ? px - 5 : px + 5
        g.append(s('text', { x: tx, y: Y0 + 14, fill: stroke, 'text-anchor': anchor, 'font-weight': 600, stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' }, label))
      }
      overlay.append(g)
      return g
    },
    hline(vy, { stroke = COLORS.muted, dash = '4 4', label, anchor = 'end' } = {}) {
      const py = sy(vy)
      if (!Number.isFinite(py)) return null
      const g = s('g')
      g.append(s('line', { x1: X0, x2: X1, y1: py, y2: py, stroke, 'stroke-width': 1.5, 'stroke-dasharray': dash }))
      if (label) g.append(s('text', { x: anchor === 'end' ? X1 - 4 : X0 + 4, y: py - 5, fill: stroke, 'text-anchor': anchor, stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' }, label))
      overlay.append(g)
      return g
    },
    /** Text at data coordinates (or pixel coordinates with `{ px: true }`). */
    text(vx, vy, str, { anchor = 'start', fill = COLORS.ink, size = 12, weight, px: raw = false, halo = true, dx = 0, dy = 0 } = {}) {
      const px = raw ? vx : sx(vx); const py = raw ? vy : sy(vy)
      const t = s('text', { x: px + dx, y: py + dy, 'text-anchor': anchor, fill, 'font-size': size, 'font-weight': weight, ...(halo ? { stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' } : {}) }, str)
      overlay.append(t)
      return t
    },
  }
  return api
}

/** An HTML legend: items `{ label, color, kind: 'line'|'dashed'|'dot' }`. */
export function legend(items) {
  return h('ul', { class: 'plot-legend' }, items.map((it) => {
    if (it.kind === 'star') return h('li', {}, h('span', { class: 'swatch star', 'aria-hidden': 'true' }, '★'), it.label)
    const sw = h('span', { class: ['swatch', it.kind === 'dot' ? 'dot' : '', it.kind === 'dashed' ? 'dashed' : ''], 'aria-hidden': 'true' })
    if (it.kind === 'dashed') sw.style.color = it.color
    else sw.style.background = it.color
    return h('li', {}, sw, it.label)
  }))
}

/**
 * A figure: heading, the SVG, legend, caption and (optionally) the data as a table inside a
 * collapsed <details>, so the numbers are available without the picture.
 */
export function figure({ title, plot, legendItems, caption, table, testid, headingLevel = 'h3' }) {
  return h('figure', { class: 'plot', 'data-testid': testid },
    h(headingLevel, {}, title),
    plot,
    legendItems ? legend(legendItems) : null,
    caption ? h('figcaption', {}, caption) : null,
    table ? h('details', {}, h('summary', {}, 'Data as a table'), h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `${title}: data` }, table)) : null)
}

/** A simple data table: `columns` = header labels, `rows` = arrays of cell text. */
export function dataTable(columns, rows, caption) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))))
}

/** Width to draw a plot at: the container's width, clamped. */
export function plotWidth(container, fallback = 640) {
  const w = container?.getBoundingClientRect?.().width || fallback
  return Math.round(Math.max(340, Math.min(w - 24, 760)))
}
