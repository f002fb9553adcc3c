/**
 * Rendering shared by Ask, Predict and Plan: morphology families and levels
 * (colour plus text), the prediction summary, fired rules with their
 * evidence, nearest experiments, contradictions and problems.
 */
import { h, tableWrap } from './dom.js'
import { doiUrl, duration, num, qty, studyName, unit, words } from './format.js'

export const FAMILIES = ['compact', 'mossy', 'whisker', 'dendritic', 'penetrating']
/** Most severe first, to pick the one colour for a point that observed several families. */
export const SEVERITY = ['penetrating', 'dendritic', 'whisker', 'mossy', 'compact']

export function familyBadge(family, label) {
  const known = FAMILIES.includes(family)
  return h('span', { class: ['badge', 'fam', known ? `fam-${family}` : ''] }, label && label !== family ? `${family} · ${label}` : family ?? 'not recorded')
}

export function levelBadge(level, prefix = '') {
  return h('span', { class: ['badge', `level-${level ?? 'none'}`] }, `${prefix}${level ?? 'unknown'}`)
}

export const studyLink = (id, experimentId) =>
  h('a', { href: `#/study/${encodeURIComponent(id)}${experimentId ? `?experiment=${encodeURIComponent(experimentId)}` : ''}` }, studyName(id))

export const doiLink = (doi) => (doi ? h('a', { href: doiUrl(doi), rel: 'noopener noreferrer', target: '_blank', class: 'small' }, `DOI ${doi}`, h('span', { class: 'visually-hidden' }, ' (opens doi.org in a new tab)')) : null)

/** A problem (ApiError) as a message; `fieldNames` maps JSON pointers to the names the reader sees. */
export function problemBox(err, { fieldName = (p) => p, heading } = {}) {
  const p = err?.problem ?? {}
  const errors = err?.errors ?? []
  return h('div', { class: 'error-box', role: 'alert' },
    h('h3', {}, heading ?? p.title ?? 'Something went wrong'),
    errors.length === 0 ? h('p', {}, p.detail ?? err?.message ?? String(err)) : null,
    errors.length > 0 ? h('ul', {}, errors.map((e) => h('li', {},
      h('strong', {}, fieldName(e.pointer)), ': ', e.detail,
      e.suggestions?.length ? h('span', {}, ` — did you mean ${e.suggestions.join(', ')}?`) : null))) : null,
    err?.status === 0 ? h('p', { class: 'small' }, 'Is the service still running?') : null)
}

function card(title, ...body) {
  return h('section', { class: 'card' }, h('h3', {}, title), ...body)
}

/** Morphology family scores as labelled bars. */
function alternativesBars(alternatives) {
  return h('ul', { class: 'bars', 'aria-label': 'score of each morphology family' }, alternatives.map((a) => {
    const fill = h('span', { class: `fill-${a.family}` })
    fill.style.width = `${Math.round(a.score * 100)}%`
    return h('li', {}, h('span', {}, a.family), h('span', { class: 'bar', 'aria-hidden': 'true' }, fill), h('span', { class: 'num' }, `${Math.round(a.score * 100)} %`))
  }))
}

/** The four headline cards and the details of a prediction (from /v1/predict or /v1/ask). */
export function renderPredictionSummary(p) {
  const m = p.morphology
  const d = p.deadLi
  const r = p.shortRisk
  const n = p.nucleation
  return h('div', { 'data-testid': 'prediction' },
    h('div', { class: 'cards' },
      card('Morphology',
        h('p', { class: 'big', 'data-testid': 'morphology-family' }, familyBadge(m.family)),
        h('p', {}, 'Label: ', h('strong', {}, m.label), m.growthMode ? ` · ${m.growthMode} growth` : ''),
        alternativesBars(m.alternatives ?? [])),
      card('Dead Li and CE',
        h('p', { class: 'big' }, levelBadge(d.level, 'dead Li ')),
        h('p', {}, 'Coulombic efficiency: ', h('strong', {}, d.coulombicEfficiency ? qty(d.coulombicEfficiency, 3) : '—')),
        h('p', {}, 'Dead-Li loss per cycle: ', h('strong', {}, d.deadLiFraction ? qty(d.deadLiFraction, 3) : '—'))),
      card('Short circuit',
        h('p', { class: 'big' }, levelBadge(r.level, 'risk ')),
        h('p', {}, 'Time to short: ', h('strong', {}, r.timeToShort ? (r.timeToShort.unit === 's' ? duration(r.timeToShort.value) : qty(r.timeToShort)) : 'none predicted')),
        h('p', { class: 'small muted' }, r.mechanism, ` (score ${num(r.score, 2)})`)),
      card('Nucleation and SEI',
        h('p', {}, 'Overpotential: ', h('strong', {}, qty(n.overpotential))),
        h('p', {}, 'Nucleus density: ', h('strong', {}, qty(n.density)), n.densityTrend ? ` (${n.densityTrend} with current)` : ''),
        h('p', {}, 'SEI: ', p.sei?.length ? p.sei.join(', ') : '—'),
        h('p', { class: 'small muted' }, `confidence ${num(p.confidence, 2)}`))),
    p.caveats?.length ? h('details', {}, h('summary', {}, `Caveats (${p.caveats.length})`), h('ul', {}, p.caveats.map((c) => h('li', {}, c)))) : null,
    p.assumptions?.length ? h('details', {}, h('summary', {}, `Assumptions (${p.assumptions.length})`),
      h('ul', {}, p.assumptions.map((a) => h('li', {}, a.field ? h('code', {}, a.field) : null, a.field ? ' ' : '', a.value ? h('strong', {}, a.value) : null, a.value ? ' — ' : '', a.reason)))) : null,
    p.simulation?.ran ? h('details', {}, h('summary', {}, `Simulator quantities (regime: ${p.simulation.regime}, class: ${p.simulation.morphologyClass})`),
      tableWrap(h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'quantity'), h('th', { scope: 'col', class: 'num' }, 'value'), h('th', { scope: 'col' }, 'unit'))),
        h('tbody', {}, Object.entries(p.simulation.quantities).map(([k, v]) => h('tr', {}, h('td', {}, words(k)), h('td', { class: 'num' }, num(v.value, 4)), h('td', {}, unit(v.unit)))))), 'simulator quantities')) : null)
}

/** Fired rules, each with the studies (page and DOI) and figures it cites; disputed rules flagged. */
export function renderRules(rules) {
  if (!rules?.length) return h('p', { class: 'muted' }, 'No literature rule fired for this configuration.')
  return h('div', { 'data-testid': 'rules' }, rules.map((rule) => h('article', { class: ['rule', rule.disputedBy?.length ? 'disputed' : ''] },
    h('h3', {}, rule.title),
    h('p', { class: 'small muted' }, h('code', {}, rule.id), ` · strength ${num(rule.strength, 2)} · sets `,
      rule.effects.map((e, i) => [i ? ', ' : '', `${words(e.target)} = ${e.value}`])),
    h('ul', { class: 'evidence-list' }, rule.evidence.map((e) => h('li', {},
      studyLink(e.study), e.figure ? `, ${e.figure}` : '', e.note ? ` — ${e.note}` : '', ' ', doiLink(e.doi)))),
    rule.disputedBy?.length ? h('div', { class: 'warn-box' }, h('strong', { class: 'flag' }, '⚠ Disputed: '),
      h('ul', { class: 'evidence-list' }, rule.disputedBy.map((d) => h('li', {}, studyLink(d.study), ` — ${d.note} `, doiLink(d.doi))))) : null,
    rule.conditions?.length ? h('details', {}, h('summary', {}, 'Why it fired'),
      h('ul', { class: 'small' }, rule.conditions.map((c) => h('li', {}, `${c.fact} ${c.operator} ${JSON.stringify(c.value)} (here: ${JSON.stringify(c.factValue)}) → ${c.result ? 'true' : 'false'}`)))) : null)))
}

/** Evidence rows (nearest or matching experiments): study page, DOI, what was observed, how close. */
export function renderEvidence(items, { caption, showDistance = true, emptyText = 'No experiment in the knowledge base.' } = {}) {
  if (!items?.length) return h('p', { class: 'muted' }, emptyText)
  const table = h('table', { 'data-testid': 'evidence-table' },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Study'), h('th', { scope: 'col' }, 'Experiment'), h('th', { scope: 'col' }, 'Observed'),
      h('th', { scope: 'col' }, 'Dead Li'), showDistance ? h('th', { scope: 'col', class: 'num' }, 'Distance') : null,
      h('th', { scope: 'col' }, showDistance ? 'Differs in' : 'Matched on'), h('th', { scope: 'col' }, 'DOI'))),
    h('tbody', {}, items.map((e) => h('tr', {},
      h('td', {}, studyLink(e.studyId, e.experimentId)),
      h('td', {}, e.label, e.figures?.length ? h('div', { class: 'small muted' }, e.figures.join(', ')) : null),
      h('td', {}, (e.observed?.families ?? []).length ? e.observed.families.map((f) => [familyBadge(f), ' ']) : h('span', { class: 'muted' }, 'not recorded'),
        e.observed?.labels?.length ? h('div', { class: 'small muted' }, e.observed.labels.join(', ')) : null),
      h('td', {}, e.observed?.deadLi ?? '—'),
      showDistance ? h('td', { class: 'num' }, typeof e.distance === 'number' ? num(e.distance, 2) : '—') : null,
      h('td', { class: 'small' }, ((showDistance ? e.differs : e.matchedOn) ?? []).join(', ') || '—'),
      h('td', {}, doiLink(e.doi))))))
  return tableWrap(table, caption ?? 'evidence')
}

/** Contradictions: close experiments from different studies that saw different families. */
export function renderContradictions(list) {
  if (!list?.length) return h('p', { class: 'muted', 'data-testid': 'contradictions' }, 'No contradictions among the nearest experiments.')
  return h('div', { class: 'warn-box', 'data-testid': 'contradictions' },
    h('h3', {}, `⚠ ${list.length} contradiction${list.length === 1 ? '' : 's'} in the evidence`),
    h('ul', {}, list.map((c) => h('li', {},
      studyLink(c.studies[0], c.experiments[0]), ' saw ', c.observed[0].map((f) => [familyBadge(f), ' ']),
      'but ', studyLink(c.studies[1], c.experiments[1]), ' saw ', c.observed[1].map((f) => [familyBadge(f), ' ']),
      h('span', { class: 'small' }, `— they differ in ${c.differs.join(', ') || 'nothing recorded'}`)))))
}

/** Everything about a prediction: summary, rules, evidence, contradictions. */
export function renderPrediction(p, { headingLevel = 'h2' } = {}) {
  return h('div', {},
    renderPredictionSummary(p),
    h(headingLevel, {}, `Rules that fired (${p.rules?.length ?? 0})`),
    renderRules(p.rules),
    h(headingLevel, {}, 'Nearest experiments in the knowledge base'),
    renderEvidence(p.evidence, { caption: 'nearest experiments (distance 0 = same conditions; used as evidence up to 0.5)' }),
    h(headingLevel, {}, 'Contradictions'),
    renderContradictions(p.contradictions))
}
