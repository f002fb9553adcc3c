/**
 * One study: bibliographic record and DOI, summary and key findings, its
 * experiments side by side (conditions and observations in columns), the
 * figures and sections of the review it is traced to, normalised quantities,
 * corrections recorded against the review, gaps, and the rules citing it.
 */
import { api } from '../api.js'
import { h, loading, mount, tableWrap } from '../dom.js'
import { num, unit, words } from '../format.js'
import { doiLink, familyBadge, problemBox, SEVERITY } from '../prediction.js'

const q = (x) => (x ? [x.reported, x.basis ? ` (${x.basis})` : '', x.note ? h('div', { class: 'small muted' }, x.note) : null] : null)
const list = (xs) => (xs?.length ? xs.join(', ') : null)

function electrolyte(e) {
  if (!e) return null
  const comp = (c) => [c.id, c.concentration ? ` ${c.concentration.reported}` : '', c.amount ? ` ${c.amount.reported}` : ''].join('')
  return [
    h('div', {}, e.name), h('div', { class: 'small muted' }, `${e.kind}${e.solid ? ` · ${e.solid.id}${e.solid.form ? ` (${e.solid.form})` : ''}` : ''}`),
    e.salts?.length ? h('div', { class: 'small' }, 'salts: ', e.salts.map(comp).join(', ')) : null,
    e.solvents?.length ? h('div', { class: 'small' }, 'solvents: ', e.solvents.map(comp).join(', '), e.solventRatio ? ` (${e.solventRatio.reported})` : '') : null,
    e.additives?.length ? h('div', { class: 'small' }, 'additives: ', e.additives.map(comp).join(', ')) : null,
    e.solid?.thickness ? h('div', { class: 'small' }, 'thickness: ', e.solid.thickness.reported) : null,
    e.solid?.note ? h('div', { class: 'small muted' }, e.solid.note) : null,
  ]
}

const electrode = (x) => (x ? [x.id, x.form ? ` (${x.form})` : '', x.thickness ? `, ${x.thickness.reported}` : '', x.note ? h('div', { class: 'small muted' }, x.note) : null] : null)

function observation(o, i) {
  const rows = [
    ['Morphology', o.morphology?.length ? o.morphology.join(', ') : null],
    ['Growth', list(o.growthMode)],
    ['Nucleation', o.nucleation ? [list(o.nucleation.sites), o.nucleation.densityTrend ? ` · density ${o.nucleation.densityTrend}` : '', o.nucleation.note ? ` · ${o.nucleation.note}` : ''] : null],
    ['Dead Li', o.deadLi ? [o.deadLi.present ? 'present' : 'absent', o.deadLi.level ? ` (${o.deadLi.level})` : '', o.deadLi.note ? ` — ${o.deadLi.note}` : ''] : null],
    ['SEI', o.sei ? [list(o.sei.species), o.sei.structure ? ` · ${o.sei.structure}` : '', o.sei.thickness ? ` · ${o.sei.thickness.reported}` : '', o.sei.note ? ` — ${o.sei.note}` : ''] : null],
    ['Mechanical', o.mechanical?.length ? o.mechanical.map((m) => `${words(m.event)}${m.note ? ` (${m.note})` : ''}`).join('; ') : null],
    ['Short circuit', o.shortCircuit ? [o.shortCircuit.occurred ? 'yes' : 'no', o.shortCircuit.time ? ` after ${o.shortCircuit.time.reported}` : '', o.shortCircuit.note ? ` — ${o.shortCircuit.note}` : ''] : null],
    ['CE', q(o.coulombicEfficiency)],
    ['Voltage', o.voltage?.length ? o.voltage.map((v) => `${words(v.feature)}${v.value ? ` ${v.value.reported}` : ''}${v.note ? ` (${v.note})` : ''}`).join('; ') : null],
    ['Mechanism', o.mechanism],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '')
  return h('div', { class: 'obs' },
    h('p', {}, h('strong', {}, `${i + 1}. ${o.phase}${o.cycle !== undefined ? ` (cycle ${o.cycle})` : ''}`), o.provenance?.figures?.length ? h('span', { class: 'small muted' }, ` · ${o.provenance.figures.join(', ')}, §${o.provenance.section}`) : null),
    h('p', {}, o.summary),
    rows.length ? h('dl', { class: 'kv small' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null)
}

export async function render(root, { args, params, signal }) {
  const id = args[0]
  mount(root, h('p', {}, h('a', { href: '#/browse' }, '← all studies')), loading(`Loading ${id}…`))
  let st
  try {
    st = await api(`/v1/studies/${encodeURIComponent(id ?? '')}`, { signal })
  } catch (e) {
    if (e?.name === 'AbortError') throw e
    mount(root, h('p', {}, h('a', { href: '#/browse' }, '← all studies')), h('h1', {}, e.status === 404 ? 'Study not found' : 'Study'), problemBox(e))
    return
  }
  const rules = await api('/v1/rules', { query: { study: st.id }, signal }).catch(() => null)
  const normalisedById = new Map((st.normalised?.experiments ?? []).map((e) => [e.id, e]))
  const exps = st.experiments ?? []
  const focus = params.get('experiment')

  // Conditions, one row per attribute, one column per experiment (rows all empty are left out).
  const ROWS = [
    ['Technique', (e) => `${e.technique.family} · ${e.technique.variant} · ${e.technique.mode}`],
    ['Cell', (e) => [e.cell.configuration, e.cell.description ? h('div', { class: 'small muted' }, e.cell.description) : null]],
    ['Working electrode', (e) => electrode(e.cell.workingElectrode)],
    ['Counter electrode', (e) => electrode(e.cell.counterElectrode)],
    ['Electrolyte', (e) => electrolyte(e.electrolyte)],
    ['Substrate', (e) => electrode(e.substrate)],
    ['Coatings', (e) => (e.coatings?.length ? e.coatings.map((c) => `${c.id} (${c.role}${c.thickness ? `, ${c.thickness.reported}` : ''})`).join(', ') : null)],
    ['Surface preparation', (e) => list(e.surfacePreparation)],
    ['Current density', (e) => q(e.currentDensity)],
    ['Stripping current density', (e) => q(e.strippingCurrentDensity)],
    ['Current', (e) => q(e.current)],
    ['C-rate', (e) => q(e.cRate)],
    ['Capacity', (e) => q(e.capacity)],
    ['Charge', (e) => q(e.charge)],
    ['Duration', (e) => q(e.duration)],
    ['Cycles', (e) => (e.cycles ? String(e.cycles) : null)],
    ['Temperature', (e) => q(e.temperature)],
    ['Stack pressure', (e) => q(e.stackPressure)],
    ['Atmosphere', (e) => (e.atmosphere ? [e.atmosphere.description, e.atmosphere.oxygenPartialPressure ? `, pO₂ ${e.atmosphere.oxygenPartialPressure.reported}` : ''] : null)],
    ['Electron dose', (e) => q(e.electronDose)],
    ['Potential program', (e) => (e.potentialProgram ? [e.potentialProgram.kind, ...['range', 'sweepRate', 'hold'].map((k) => (e.potentialProgram[k] ? `, ${words(k)} ${e.potentialProgram[k].reported}` : '')), e.potentialProgram.note ? ` — ${e.potentialProgram.note}` : ''] : null)],
    ['Morphology families', (e) => { const f = normalisedById.get(e.id)?.morphologyFamilies ?? []; return f.length ? SEVERITY.filter((x) => f.includes(x)).reverse().map((x) => [familyBadge(x), ' ']) : null }],
    ['Figures (review)', (e) => [e.provenance.figures?.join(', ') || '—', ` · §${e.provenance.section}`]],
    ['Notes', (e) => e.notes],
  ]
  const rows = ROWS.map(([label, f]) => [label, exps.map(f)]).filter(([, cells]) => cells.some((c) => c !== null && c !== undefined && !(Array.isArray(c) && c.every((x) => x === null || x === ''))))
  const colClass = (e) => (e.id === focus ? 'highlight' : null)
  const sideBySide = exps.length ? tableWrap(h('table', { class: 'side-by-side', 'data-testid': 'experiments-table' },
    h('caption', {}, `${exps.length} experiment${exps.length === 1 ? '' : 's'} side by side: conditions, then what was observed.`),
    h('thead', {}, h('tr', {}, h('td', {}), exps.map((e) => h('th', { scope: 'col', id: `exp-${e.id}`, class: colClass(e) }, e.label, h('div', { class: 'small muted mono' }, e.id))))),
    h('tbody', {},
      rows.map(([label, cells]) => h('tr', {}, h('th', { scope: 'row' }, label), cells.map((c, i) => h('td', { class: colClass(exps[i]) }, c ?? h('span', { class: 'muted' }, '—'))))),
      h('tr', {}, h('th', { scope: 'row' }, 'Observations'), exps.map((e) => h('td', { class: colClass(e) }, e.observations.length ? e.observations.map(observation) : h('span', { class: 'muted' }, 'none recorded')))))), 'experiments side by side') : h('p', { class: 'muted' }, 'No experiments are encoded for this study (it is cited for context or is the review itself).')

  const quantities = st.normalised?.quantities ?? []
  const expLabel = (pointer) => { const m = /^\/experiments\/(\d+)/.exec(pointer); return m ? exps[Number(m[1])]?.id ?? pointer : pointer }
  const corrections = st.corrections ?? []
  mount(root,
    h('p', {}, h('a', { href: '#/browse' }, '← all studies')),
    h('article', { 'data-testid': 'study' },
      h('h1', {}, st.title),
      h('p', { class: 'study-meta' }, st.authors.join(', '), ` · ${st.journal}${st.volume ? ` ${st.volume}` : ''}${st.issue ? `(${st.issue})` : ''}${st.pages ? `, ${st.pages}` : ''} · ${st.year} · `, doiLink(st.doi)),
      h('p', {}, h('span', { class: 'badge level-none' }, st.role), ' ', st.techniques?.length ? `Techniques: ${st.techniques.join(', ')}. ` : '',
        `Referenced in the review: ${st.review?.sections?.length ? `section${st.review.sections.length > 1 ? 's' : ''} ${st.review.sections.join(', ')}` : 'no section recorded'}${st.review?.figures?.length ? `; figures ${st.review.figures.join(', ')}` : ''}${st.refs?.length ? `; reference ${st.refs.join(', ')}` : ''}.`),
      h('h2', {}, 'Summary'), h('p', { class: 'lead' }, st.summary),
      st.keyFindings?.length ? [h('h2', {}, 'Key findings'), h('ul', {}, st.keyFindings.map((k) => h('li', {}, k)))] : null,
      h('h2', {}, `Experiments (${exps.length})`),
      exps.length > 3 ? h('p', { class: 'scroll-hint' }, `The table scrolls sideways: ${exps.length} experiments, one per column.`) : null,
      sideBySide,
      quantities.length ? h('details', {}, h('summary', {}, `Normalised quantities (${quantities.length})`),
        tableWrap(h('table', {}, h('thead', {}, h('tr', {}, ['Experiment', 'Field', 'Reported', 'Normalised'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, quantities.map((x) => h('tr', {}, h('td', { class: 'mono small' }, expLabel(x.pointer)), h('td', {}, words(x.field)), h('td', {}, x.reported),
            h('td', {}, x.min === x.max ? `${num(x.min, 4)} ${unit(x.unit)}` : `${num(x.min, 4)}–${num(x.max, 4)} ${unit(x.unit)}`))))), 'normalised quantities')) : null,
      h('h2', {}, `Corrections recorded (${corrections.length})`),
      corrections.length ? h('div', { 'data-testid': 'corrections' }, corrections.map((c) => h('div', { class: 'correction' },
        h('p', {}, h('strong', {}, words(c.kind)), h('span', { class: 'small muted' }, ` · ${c.where}`)),
        h('dl', { class: 'kv' }, h('dt', {}, 'The review says'), h('dd', {}, c.reviewSays), h('dt', {}, 'Recorded'), h('dd', {}, c.recorded), h('dt', {}, 'Why'), h('dd', {}, c.reason))))) : h('p', { class: 'muted' }, 'None: the review’s account of this study needed no correction.'),
      st.gaps?.length ? [h('h2', {}, 'Gaps (too vague in the review to encode)'), h('ul', {}, st.gaps.map((g) => h('li', {}, g)))] : null,
      h('h2', {}, `Rules citing this study (${rules?.items?.length ?? 0})`),
      rules?.items?.length ? h('ul', {}, rules.items.map((r) => h('li', {}, r.title, h('span', { class: 'small muted mono' }, ` ${r.id}`),
        r.disputedBy?.some((d) => d.study === st.id) ? h('span', { class: 'flag' }, ' ⚠ this study disputes it') : null))) : h('p', { class: 'muted' }, 'No rule cites this study.')))
  const column = focus ? document.getElementById(`exp-${focus}`) : null
  return column ? { focus: column } : undefined
}
