/**
 * The page's router: hash routes (#/ask, #/browse, #/study/<id>, #/predict,
 * #/physics, #/compare, #/plan), each rendered by a view module into <main>.
 * On every route change the previous view's requests are aborted, the nav
 * marks the current page and focus moves to the new heading.
 */
import { h, mount } from './dom.js'
import { parseHash } from './nav.js'
import { problemBox } from './prediction.js'

const VIEWS = {
  ask: { title: 'Ask', load: () => import('./views/ask.js') },
  browse: { title: 'Browse studies', load: () => import('./views/browse.js') },
  study: { title: 'Study', load: () => import('./views/study.js') },
  predict: { title: 'Predict', load: () => import('./views/predict.js') },
  physics: { title: 'Physics plots', load: () => import('./views/physics.js') },
  compare: { title: 'Compare techniques', load: () => import('./views/compare.js') },
  plan: { title: 'Plan experiments', load: () => import('./views/plan.js') },
}

let controller = null

async function route() {
  const hash = location.hash
  // "#main" (the skip link) and other in-page anchors are not routes.
  if (hash && !hash.startsWith('#/')) return
  if (!hash || hash === '#/') { location.replace('#/ask'); return }
  controller?.abort()
  controller = new AbortController()
  const { signal } = controller
  const { name, args, params } = parseHash(hash)
  const main = document.getElementById('main')
  const view = VIEWS[name]
  for (const a of document.querySelectorAll('.nav a[data-route]')) {
    if (a.dataset.route === name || (name === 'study' && a.dataset.route === 'browse')) a.setAttribute('aria-current', 'page')
    else a.removeAttribute('aria-current')
  }
  if (!view) {
    document.title = 'Not found — Li-metal anode KB'
    mount(main, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, 'There is no page at ', h('code', {}, hash), '. ', h('a', { href: '#/ask' }, 'Ask a question'), ' instead.'))
    main.querySelector('h1')?.focus()
    return
  }
  document.title = `${view.title} — Li-metal anode KB`
  try {
    const mod = await view.load()
    if (signal.aborted) return
    const root = h('div', { class: `view view-${name}` })
    mount(main, root)
    // A view may name what to focus (e.g. the experiment a link pointed at); otherwise the page heading.
    const result = await mod.render(root, { args, params, signal })
    if (signal.aborted) return
    const target = result?.focus ?? root.querySelector('h1')
    if (target) {
      target.setAttribute('tabindex', '-1')
      target.focus({ preventScroll: true })
      if (result?.focus) target.scrollIntoView({ block: 'center', inline: 'center' })
      else window.scrollTo(0, 0)
    }
  } catch (e) {
    if (e?.name === 'AbortError' || signal.aborted) return
    console.error(e)
    mount(main, h('h1', { tabindex: '-1' }, view.title), problemBox(e))
  }
}

document.querySelector('.skip-link')?.addEventListener('click', (ev) => {
  ev.preventDefault()
  const main = document.getElementById('main')
  const heading = main?.querySelector('h1')
  ;(heading ?? main)?.focus()
})
window.addEventListener('hashchange', route)
route()
