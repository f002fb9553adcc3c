/**
 * Browse: the studies as a filterable, sortable table (technique, electrolyte
 * class, additive, substrate, current-density range in any unit, morphology,
 * year), facet counts for the current filter, full-text search, and export of
 * the current filter as CSV, BibTeX, CSL-JSON or JSON-LD.
 */
import { api, queryString } from '../api.js'
import { announce, h, loading, mount, tableWrap } from '../dom.js'
import { num, studyName, words } from '../format.js'
import { replaceHash } from '../nav.js'
import { doiLink, familyBadge, problemBox, SEVERITY, studyLink } from '../prediction.js'

const FILTERS = ['technique', 'electrolyteClass', 'additive', 'substrate', 'morphology', 'jMin', 'jMax', 'jUnit', 'yearMin', 'yearMax']
const FACETS = [
  ['technique', 'Technique'], ['electrolyteClass', 'Electrolyte class'], ['morphology', 'Morphology observed'],
  ['additive', 'Additive'], ['substrate', 'Substrate'], ['year', 'Year'],
]
const J_UNITS = [['mA/cm2', 'mA cm⁻²'], ['uA/cm2', 'µA cm⁻²'], ['A/m2', 'A m⁻²']]
const EXPORTS = [['csv', 'CSV'], ['bibtex', 'BibTeX'], ['csljson', 'CSL-JSON'], ['jsonld', 'JSON-LD']]
const PAGE = 100
const FIELD_NAMES = {
  jMin: 'Current density from', jMax: 'Current density to', jUnit: 'Current density unit', yearMin: 'Year from', yearMax: 'Year to',
  technique: 'Technique', electrolyteClass: 'Electrolyte class', additive: 'Additive', substrate: 'Substrate', morphology: 'Morphology',
}

const uniq = (xs) => [...new Set(xs.filter((x) => x !== null && x !== undefined && x !== ''))]

/** One table row's values, derived from the study and its matching experiments. */
function rowOf(st) {
  const ex = st.experiments ?? []
  const js = ex.flatMap((e) => [e.currentDensity?.min_mA_cm2, e.currentDensity?.max_mA_cm2]).filter((v) => typeof v === 'number')
  const fams = uniq(ex.flatMap((e) => e.morphologyFamilies ?? []))
  return {
    st,
    id: st.id,
    year: st.year,
    technique: uniq([...(st.techniques ?? []), ...ex.map((e) => e.technique?.family)]).join(', '),
    variants: uniq(ex.map((e) => e.technique?.variant)).join(', '),
    electrolyte: uniq(ex.map((e) => e.electrolyte?.class ?? e.electrolyte?.kind)).join(', '),
    additive: uniq(ex.flatMap((e) => e.electrolyte?.additives ?? [])).join(', '),
    substrate: uniq(ex.map((e) => e.substrate)).join(', '),
    jMin: js.length ? Math.min(...js) : null,
    jMax: js.length ? Math.max(...js) : null,
    families: SEVERITY.filter((f) => fams.includes(f)).reverse(),
    morphology: SEVERITY.filter((f) => fams.includes(f)).reverse().join(', '),
    experiments: ex.length,
  }
}

const COLUMNS = [
  { key: 'id', label: 'Study', sort: (r) => r.id },
  { key: 'year', label: 'Year', num: true, sort: (r) => r.year },
  { key: 'technique', label: 'Technique', sort: (r) => r.technique },
  { key: 'electrolyte', label: 'Electrolyte', sort: (r) => r.electrolyte },
  { key: 'additive', label: 'Additive', sort: (r) => r.additive },
  { key: 'substrate', label: 'Substrate', sort: (r) => r.substrate },
  { key: 'j', label: 'J (mA cm⁻²)', num: true, sort: (r) => r.jMin },
  { key: 'morphology', label: 'Morphology', sort: (r) => r.morphology },
  { key: 'experiments', label: 'Exp.', num: true, sort: (r) => r.experiments, title: 'matching experiments' },
  { key: 'doi', label: 'DOI', sort: (r) => r.st.doi },
]

export async function render(root, { params, signal }) {
  const state = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']))
  if (!state.jUnit) state.jUnit = 'mA/cm2'
  let sortKey = params.get('sort') ?? 'year'
  let sortDir = params.get('dir') ?? (sortKey === 'year' ? 'desc' : 'asc')
  let rows = []
  let total = 0
  let facets = null

  // --- filter form
  const inputs = {}
  const errs = {}
  const lists = {}
  const field = (name, label, control, hint) => {
    control.id = `f-${name}`
    control.name = name
    control.setAttribute('aria-describedby', `f-${name}-err${hint ? ` f-${name}-hint` : ''}`)
    inputs[name] = control
    errs[name] = h('p', { class: 'field-error', id: `f-${name}-err`, hidden: true })
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('span', { class: 'hint', id: `f-${name}-hint` }, hint) : null, errs[name])
  }
  const select = (name, options) => {
    const el = h('select', {}, h('option', { value: '' }, 'any'), options.map(([v, t]) => h('option', { value: v }, t)))
    el.value = state[name]
    return el
  }
  const text = (name, listId, placeholder) => {
    lists[name] = h('datalist', { id: listId })
    return h('input', { type: 'text', value: state[name], list: listId, autocomplete: 'off', placeholder })
  }
  const techniqueSel = select('technique', [['optical', 'optical'], ['sem', 'SEM'], ['tem', 'TEM'], ['afm', 'AFM'], ['xray', 'X-ray']])
  const classSel = select('electrolyteClass', ['carbonate', 'ether', 'glyme', 'sulfoxide', 'mixed', 'garnet', 'sulfide', 'oxynitride', 'polymer', 'liquid', 'solid-inorganic'].map((v) => [v, v]))
  const unitSel = h('select', {}, J_UNITS.map(([v, t]) => h('option', { value: v }, t)))
  unitSel.value = state.jUnit
  const form = h('form', { 'aria-label': 'Filter studies', 'data-testid': 'filters' },
    h('div', { class: 'stack' },
      field('technique', 'Technique', techniqueSel),
      field('electrolyteClass', 'Electrolyte class', classSel),
      field('additive', 'Additive', text('additive', 'dl-additive', 'FEC, LiNO3…'), 'name, abbreviation or formula'),
      field('substrate', 'Substrate', text('substrate', 'dl-substrate', 'Cu, Li, Au…')),
      field('morphology', 'Morphology', text('morphology', 'dl-morphology', 'dendritic, needle…'), 'family or term'),
      h('fieldset', {}, h('legend', {}, 'Current density'),
        h('div', { class: 'stack' },
          h('div', { class: 'pair' },
            field('jMin', 'from', h('input', { type: 'text', value: state.jMin, inputmode: 'decimal', placeholder: '0.5' })),
            field('jMax', 'to', h('input', { type: 'text', value: state.jMax, inputmode: 'decimal', placeholder: '500 µA cm-2' }))),
          field('jUnit', 'unit of bare numbers', unitSel))),
      h('fieldset', {}, h('legend', {}, 'Year'),
        h('div', { class: 'pair' },
          field('yearMin', 'from', h('input', { type: 'number', value: state.yearMin, min: 1900, max: 2100, inputmode: 'numeric' })),
          field('yearMax', 'to', h('input', { type: 'number', value: state.yearMax, min: 1900, max: 2100, inputmode: 'numeric' })))),
      h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Apply filters'),
        h('button', { type: 'button', class: 'secondary', onclick: () => { for (const k of FILTERS) state[k] = k === 'jUnit' ? 'mA/cm2' : ''; syncInputs(); load() } }, 'Clear'))),
    Object.values(lists))
  const syncInputs = () => { for (const k of FILTERS) if (inputs[k]) inputs[k].value = state[k] }
  const readInputs = () => { for (const k of FILTERS) if (inputs[k]) state[k] = inputs[k].value.trim() }

  const facetBox = h('nav', { class: 'facets', 'aria-label': 'Facet counts' })
  const status = h('p', { role: 'status', 'data-testid': 'browse-status' })
  const errorBox = h('div')
  const tableBox = h('div', { 'aria-busy': 'false' })
  const exportBox = h('div', { class: 'row', role: 'group', 'aria-label': 'Export the current filter' })

  // --- full-text search
  const searchInput = h('input', { type: 'search', id: 'fts-q', name: 'q', value: params.get('q') ?? '', placeholder: 'e.g. LiPF6 +dendrit*  or  sei:LiF', 'aria-describedby': 'fts-hint fts-err', maxlength: 200 })
  const searchErr = h('p', { class: 'field-error', id: 'fts-err', hidden: true })
  const searchResults = h('div', { 'aria-live': 'polite', class: 'search-results', tabindex: '-1' })
  const searchForm = h('form', { role: 'search', 'aria-label': 'Full-text search' },
    h('label', { for: 'fts-q' }, 'Full-text search'),
    h('div', { class: 'ask-box' }, searchInput, h('button', { type: 'submit' }, 'Search')),
    h('span', { class: 'hint small muted', id: 'fts-hint' }, 'Studies, experiments and observations. Syntax: terms, +required, -excluded, prefix*, field:term.'),
    searchErr)

  mount(root,
    h('h1', {}, 'Browse studies'),
    h('div', { class: 'sidebar-layout' },
      h('aside', { class: 'panel' }, h('details', { class: 'filters-panel', open: window.innerWidth > 900 ? true : undefined },
        h('summary', {}, h('h2', { class: 'inline' }, 'Filters and facets')), form,
        h('h2', {}, 'Facets'), h('p', { class: 'small muted' }, 'Counts of matching studies; choose one to filter.'), facetBox)),
      h('section', { 'aria-labelledby': 'studies-h' },
        h('div', { class: 'panel' }, searchForm, searchResults),
        h('h2', { id: 'studies-h' }, 'Studies'),
        h('div', { class: 'row' }, h('span', { class: 'small muted' }, 'Export this filter:'), exportBox),
        status, errorBox, tableBox)))

  function query() {
    const q = {}
    for (const k of FILTERS) if (state[k] && !(k === 'jUnit' && (state[k] === 'mA/cm2' || (!state.jMin && !state.jMax)))) q[k] = state[k]
    return q
  }
  function updateHash() {
    const p = new URLSearchParams(query())
    if (sortKey !== 'year' || sortDir !== 'desc') { p.set('sort', sortKey); p.set('dir', sortDir) }
    if (searchInput.value.trim()) p.set('q', searchInput.value.trim())
    const qs = p.toString()
    replaceHash(`#/browse${qs ? `?${qs}` : ''}`)
  }
  function clearFieldErrors() {
    for (const k of Object.keys(errs)) { errs[k].hidden = true; errs[k].textContent = ''; inputs[k]?.removeAttribute('aria-invalid') }
    mount(errorBox)
  }

  async function load() {
    clearFieldErrors()
    updateHash()
    for (const [fmt, label] of EXPORTS) exportLinks[fmt].href = `/v1/export${queryString({ format: fmt, ...query() })}`
    tableBox.setAttribute('aria-busy', 'true')
    mount(tableBox, loading('Loading studies…'))
    try {
      const first = await api('/v1/studies', { query: { ...query(), limit: PAGE, offset: 0 }, signal })
      let items = first.items
      total = first.total
      facets = first.facets
      for (let offset = PAGE; offset < total && offset < 20 * PAGE; offset += PAGE) {
        const more = await api('/v1/studies', { query: { ...query(), limit: PAGE, offset }, signal })
        items = items.concat(more.items)
      }
      rows = items.map(rowOf)
      renderFacets()
      renderTable()
      announce(`${total} ${total === 1 ? 'study matches' : 'studies match'} the filters.`)
    } catch (e) {
      if (e?.name === 'AbortError') return
      mount(tableBox)
      status.textContent = ''
      let first = null
      for (const fe of e.errors ?? []) {
        const name = String(fe.pointer).replace('/query/', '')
        if (errs[name]) {
          errs[name].textContent = `${fe.detail}${fe.suggestions?.length ? ` — did you mean ${fe.suggestions.join(', ')}?` : ''}`
          errs[name].hidden = false
          inputs[name].setAttribute('aria-invalid', 'true')
          first ??= inputs[name]
        }
      }
      mount(errorBox, problemBox(e, { heading: 'The filters could not be applied', fieldName: (p) => FIELD_NAMES[String(p).replace('/query/', '')] ?? words(String(p).replace('/query/', '')) }))
      if (first) form.closest('details').open = true
      first?.focus()
    } finally {
      tableBox.setAttribute('aria-busy', 'false')
    }
  }

  const exportLinks = Object.fromEntries(EXPORTS.map(([fmt, label]) => [fmt, h('a', { class: 'button secondary', href: '#', download: '', 'data-format': fmt }, label)]))
  mount(exportBox, Object.values(exportLinks))

  function renderFacets() {
    if (!facets) return
    const groups = FACETS.map(([key, label]) => {
      const values = facets[key] ?? []
      if (!values.length) return null
      return h('div', {}, h('h3', {}, label), h('ul', {}, values.map((f) => {
        const active = key === 'year' ? state.yearMin === f.value && state.yearMax === f.value : String(state[key]).toLowerCase() === String(f.value).toLowerCase()
        return h('li', {}, h('button', {
          type: 'button', 'aria-pressed': active ? 'true' : 'false',
          'aria-label': `${label}: ${f.value}, ${f.count} ${f.count === 1 ? 'study' : 'studies'}${active ? ' (active, press to remove)' : ''}`,
          onclick: () => {
            if (key === 'year') { state.yearMin = active ? '' : f.value; state.yearMax = active ? '' : f.value }
            else state[key] = active ? '' : f.value
            syncInputs()
            load()
          },
        }, f.value, h('span', { class: 'count' }, `(${f.count})`)))
      })))
    })
    mount(facetBox, groups)
    for (const [key, name] of [['additive', 'additive'], ['substrate', 'substrate'], ['morphology', 'morphology']]) {
      if (lists[name] && facets[key]) mount(lists[name], facets[key].map((f) => h('option', { value: f.value })))
    }
  }

  function sorted() {
    const col = COLUMNS.find((c) => c.key === sortKey) ?? COLUMNS[1]
    const dir = sortDir === 'desc' ? -1 : 1
    return [...rows].sort((a, b) => {
      const x = col.sort(a); const y = col.sort(b)
      const ex = x === null || x === undefined || x === ''; const ey = y === null || y === undefined || y === ''
      if (ex || ey) return ex && ey ? 0 : ex ? 1 : -1 // empty values last, either direction
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true })
      return c * dir || a.id.localeCompare(b.id)
    })
  }

  function renderTable() {
    const col = COLUMNS.find((c) => c.key === sortKey)
    status.textContent = `${total} ${total === 1 ? 'study matches' : 'studies match'}${Object.keys(query()).length ? ' the filters' : ''}${rows.length < total ? ` (showing ${rows.length})` : ''} · sorted by ${col?.label ?? sortKey}, ${sortDir === 'desc' ? 'descending' : 'ascending'}.`
    if (rows.length === 0) { mount(tableBox, h('p', { class: 'note' }, 'No study has an experiment matching all the filters. Remove one, or widen the current-density range.')); return }
    const head = h('tr', {}, COLUMNS.map((c) => h('th', {
      scope: 'col', class: c.num ? 'num' : null,
      'aria-sort': c.key === sortKey ? (sortDir === 'desc' ? 'descending' : 'ascending') : null,
    }, h('button', {
      type: 'button', class: 'sort', title: c.title,
      onclick: () => {
        if (sortKey === c.key) sortDir = sortDir === 'asc' ? 'desc' : 'asc'
        else { sortKey = c.key; sortDir = c.key === 'year' ? 'desc' : 'asc' }
        renderTable()
        updateHash()
        tableBox.querySelector(`th[aria-sort] button`)?.focus()
      },
    }, c.label, h('span', { class: 'sort-icon', 'aria-hidden': 'true' })))))
    const body = sorted().map((r) => h('tr', { 'data-study': r.id },
      h('td', {}, h('a', { href: `#/study/${encodeURIComponent(r.id)}` }, studyName(r.id)), h('div', { class: 'small muted' }, r.st.title)),
      h('td', { class: 'num' }, String(r.year)),
      h('td', {}, r.technique || '—', r.variants ? h('div', { class: 'small muted' }, r.variants) : null),
      h('td', {}, r.electrolyte || '—'),
      h('td', {}, r.additive || '—'),
      h('td', {}, r.substrate || '—'),
      h('td', { class: 'num' }, r.jMin === null ? '—' : r.jMin === r.jMax ? num(r.jMin) : `${num(r.jMin)}–${num(r.jMax)}`),
      h('td', {}, r.families.length ? r.families.map((f) => [familyBadge(f), ' ']) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'num' }, String(r.experiments)),
      h('td', {}, doiLink(r.st.doi))))
    mount(tableBox, tableWrap(h('table', { 'data-testid': 'studies-table' },
      h('caption', {}, 'Studies with at least one experiment matching the filters. Column headers sort the table.'),
      h('thead', {}, head), h('tbody', {}, body)), 'studies'))
  }

  async function search() {
    const q = searchInput.value.trim()
    searchErr.hidden = true
    searchInput.removeAttribute('aria-invalid')
    updateHash()
    if (!q) { mount(searchResults); return }
    mount(searchResults, loading('Searching…'))
    try {
      const r = await api('/v1/search', { query: { q, limit: 20 }, signal })
      mount(searchResults,
        h('p', { class: 'small', role: 'status' }, `${r.total} hit${r.total === 1 ? '' : 's'} for “${r.query}”${r.total > r.hits.length ? ` (best ${r.hits.length} shown)` : ''}.`),
        h('ol', { class: 'search-hits', 'data-testid': 'search-hits' }, r.hits.map((hit) => {
          const exp = hit.kind === 'experiment' ? hit.ref.replace(/^experiment:/, '') : hit.kind === 'observation' ? hit.ref.replace(/^observation:/, '').replace(/#.*$|:\d+$/, '') : null
          return h('li', {},
            h('span', { class: 'badge level-none' }, hit.kind), ' ',
            h('a', { href: `#/study/${encodeURIComponent(hit.studyId)}${exp ? `?experiment=${encodeURIComponent(exp)}` : ''}` }, studyName(hit.studyId)),
            h('span', { class: 'small muted' }, ` · matched in ${hit.fields.join(', ')} · score ${num(hit.score, 3)} `), doiLink(hit.doi),
            h('div', { class: 'small' }, hit.snippet))
        })))
    } catch (e) {
      if (e?.name === 'AbortError') return
      const fe = e.errors?.find((x) => x.pointer === '/query/q')
      searchErr.textContent = fe?.detail ?? e.message
      searchErr.hidden = false
      searchInput.setAttribute('aria-invalid', 'true')
      mount(searchResults)
      searchInput.focus()
    }
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); readInputs(); load() })
  searchForm.addEventListener('submit', (ev) => { ev.preventDefault(); search() })
  await Promise.all([load(), searchInput.value.trim() ? search() : null])
}
