/**
 * Plan: a question, a base configuration and one or two parameters to vary →
 * /v1/plan → the experiment matrix as a table with the predicted outcome of
 * each row, where the predictions change, and the technique to observe it.
 */
import { api } from '../api.js'
import { configBody, configForm, configParams, fieldOfPointer, initialConfig } from '../config-form.js'
import { announce, focusHeading, h, loading, mount, tableWrap } from '../dom.js'
import { num, unit, words } from '../format.js'
import { replaceHash } from '../nav.js'
import { familyBadge, levelBadge } from '../prediction.js'

const PARAMETERS = [
  ['currentDensity', 'current density', 'range', ['0.1 mA cm-2', '20 mA cm-2']],
  ['capacity', 'areal capacity', 'range', ['0.1 mAh cm-2', '10 mAh cm-2']],
  ['temperature', 'temperature', 'range', ['-20 °C', '60 °C']],
  ['stackPressure', 'stack pressure', 'range', ['10 kPa', '10 MPa']],
  ['additive', 'additive', 'values', 'none, FEC'],
  ['substrate', 'substrate', 'values', 'Cu, Au, Ni'],
  ['coating', 'coating', 'values', 'none, Au'],
  ['solidElectrolyte', 'solid electrolyte', 'values', 'LLZTO, Li6PS5Cl'],
]
const KIND = Object.fromEntries(PARAMETERS.map(([k, , kind, def]) => [k, { kind, def }]))

function varyRow(i, initial, optional) {
  const id = (x) => `vary${i}-${x}`
  const param = h('select', { id: id('parameter') },
    optional ? h('option', { value: '' }, '— nothing else —') : null,
    PARAMETERS.map(([k, label]) => h('option', { value: k }, label)))
  const low = h('input', { type: 'text', id: id('low'), 'aria-describedby': `${id('low')}-err` })
  const high = h('input', { type: 'text', id: id('high'), 'aria-describedby': `${id('high')}-err` })
  const values = h('input', { type: 'text', id: id('values'), 'aria-describedby': `${id('values')}-hint ${id('values')}-err` })
  const err = (x) => h('p', { class: 'field-error', id: `${id(x)}-err`, hidden: true })
  const errs = { low: err('low'), high: err('high'), values: err('values') }
  const rangeBox = h('div', { class: 'field-grid' },
    h('div', { class: 'field' }, h('label', { for: id('low') }, 'from'), low, errs.low),
    h('div', { class: 'field' }, h('label', { for: id('high') }, 'to'), high, errs.high))
  const valuesBox = h('div', { class: 'field' }, h('label', { for: id('values') }, 'values (comma-separated)'), values,
    h('span', { class: 'hint', id: `${id('values')}-hint` }, 'material names; "none" for the control without it'), errs.values)
  const sync = (reset) => {
    const k = param.value
    const kind = KIND[k]?.kind
    rangeBox.hidden = kind !== 'range'
    valuesBox.hidden = kind !== 'values'
    if (reset && kind === 'range') { low.value = KIND[k].def[0]; high.value = KIND[k].def[1] }
    if (reset && kind === 'values') values.value = KIND[k].def
  }
  param.value = initial?.parameter ?? (optional ? '' : 'currentDensity')
  if (initial?.range) { low.value = initial.range[0]; high.value = initial.range[1] } else sync(true)
  if (initial?.values) values.value = initial.values.join(', ')
  sync(false)
  param.addEventListener('change', () => sync(true))
  const el = h('fieldset', {}, h('legend', {}, i === 0 ? 'Vary a condition' : 'Vary a second condition (optional)'),
    h('div', { class: 'field' }, h('label', { for: id('parameter') }, 'parameter'), param), rangeBox, valuesBox)
  return {
    el, inputs: { low, high, values }, errs,
    value() {
      const k = param.value
      if (!k) return null
      return KIND[k].kind === 'range' ? { parameter: k, range: [low.value.trim(), high.value.trim()] } : { parameter: k, values: values.value.split(',').map((x) => x.trim()).filter(Boolean) }
    },
  }
}

function conditionsText(c) {
  return Object.entries(c).map(([k, v]) => `${words(k)} ${typeof v === 'number' ? num(v, 3) : v}${k === 'currentDensity' ? ' mA cm⁻²' : k === 'capacity' ? ' mAh cm⁻²' : k === 'temperature' ? ' °C' : k === 'stackPressure' ? ' kPa' : ''}`).join(', ')
}

export function renderPlan(plan) {
  const whys = new Set(plan.rows.map((r) => `${r.technique.family}|${r.technique.variant}|${r.technique.why}`))
  const oneTechnique = whys.size === 1 ? plan.rows[0]?.technique : null
  return h('div', { 'data-testid': 'plan' },
    h('p', { class: 'answer' }, plan.question),
    plan.transitions?.length ? [h('h3', {}, 'Where the predictions change'), h('ul', {}, plan.transitions.map((t) => h('li', {},
      `${words(t.parameter)} between ${num(t.between[0])} and ${num(t.between[1])} ${unit(t.unit)}: `, h('strong', {}, t.change))))] : h('p', { class: 'muted' }, 'No predicted change inside the range.'),
    plan.thresholds?.length ? [h('h3', {}, 'Simulator thresholds in range'), h('ul', {}, plan.thresholds.map((t) => h('li', {}, `${t.name}: ${num(t.value)} ${unit(t.unit)} (${words(t.parameter)}) — `, h('span', { class: 'small muted' }, t.source))))] : null,
    h('h3', {}, `Experiment matrix (${plan.rows.length} rows)`),
    oneTechnique ? h('p', {}, 'Observe every row with ', h('strong', {}, `${oneTechnique.family} · ${oneTechnique.variant}`), `: ${oneTechnique.why}.`) : null,
    tableWrap(h('table', { 'data-testid': 'plan-table' },
      h('caption', {}, 'Each row is one experiment to run, with the predicted outcome and the technique to observe it.'),
      h('thead', {}, h('tr', {}, ['#', 'Role', 'Conditions', 'Morphology', 'Dead Li', 'CE (%)', 'Short risk', 'Confidence', 'Observe with', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, plan.rows.map((r, i) => h('tr', {},
        h('td', { class: 'num' }, String(i + 1)),
        h('td', {}, r.role),
        h('td', {}, conditionsText(r.conditions)),
        h('td', {}, familyBadge(r.predicted.family, r.predicted.label)),
        h('td', {}, levelBadge(r.predicted.deadLi)),
        h('td', { class: 'num' }, r.predicted.coulombicEfficiency === null ? '—' : num(r.predicted.coulombicEfficiency, 3)),
        h('td', {}, levelBadge(r.predicted.shortRisk)),
        h('td', { class: 'num' }, num(r.predicted.confidence, 2)),
        h('td', {}, `${r.technique.family} · ${r.technique.variant}`, oneTechnique ? null : h('div', { class: 'small muted' }, r.technique.why)),
        h('td', { class: 'small' }, r.why))))), 'experiment matrix'))
}

export async function render(root, { params, signal }) {
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' })
  const question = h('textarea', { id: 'plan-question', rows: 2, maxlength: 500, 'aria-describedby': 'plan-question-err' })
  question.value = params.get('question') ?? 'Where does FEC stop giving compact Li as the current density rises?'
  const questionErr = h('p', { class: 'field-error', id: 'plan-question-err', hidden: true })
  const rows = [varyRow(0, { parameter: 'currentDensity', range: ['0.1 mA cm-2', '20 mA cm-2'] }, false), varyRow(1, { parameter: 'additive', values: ['none', 'FEC'] }, true)]
  const cfg = configForm({
    values: initialConfig(params), submitLabel: 'Plan experiments', onSubmit: run, legend: 'Base configuration',
    extra: h('div', {}, rows.map((r) => r.el)),
  })
  cfg.form.prepend(h('div', { class: 'field' }, h('label', { for: 'plan-question' }, 'Question or hypothesis'), question, questionErr))
  cfg.addField('question', question, questionErr, 'Question')
  rows.forEach((r, i) => {
    cfg.addField(`vary${i}-low`, r.inputs.low, r.errs.low, `Vary ${i + 1}: from`)
    cfg.addField(`vary${i}-high`, r.inputs.high, r.errs.high, `Vary ${i + 1}: to`)
    cfg.addField(`vary${i}-values`, r.inputs.values, r.errs.values, `Vary ${i + 1}: values`)
  })
  mount(root, h('h1', {}, 'Plan experiments'),
    h('p', { class: 'lead' }, 'Vary one or two conditions around a base configuration: the plan brackets every predicted change with a pair of experiments, adds controls, and names the technique to observe each.'),
    cfg.form, results)

  const fieldOf = (pointer) => {
    const m = /^\/body\/vary\/(\d+)(?:\/(range|values)(?:\/(\d+))?)?/.exec(pointer)
    if (m) return m[2] === 'values' ? `vary${m[1]}-values` : m[3] === '1' ? `vary${m[1]}-high` : `vary${m[1]}-low`
    if (pointer === '/body/question') return 'question'
    return fieldOfPointer(pointer)
  }

  async function run(values) {
    const hp = configParams(values)
    hp.set('question', question.value)
    replaceHash(`#/plan?${hp}`)
    const vary = rows.map((r) => r.value()).filter(Boolean)
    results.setAttribute('aria-busy', 'true')
    mount(results, loading('Planning…'))
    try {
      const plan = await api('/v1/plan', { method: 'POST', body: { question: question.value.trim() || undefined, baseConfiguration: configBody(values), vary }, signal })
      mount(results, h('h2', {}, 'Plan'), renderPlan(plan))
      focusHeading(results)
      announce(`Plan ready: ${plan.rows.length} experiments.`)
    } catch (e) {
      if (e?.name === 'AbortError') return
      mount(results)
      cfg.showErrors(e, { fieldOf })
    } finally {
      results.setAttribute('aria-busy', 'false')
    }
  }
  if (params.has('question')) await run(cfg.getValues())
}
