/**
 * The configuration form shared by Predict, Physics and Plan: one text field
 * per condition, written the way papers write it ("3 mA cm-2", "0.35 MPa").
 * Quantity fields are unit-aware: any unit of the right dimension is accepted
 * (the service converts it), a bare number takes the field's default unit,
 * and after a request each field shows what it was read as. Errors from the
 * service name the field (`/body/currentDensity`) and are shown under it.
 */
import { h, nextId } from './dom.js'
import { num } from './format.js'

export const CONFIG_FIELDS = [
  { name: 'cell', label: 'Cell', def: 'Li||Cu', hint: 'Li||Cu, Li||Li, anode-free, Li||NMC…' },
  { name: 'electrolyte', label: 'Electrolyte', def: '1 M LiPF6 in EC:DMC 1:1 v/v', wide: true, hint: 'as papers write it: "1 M LiPF6 in EC:DMC + 5 wt% FEC", "LLZTO"' },
  { name: 'substrate', label: 'Substrate / current collector', def: 'Cu', hint: 'Cu, Li, Au, Ni, stainless steel…' },
  { name: 'coating', label: 'Coating', def: '', hint: 'optional: Au, ZnO, LiF…' },
  { name: 'currentDensity', label: 'Current density', def: '1 mA cm-2', unit: 'mA cm-2', required: true, hint: 'mA cm⁻², µA cm⁻², A m⁻²…; a bare number is mA cm⁻²' },
  { name: 'capacity', label: 'Areal capacity', def: '1 mAh cm-2', unit: 'mAh cm-2', hint: 'mAh cm⁻², µAh cm⁻², C cm⁻²…; a bare number is mAh cm⁻²' },
  { name: 'temperature', label: 'Temperature', def: '25 °C', unit: '°C', hint: '°C or K; a bare number is °C' },
  { name: 'stackPressure', label: 'Stack pressure', def: '150 kPa', unit: 'kPa', hint: 'kPa, MPa, bar, psi…; a bare number is kPa' },
  { name: 'separator', label: 'Separator', def: '25 µm PE', hint: '"25 µm PE", "Celgard 2325", "glass fibre"' },
  { name: 'cycles', label: 'Cycles', def: '100', hint: 'number of plating/stripping cycles' },
  { name: 'strippingCurrentDensity', label: 'Stripping current density', def: '', unit: 'mA cm-2', advanced: true, hint: 'optional; defaults to the plating current density' },
  { name: 'technique', label: 'Observed with (technique)', def: '', advanced: true, hint: 'optional: optical, SEM, cryo-TEM… (weights the nearest evidence)' },
]
const BY_NAME = new Map(CONFIG_FIELDS.map((f) => [f.name, f]))
/** Structured / simulator keys that belong to a text field (for error pointers). */
const ALIASES = {
  currentDensity_mA_cm2: 'currentDensity', capacity_mAh_cm2: 'capacity', temperature_C: 'temperature', stackPressure_kPa: 'stackPressure',
  strippingCurrentDensity_mA_cm2: 'strippingCurrentDensity', coatings: 'coating', cellType: 'cell', substrate: 'substrate', salts: 'electrolyte', solvents: 'electrolyte', additives: 'electrolyte', solid: 'electrolyte',
}
export const DEFAULT_CONFIG = Object.fromEntries(CONFIG_FIELDS.map((f) => [f.name, f.def]))
const STORE = 'li-kb-configuration'

/** The field a JSON pointer names (`/body/currentDensity`, `/body/baseConfiguration/capacity`, `/body/simulator/temperature_C`). */
export function fieldOfPointer(pointer) {
  for (const part of String(pointer ?? '').split('/')) {
    if (BY_NAME.has(part)) return part
    if (ALIASES[part]) return ALIASES[part]
  }
  return null
}

export const fieldLabel = (name) => BY_NAME.get(name)?.label ?? name

/** The configuration to start from: the URL's parameters, else the last one used, else the defaults. */
export function initialConfig(params) {
  const fromUrl = Object.fromEntries(CONFIG_FIELDS.filter((f) => params?.has(f.name)).map((f) => [f.name, params.get(f.name)]))
  if (Object.keys(fromUrl).length > 0) return { ...DEFAULT_CONFIG, ...fromUrl }
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE) ?? 'null')
    if (saved && typeof saved === 'object') return { ...DEFAULT_CONFIG, ...saved }
  } catch { /* storage unavailable */ }
  return { ...DEFAULT_CONFIG }
}

export function rememberConfig(values) {
  try { sessionStorage.setItem(STORE, JSON.stringify(values)) } catch { /* storage unavailable */ }
}

/** URL parameters for the fields that differ from the defaults. */
export function configParams(values) {
  const q = new URLSearchParams()
  for (const f of CONFIG_FIELDS) if ((values[f.name] ?? '') !== f.def) q.set(f.name, values[f.name] ?? '')
  return q
}

const BARE_NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i

/** The request body: empty fields left out, bare numbers given the field's unit. */
export function configBody(values) {
  const body = {}
  for (const f of CONFIG_FIELDS) {
    const v = String(values[f.name] ?? '').trim()
    if (!v) continue
    body[f.name] = f.unit && BARE_NUMBER.test(v) ? `${v} ${f.unit}` : v
  }
  return body
}

/** What the service read each field as, from a prediction's `configuration`. */
export function readAs(c) {
  if (!c) return {}
  const out = {}
  const el = c.electrolyte ?? {}
  const comp = (x) => `${x.concentration_M ? `${num(x.concentration_M)} M ` : ''}${x.amount !== undefined ? `${num(x.amount)} ${x.unit ?? ''} ` : ''}${x.id}`
  const parts = []
  if (el.solid) parts.push(`solid ${el.solid.id}`)
  if (el.salts?.length) parts.push(el.salts.map(comp).join(' + '))
  if (el.solvents?.length) parts.push(`in ${el.solvents.map((x) => x.id).join(':')}${el.solventRatio ? ` ${el.solventRatio.parts.join(':')} ${el.solventRatio.basis ?? ''}` : ''}`)
  if (el.additives?.length) parts.push(`+ ${el.additives.map(comp).join(', ')}`)
  if (parts.length) out.electrolyte = `${parts.join(' ')}${el.kind ? ` (${el.kind})` : ''}`
  if (c.cell) out.cell = c.cell
  if (c.substrate) out.substrate = c.substrate
  if (c.coatings?.length) out.coating = c.coatings.join(', ')
  if (typeof c.currentDensity_mA_cm2 === 'number') out.currentDensity = `${num(c.currentDensity_mA_cm2, 4)} mA cm⁻²`
  if (typeof c.strippingCurrentDensity_mA_cm2 === 'number') out.strippingCurrentDensity = `${num(c.strippingCurrentDensity_mA_cm2, 4)} mA cm⁻²`
  if (typeof c.capacity_mAh_cm2 === 'number') out.capacity = `${num(c.capacity_mAh_cm2, 4)} mAh cm⁻²`
  if (typeof c.temperature_C === 'number') out.temperature = `${num(c.temperature_C, 4)} °C`
  if (typeof c.stackPressure_kPa === 'number') out.stackPressure = `${num(c.stackPressure_kPa, 4)} kPa`
  if (c.separator) out.separator = [c.separator.type, c.separator.thickness_um ? `${num(c.separator.thickness_um)} µm` : ''].filter(Boolean).join(', ')
  if (typeof c.cycles === 'number') out.cycles = `${c.cycles} cycles`
  if (c.technique) out.technique = c.technique
  return out
}

/**
 * Build the form. `onSubmit(values)` runs on submit; returns helpers to show field errors
 * (from an ApiError), what each field was read as, and the current values.
 */
export function configForm({ values = DEFAULT_CONFIG, submitLabel = 'Predict', onSubmit, legend = 'Configuration', extra, fields: only }) {
  const prefix = nextId('cfg')
  const inputs = new Map()
  const errorEls = new Map()
  const readEls = new Map()
  const summary = h('div', { tabindex: '-1' })
  const fieldEl = (f) => {
    const id = `${prefix}-${f.name}`
    const input = h('input', {
      type: 'text', id, name: f.name, value: values[f.name] ?? '', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': `${id}-hint ${id}-error ${id}-read`, required: f.required ? true : undefined,
    })
    const err = h('p', { class: 'field-error', id: `${id}-error`, hidden: true })
    const read = h('p', { class: 'read-as', id: `${id}-read`, hidden: true })
    inputs.set(f.name, input); errorEls.set(f.name, err); readEls.set(f.name, read)
    input.addEventListener('input', () => { if (input.getAttribute('aria-invalid') === 'true') setFieldError(f.name, null) })
    return h('div', { class: 'field', 'data-field': f.name },
      h('label', { for: id }, f.label, f.unit ? h('span', { class: 'hint' }, ` (${f.unit.replace('cm-2', 'cm⁻²')})`) : null),
      input,
      h('span', { class: 'hint', id: `${id}-hint` }, f.hint),
      err, read)
  }
  const list = only ? CONFIG_FIELDS.filter((f) => only.includes(f.name)) : CONFIG_FIELDS
  const main = list.filter((f) => !f.advanced)
  const adv = list.filter((f) => f.advanced)
  const button = h('button', { type: 'submit' }, submitLabel)
  const reset = h('button', { type: 'button', class: 'secondary', onclick: () => { for (const [k, el] of inputs) if (k in DEFAULT_CONFIG) el.value = DEFAULT_CONFIG[k]; clearErrors() } }, 'Reset to defaults')
  const labels = new Map()
  const form = h('form', { class: 'config-form', novalidate: true },
    summary,
    h('fieldset', {}, h('legend', {}, legend),
      h('div', { class: 'field-grid' }, main.map(fieldEl)),
      adv.length ? h('details', {}, h('summary', {}, 'More conditions'), h('div', { class: 'field-grid' }, adv.map(fieldEl))) : null),
    extra ?? null,
    h('div', { class: 'row' }, button, reset))

  const getValues = () => Object.fromEntries([...inputs].filter(([k]) => k in DEFAULT_CONFIG).map(([k, el]) => [k, el.value]))
  /** Let an input outside the configuration (plan rows, question) take part in error reporting. */
  function addField(name, input, errorEl, label) {
    inputs.set(name, input); errorEls.set(name, errorEl); labels.set(name, label)
    input.addEventListener('input', () => { if (input.getAttribute('aria-invalid') === 'true') setFieldError(name, null) })
  }
  function setFieldError(name, text) {
    const input = inputs.get(name); const err = errorEls.get(name)
    if (!input || !err) return
    if (text) { input.setAttribute('aria-invalid', 'true'); err.textContent = text; err.hidden = false }
    else { input.removeAttribute('aria-invalid'); err.textContent = ''; err.hidden = true }
  }
  function clearErrors() {
    for (const name of inputs.keys()) setFieldError(name, null)
    summary.replaceChildren()
  }
  /** Show an ApiError: each field error under its field, the rest (and a linked list of all) at the top. */
  function showErrors(err, { fieldOf = fieldOfPointer } = {}) {
    clearErrors()
    const items = []
    let first = null
    for (const e of err.errors ?? []) {
      const name = fieldOf(e.pointer)
      const text = `${e.detail}${e.suggestions?.length ? ` — did you mean ${e.suggestions.join(', ')}?` : ''}`
      if (name && inputs.has(name)) {
        setFieldError(name, text)
        first ??= inputs.get(name)
        items.push(h('li', {}, h('a', { href: `#${inputs.get(name).id}`, onclick: (ev) => { ev.preventDefault(); inputs.get(name).focus() } }, labels.get(name) ?? fieldLabel(name)), `: ${text}`))
      } else items.push(h('li', {}, h('code', {}, e.pointer), `: ${text}`))
    }
    summary.replaceChildren(h('div', { class: 'error-box', role: 'alert', 'data-testid': 'form-errors' },
      h('h3', {}, err.status === 422 ? 'Something in the configuration is not known' : err.status === 0 ? 'The service could not be reached' : 'Please correct the configuration'),
      items.length ? h('ul', {}, items) : h('p', {}, err.problem?.detail ?? err.message)))
    ;(first ?? summary).focus()
  }
  function showReadAs(configuration) {
    const r = readAs(configuration)
    for (const [name, el] of readEls) {
      const t = r[name]
      el.hidden = !t
      el.textContent = t ? `read as: ${t}` : ''
    }
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault()
    clearErrors()
    const v = getValues()
    if (!String(v.currentDensity ?? '').trim() && inputs.has('currentDensity')) {
      showErrors({ status: 400, errors: [{ pointer: '/body/currentDensity', detail: 'a current density is needed, e.g. 1 mA cm-2' }] })
      return
    }
    rememberConfig(v)
    button.disabled = true
    try { await onSubmit?.(v) } finally { button.disabled = false }
  })
  return { form, inputs, getValues, showErrors, clearErrors, showReadAs, setFieldError, addField }
}
