/** Number, unit and name formatting for display. */

const SUP = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' }
export const sup = (text) => String(text).split('').map((c) => SUP[c] ?? c).join('')

/** `n` with `digits` significant digits; very large/small numbers as a × 10ⁿ. */
export function num(n, digits = 3) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞'
  if (n === 0) return '0'
  const a = Math.abs(n)
  if (a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a))
    const m = n / 10 ** e
    return `${Number(m.toPrecision(digits))} × 10${sup(e)}`
  }
  return String(Number(n.toPrecision(digits)))
}

const UNITS = {
  'mA/cm2': 'mA cm⁻²', 'mAh/cm2': 'mAh cm⁻²', 'um': 'µm', 'um/s': 'µm s⁻¹', 'm2/s': 'm² s⁻¹', '1/cm2': 'cm⁻²',
  'mS/cm': 'mS cm⁻¹', 'Ohm.cm2': 'Ω cm²', 'ohm.cm2': 'Ω cm²', '1': '', '%': '%', 's': 's', 'mV': 'mV', 'nm': 'nm', 'M': 'M',
  'kPa': 'kPa', 'MPa': 'MPa', '°C': '°C', 'cycles': 'cycles',
}
export const unit = (u) => (u in UNITS ? UNITS[u] : String(u ?? '').replace(/cm2/g, 'cm²').replace(/\bum\b/g, 'µm'))

/** A quantity `{ value, unit }` as text. */
export function qty(q, digits = 3) {
  if (!q || typeof q.value !== 'number') return '—'
  const u = unit(q.unit)
  return u ? `${num(q.value, digits)} ${u}` : num(q.value, digits)
}

/** Seconds as a readable duration: "492 s (8.2 min)". */
export function duration(s) {
  if (typeof s !== 'number' || !Number.isFinite(s)) return '—'
  if (s < 120) return `${num(s)} s`
  if (s < 7200) return `${num(s)} s (${num(s / 60, 2)} min)`
  if (s < 172800) return `${num(s)} s (${num(s / 3600, 2)} h)`
  return `${num(s)} s (${num(s / 86400, 2)} days)`
}

/** "porz-2017" → "Porz 2017"; "olivares-marin-2015" → "Olivares-Marin 2015". */
export function studyName(id) {
  const m = /^(.*)-(\d{4})$/.exec(String(id))
  if (!m) return String(id)
  const name = m[1].split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-')
  return `${name} ${m[2]}`
}

export const pct = (x, digits = 0) => `${(x * 100).toFixed(digits)} %`

/** camelCase / kebab-case → words: "currentDensity" → "current density". */
export function words(key) {
  return String(key).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ').toLowerCase()
}

export const doiUrl = (doi) => `https://doi.org/${doi}`
