/**
 * Tiny DOM helpers: build elements from data without innerHTML (all text goes
 * through text nodes, so nothing from the API is ever parsed as markup).
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

function applyAttrs(el, attrs, isSvg) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value)
    else if (key === 'text') el.textContent = String(value)
    else if (key === 'dataset') Object.assign(el.dataset, value)
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value)
    else if (!isSvg && (key === 'value' || key === 'checked' || key === 'selected' || key === 'disabled')) el[key] = value
    else el.setAttribute(key, value === true ? '' : String(value))
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    el.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return el
}

/** `h('a', { href: '#/ask', class: 'x' }, 'text', otherNode)` */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  applyAttrs(el, attrs, false)
  return append(el, children)
}

/** SVG element: `s('line', { x1: 0, ... })` */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag)
  applyAttrs(el, attrs, true)
  return append(el, children)
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove()
  return el
}

/** Replace the children of `el`. */
export function mount(el, ...children) {
  clear(el)
  return append(el, children)
}

let uid = 0
export const nextId = (prefix = 'id') => `${prefix}-${++uid}`

/** Announce a short message to screen readers (the page's polite live region). */
export function announce(text) {
  const live = document.getElementById('live')
  if (!live) return
  live.textContent = ''
  setTimeout(() => { live.textContent = text }, 30)
}

/** A loading line, marked busy for assistive technology. */
export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text)
}

/** Scrollable table wrapper that keyboard users can focus and scroll. */
export function tableWrap(table, label) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, table)
}

/** Move focus to the first heading of freshly shown results and bring it to the top of the window. */
export function focusHeading(container) {
  const heading = container.querySelector('h2, h3')
  if (!heading) return
  heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: true })
  heading.scrollIntoView({ block: 'start' })
}
