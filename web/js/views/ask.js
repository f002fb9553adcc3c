/**
 * Ask: one question box. Shows how the question was read (one editable chip
 * per recognised condition), the answer, the prediction with its rules and
 * cited studies, matching experiments and contradictions — or, for "compare
 * X and Y for Z", the ranked techniques.
 */
import { api } from '../api.js'
import { replaceHash } from '../nav.js'
import { DEFAULT_CONFIG, configParams } from '../config-form.js'
import { announce, h, loading, mount } from '../dom.js'
import { num, unit, words } from '../format.js'
import { familyBadge, problemBox, renderEvidence, renderPrediction } from '../prediction.js'
import { renderComparison } from './compare.js'

const EXAMPLES = [
  'what happens at 3 mA cm-2 with FEC?',
  'garnet LLZTO at 0.5 mA cm-2 and 60 °C',
  'LiTFSI in DOL:DME on Cu at 2 mA cm-2, 1 mAh cm-2',
  'Li||Cu at 10 mA cm-2 in LiPF6 EC:DMC',
  'compare OM and TEM for SEI',
]

/** Short text for a recognised value. */
function chipValue(r) {
  const v = r.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  if (typeof v.value === 'number') return `${num(v.value, 4)} ${unit(v.unit)}`
  if (v.family) return v.family
  if (v.id) return v.id
  if (v.cell) return v.cell
  if (Array.isArray(v.parts)) return `${v.parts.join(':')} ${v.basis ?? ''}`
  if (v.kind && Array.isArray(v.values)) return `${v.values.join(', ')} ${unit(v.unit)} (not used)`
  return ''
}

/** Loose comparison of a chip's text and its value ("3 mA cm-2" vs "3 mA cm⁻²"). */
const norm = (t) => String(t).toLowerCase().replace(/⁻/g, '-').replace(/²/g, '2').replace(/[\s/]+/g, '')

/** Text fields of the Predict form for the conditions the question gave. */
function predictLink(c) {
  const cfg = { ...DEFAULT_CONFIG }
  if (typeof c.currentDensity_mA_cm2 === 'number') cfg.currentDensity = `${c.currentDensity_mA_cm2} mA cm-2`
  if (typeof c.capacity_mAh_cm2 === 'number') cfg.capacity = `${c.capacity_mAh_cm2} mAh cm-2`
  if (typeof c.temperature_C === 'number') cfg.temperature = `${c.temperature_C} °C`
  if (typeof c.stackPressure_kPa === 'number') cfg.stackPressure = `${c.stackPressure_kPa} kPa`
  if (c.substrate) cfg.substrate = c.substrate
  if (c.cell) cfg.cell = c.cell
  const el = c.electrolyte ?? {}
  if (el.solid?.id) cfg.electrolyte = el.solid.id
  else {
    const salts = (el.salts ?? []).map((s) => `${s.concentration_M ? `${s.concentration_M} M ` : '1 M '}${s.id}`).join(' + ')
    const solvents = (el.solvents ?? []).map((s) => s.id).join(':')
    const base = salts || solvents ? `${salts || '1 M LiPF6'} in ${solvents || 'EC:DMC'}` : DEFAULT_CONFIG.electrolyte
    const adds = (el.additives ?? []).map((a) => `${a.amount !== undefined ? `${a.amount} ${a.unit ?? 'wt%'} ` : ''}${a.id}`).join(' + ')
    cfg.electrolyte = adds ? `${base} + ${adds}` : base
  }
  return `#/predict?${configParams(cfg)}`
}

export async function render(root, { params, signal }) {
  const input = h('input', {
    type: 'text', id: 'ask-q', name: 'q', value: params.get('q') ?? '', maxlength: 500, autocomplete: 'off',
    placeholder: 'what happens at 3 mA cm⁻² with FEC?', 'aria-describedby': 'ask-hint',
  })
  const results = h('div', { id: 'ask-results', 'aria-live': 'polite', 'aria-busy': 'false' })
  const form = h('form', { role: 'search', 'aria-label': 'Ask the knowledge base' },
    h('label', { for: 'ask-q' }, 'Your question'),
    h('div', { class: 'ask-box' }, input, h('button', { type: 'submit' }, 'Ask')),
    h('p', { id: 'ask-hint', class: 'small muted' }, 'Conditions in words and units — current density, capacity, electrolyte, additive, substrate, temperature, pressure, technique. The chips below show how it was read; edit one to ask again.'))
  const examples = h('div', { class: 'examples', role: 'group', 'aria-label': 'example questions' },
    h('span', { class: 'small muted' }, 'Try:'),
    EXAMPLES.map((q) => h('button', { type: 'button', onclick: () => { input.value = q; ask(q) } }, q)))
  mount(root, h('h1', {}, 'Ask'), form, examples, results)

  async function ask(q) {
    q = q.trim()
    if (!q) { mount(results, h('p', { class: 'error-box', role: 'alert' }, 'Type a question first, e.g. "what happens at 3 mA cm-2 with FEC?"')); input.focus(); return }
    replaceHash(`#/ask?q=${encodeURIComponent(q)}`)
    results.setAttribute('aria-busy', 'true')
    mount(results, loading('Reading the question and predicting…'))
    try {
      const d = await api('/v1/ask', { query: { q }, signal })
      mount(results, renderAnswer(d, q))
      announce(d.prediction ? `Answer ready: ${d.prediction.morphology.family} Li predicted.` : 'Answer ready.')
    } catch (e) {
      if (e?.name === 'AbortError') return
      mount(results, problemBox(e, { fieldName: (p) => (p === '/query/q' ? 'question' : p) }))
    } finally {
      results.setAttribute('aria-busy', 'false')
    }
  }

  /** Ask again with the text of span [a, b) replaced. */
  function reask(q, [a, b], text) {
    const next = `${q.slice(0, a)}${text}${q.slice(b)}`.replace(/\s{2,}/g, ' ').trim()
    input.value = next
    ask(next)
  }

  function chip(r, q) {
    const li = h('li', {})
    const show = () => {
      const value = chipValue(r)
      mount(li, h('span', { class: 'chip', 'data-testid': 'chip' },
        h('span', { class: 'chip-kind' }, words(r.as)),
        h('strong', {}, r.text), value && norm(value) !== norm(r.text) ? h('span', { class: 'small' }, `= ${value}`) : null,
        h('button', { type: 'button', 'aria-label': `Edit ${words(r.as)} "${r.text}"`, onclick: edit }, 'edit'),
        h('button', { type: 'button', 'aria-label': `Remove ${words(r.as)} "${r.text}"`, onclick: () => reask(q, r.span, '') }, '×')))
    }
    const edit = () => {
      const field = h('input', { type: 'text', value: r.text, 'aria-label': `New ${words(r.as)}` })
      const apply = () => reask(q, r.span, field.value)
      field.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') { ev.preventDefault(); apply() }
        if (ev.key === 'Escape') { ev.preventDefault(); show(); li.querySelector('button')?.focus() }
      })
      mount(li, h('span', { class: 'chip' }, h('span', { class: 'chip-kind' }, words(r.as)), field,
        h('button', { type: 'button', onclick: apply }, 'ask again'),
        h('button', { type: 'button', onclick: () => { show(); li.querySelector('button')?.focus() } }, 'cancel')))
      field.focus()
      field.select()
    }
    show()
    return li
  }

  function renderAnswer(d, q) {
    const recognised = d.query.parsed.recognised ?? []
    const conditions = recognised.filter((r) => r.as !== 'intent')
    const intent = d.query.intent
    const suggestions = Object.entries(d.query.suggestions ?? {})
    const p = d.prediction
    return h('div', {},
      h('section', { 'aria-labelledby': 'understood-h' },
        h('h2', { id: 'understood-h' }, 'How the question was understood'),
        h('p', { class: 'small muted' }, `Intent: ${words(intent)}. `, conditions.length ? 'Each chip is one condition read from the question.' : 'No condition was recognised.'),
        h('ul', { class: 'chips', 'data-testid': 'chips' }, conditions.map((r) => chip(r, q)),
          (d.query.unrecognised ?? []).map((w) => h('li', {}, h('span', { class: 'chip plain unrecognised' }, h('span', { class: 'chip-kind' }, 'not understood'), h('strong', {}, typeof w === 'string' ? w : w.text ?? JSON.stringify(w)))))),
        suggestions.length ? h('p', { class: 'small' }, 'Did you mean: ', suggestions.map(([w, list], i) => [i ? '; ' : '', `${w} → ${[].concat(list).join(', ')}`])) : null,
        d.query.assumptions?.length ? h('ul', { class: 'small' }, d.query.assumptions.map((a) => h('li', {}, 'Assumed: ', a))) : null),
      h('section', { 'aria-labelledby': 'answer-h' },
        h('h2', { id: 'answer-h' }, 'Answer'),
        h('p', { class: 'answer', 'data-testid': 'answer' }, d.answer),
        p ? h('p', {}, h('a', { href: predictLink(p.configuration ?? d.query.parsed.conditions) }, 'Refine this configuration in the Predict form →'), ' · ',
          h('a', { href: predictLink(p.configuration ?? d.query.parsed.conditions).replace('#/predict', '#/physics') }, 'see the physics plots →')) : null),
      p ? h('section', { 'aria-labelledby': 'prediction-h' },
        h('h2', { id: 'prediction-h' }, 'Prediction: ', familyBadge(p.morphology.family, p.morphology.label)),
        renderPrediction(p)) : null,
      d.techniques ? h('section', { 'aria-labelledby': 'tech-h' }, h('h2', { id: 'tech-h' }, 'Techniques for this question'), renderComparison(d.techniques)) : null,
      h('section', { 'aria-labelledby': 'match-h' },
        h('h2', { id: 'match-h' }, `Experiments matching the conditions (${d.evidence.total})`),
        h('p', { class: 'small muted' }, `Same recorded conditions within a factor ${d.evidence.tolerance.currentDensityFactor} in current density and ±${d.evidence.tolerance.temperature_C} °C.`),
        renderEvidence(d.evidence.items, { caption: 'matching experiments', showDistance: false, emptyText: 'No experiment in the knowledge base matches these conditions within the tolerance; the nearest ones are listed with the prediction above.' })))
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); ask(input.value) })
  if (input.value.trim()) await ask(input.value)
}
