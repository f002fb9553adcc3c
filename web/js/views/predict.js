/**
 * Predict: a configuration form (sensible defaults, unit-aware fields) →
 * /v1/predict → morphology, dead Li / CE, short risk, the rules that fired
 * with their evidence, nearest experiments and contradictions. A bad unit is
 * reported under the field it belongs to.
 */
import { api } from '../api.js'
import { configBody, configForm, configParams, initialConfig } from '../config-form.js'
import { announce, focusHeading, h, loading, mount } from '../dom.js'
import { replaceHash } from '../nav.js'
import { familyBadge, renderPrediction } from '../prediction.js'

export async function render(root, { params, signal }) {
  const results = h('div', { id: 'predict-results', 'aria-live': 'polite', 'aria-busy': 'false' })
  const cfg = configForm({ values: initialConfig(params), submitLabel: 'Predict', onSubmit: run })
  mount(root, h('h1', {}, 'Predict'),
    h('p', { class: 'lead' }, 'Describe a cell the way a paper would. Literature rules, the physics simulator and the nearest experiments are combined into one prediction, with the studies behind it.'),
    cfg.form, results)

  async function run(values) {
    replaceHash(`#/predict?${configParams(values)}`)
    results.setAttribute('aria-busy', 'true')
    mount(results, loading('Predicting…'))
    try {
      const p = await api('/v1/predict', { method: 'POST', body: configBody(values), signal })
      cfg.showReadAs(p.configuration)
      mount(results,
        h('h2', {}, 'Prediction: ', familyBadge(p.morphology.family, p.morphology.label)),
        h('p', {}, h('a', { href: `#/physics?${configParams(values)}` }, 'Physics plots for this configuration →'), ' · ',
          h('a', { href: `#/plan?${configParams(values)}` }, 'Plan experiments around it →')),
        renderPrediction(p))
      focusHeading(results)
      announce(`Prediction ready: ${p.morphology.family} Li, dead Li ${p.deadLi.level}, short-circuit risk ${p.shortRisk.level}.`)
    } catch (e) {
      if (e?.name === 'AbortError') return
      mount(results)
      cfg.showErrors(e)
      announce('The configuration has errors; see the messages under the fields.')
    } finally {
      results.setAttribute('aria-busy', 'false')
    }
  }
  if ([...params.keys()].length > 0) await run(cfg.getValues())
}
