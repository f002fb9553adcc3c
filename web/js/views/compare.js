/**
 * Compare techniques: a research question (and optional constraints) →
 * technique families ranked, each variant with its strengths, limits and the
 * knowledge-base studies that used it for similar questions.
 */
import { api } from '../api.js'
import { announce, focusHeading, h, loading, mount, tableWrap } from '../dom.js'
import { num, words } from '../format.js'
import { replaceHash } from '../nav.js'
import { doiLink, problemBox, studyLink } from '../prediction.js'

const CONSTRAINTS = [
  ['liquidElectrolyte', 'liquid electrolyte'], ['intactCell', 'intact cell'], ['nanoscale', 'nanoscale'], ['timeResolved', 'time-resolved'],
  ['avoidBeamDamage', 'avoid beam damage'], ['solidState', 'solid-state cell'], ['threeD', '3D'], ['chemistry', 'chemistry'],
]
const FAMILY_NAMES = { optical: 'Optical microscopy', sem: 'Scanning electron microscopy', tem: 'Transmission electron microscopy', afm: 'Atomic force microscopy', xray: 'X-ray microscopy / imaging' }

function scoreBar(score) {
  const fill = h('span')
  fill.style.width = `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`
  return h('span', { class: 'bar', 'aria-hidden': 'true' }, fill)
}

function variant(v) {
  return h('div', { class: 'variant' },
    h('p', {}, h('strong', {}, v.name), h('span', { class: 'muted small' }, ` · ${v.id} · score ${num(v.score, 2)}`)),
    h('div', { class: 'variant-cols' },
      h('div', {}, h('h4', {}, 'Strengths'), h('ul', {}, (v.strengths ?? []).map((x) => h('li', {}, x)))),
      h('div', {}, h('h4', {}, 'Limits'), h('ul', {}, (v.limits ?? []).map((x) => h('li', {}, x)))),
      h('div', {}, h('h4', {}, `Studies that used it (${v.studies?.length ?? 0})`),
        v.studies?.length ? h('ul', {}, v.studies.map((st) => h('li', {}, studyLink(st.id), ' ', doiLink(st.doi), st.why ? h('div', { class: 'small muted' }, st.why) : null))) : h('p', { class: 'muted small' }, 'none in the knowledge base'))),
    v.breakdown?.length ? h('details', {}, h('summary', {}, 'Score breakdown'),
      tableWrap(h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'need'), h('th', { scope: 'col', class: 'num' }, 'weight'), h('th', { scope: 'col', class: 'num' }, 'fit'))),
        h('tbody', {}, v.breakdown.map((b) => h('tr', {}, h('td', {}, words(b.need)), h('td', { class: 'num' }, num(b.weight, 2)), h('td', { class: 'num' }, num(b.fit, 2)))))), 'score breakdown')) : null)
}

/** The best two variants of a family in full; the others behind a disclosure. */
function variantsOf(variants) {
  const more = variants.slice(2)
  return [variants.slice(0, 2).map(variant),
    more.length ? h('details', { class: 'variant' }, h('summary', {}, `${more.length} more variant${more.length === 1 ? '' : 's'}: ${more.map((v) => v.name).join('; ')}`), more.map(variant)) : null]
}

/** The ranking returned by /v1/techniques/compare (also embedded in /v1/ask). */
export function renderComparison(c) {
  return h('div', { 'data-testid': 'comparison' },
    c.needs?.length ? h('div', {}, h('p', {}, 'Needs read from the question:'),
      h('ul', { class: 'chips' }, c.needs.map((n) => h('li', {}, h('span', { class: 'chip plain' }, h('span', { class: 'chip-kind' }, words(n.need)), n.matched ? h('strong', {}, `“${n.matched}”`) : null, n.from && n.from !== 'question' ? h('span', { class: 'small' }, `(${n.from})`) : null))))) : null,
    h('ol', { class: 'rank' }, (c.ranking ?? []).map((f, i) => h('li', { 'data-testid': 'technique-family' },
      h('div', { class: 'row' }, h('h3', {}, `${i + 1}. ${FAMILY_NAMES[f.family] ?? f.family}`),
        h('span', { class: 'badge level-none' }, `score ${num(f.score, 2)}`)),
      h('div', { class: 'score-bar' }, scoreBar(f.score)),
      variantsOf(f.variants ?? [])))))
}

export async function render(root, { params, signal }) {
  const q = h('textarea', { id: 'cmp-q', name: 'question', rows: 2, maxlength: 500, 'aria-describedby': 'cmp-hint' })
  q.value = params.get('q') ?? 'SEI composition at the nanoscale in a liquid electrolyte'
  const checks = CONSTRAINTS.map(([key, label]) => {
    const box = h('input', { type: 'checkbox', id: `cmp-${key}`, name: key })
    box.checked = params.get(key) === 'true'
    return { key, box, el: h('label', { for: `cmp-${key}` }, box, ` ${label}`) }
  })
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' })
  const form = h('form', {},
    h('div', { class: 'field' }, h('label', { for: 'cmp-q' }, 'Research question'), q,
      h('span', { class: 'hint', id: 'cmp-hint' }, 'What do you want to see? e.g. "dendrite growth in an intact pouch cell over many cycles", "voids at the Li|LLZO interface in 3D"')),
    h('fieldset', {}, h('legend', {}, 'Constraints (optional)'), h('div', { class: 'checks' }, checks.map((c) => c.el))),
    h('button', { type: 'submit' }, 'Rank techniques'))
  mount(root, h('h1', {}, 'Compare techniques'),
    h('p', { class: 'lead' }, 'Which microscopy fits your question? Techniques are ranked on what the question needs, with the studies in the knowledge base that used each.'),
    form, results)

  async function run() {
    const question = q.value.trim()
    const constraints = Object.fromEntries(checks.filter((c) => c.box.checked).map((c) => [c.key, true]))
    const hash = new URLSearchParams({ q: question, ...Object.fromEntries(Object.keys(constraints).map((k) => [k, 'true'])) })
    replaceHash(`#/compare?${hash}`)
    results.setAttribute('aria-busy', 'true')
    mount(results, loading('Ranking techniques…'))
    try {
      const c = await api('/v1/techniques/compare', { method: 'POST', body: { question, ...(Object.keys(constraints).length ? { constraints } : {}) }, signal })
      mount(results, h('h2', {}, 'Ranking'), renderComparison(c))
      focusHeading(results)
      announce(`Ranking ready: ${c.ranking?.[0]?.family ?? 'no technique'} first.`)
    } catch (e) {
      if (e?.name !== 'AbortError') mount(results, problemBox(e, { fieldName: (p) => (p === '/body/question' ? 'question' : p) }))
    } finally {
      results.setAttribute('aria-busy', 'false')
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run() })
  if (params.has('q')) await run()
}
