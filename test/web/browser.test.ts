/**
 * The researcher-facing page in headless Chromium (Debian's /usr/bin/chromium
 * driven by playwright-core): the real app on a free port in-process, the real
 * seeds and rules. Each test saves screenshots to test-artifacts/screenshots/.
 *
 * Skipped (with a message) only when /usr/bin/chromium is missing and CI is not
 * set; in CI a missing browser fails the suite (.ci/run installs it).
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../api/app.ts'
import { buildDeps } from '../../api/build-deps.ts'
import type { Deps } from '../../api/deps.ts'

const CHROMIUM = '/usr/bin/chromium'
const HAVE_CHROMIUM = existsSync(CHROMIUM)
const SKIP = !HAVE_CHROMIUM && !process.env.CI
const SHOTS = 'test-artifacts/screenshots'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync']
const FAMILIES = ['compact', 'mossy', 'whisker', 'dendritic', 'penetrating']

if (SKIP) console.warn(`[test/web/browser] skipped: ${CHROMIUM} is missing (install with: apt-get install -y chromium). Set CI=1 to make its absence a failure.`)

let deps: Deps
let server: ServerType
let base: string
let context: BrowserContext
let profile: string
/** Console errors and uncaught page errors of the current test's page. */
let problems: string[] = []

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  // API errors (400/422 problems) are expected in some tests and shown on the page; the browser also logs
  // them as "Failed to load resource", so those console lines are checked through the responses instead.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`) })
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname
    if (r.status() >= 500 || (r.status() >= 400 && !path.startsWith('/v1/'))) problems.push(`response: ${r.status()} ${r.url()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('requestfailed', (r) => { if (!/aborted/i.test(r.failure()?.errorText ?? '')) problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`) })
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`) })
  return page
}

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim() ?? ''

describe.skipIf(SKIP)('web page in headless Chromium', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true })
    deps = await buildDeps({ DATABASE_URL: ':memory:', SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
    const app = createApp(deps)
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port))
    })
    base = `http://127.0.0.1:${port}`
    profile = await mkdtemp(join(tmpdir(), 'kb-chromium-'))
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 } })
    context.setDefaultTimeout(10_000)
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    deps?.database.close()
    if (profile) await rm(profile, { recursive: true, force: true })
  })

  afterEach(async () => {
    for (const p of context.pages()) await p.close()
    const found = problems
    problems = []
    expect(found, 'no console errors, page errors, failed or external requests').toEqual([])
  })

  test('ask a question: chips, prediction, a cited study with its DOI; edit a chip', async () => {
    const page = await newPage()
    await page.goto(`${base}/`)
    await page.waitForURL(/#\/ask$/)
    await page.getByLabel('Your question').fill('what happens at 3 mA cm-2 with FEC?')
    await page.getByRole('button', { name: 'Ask', exact: true }).click()
    await page.getByTestId('morphology-family').waitFor()
    expect(FAMILIES).toContain(await text(page, '[data-testid="morphology-family"] .badge'))
    const chips = await page.getByTestId('chip').allTextContents()
    expect(chips.some((c) => c.includes('3 mA cm-2'))).toBe(true)
    expect(chips.some((c) => c.includes('FEC'))).toBe(true)
    // A fired rule cites a study: a link to its page and to its DOI.
    const rules = page.getByTestId('rules')
    const study = rules.locator('a[href^="#/study/"]').first()
    await study.waitFor()
    expect(await study.textContent()).toMatch(/\w+ \d{4}/)
    expect(await rules.locator('a[href^="https://doi.org/10."]').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('answer').textContent()).toMatch(/3 mA cm⁻²/)
    await shot(page, 'ask')
    await shot(page, 'ask-full', true)

    // Editable chip: change the current density and ask again.
    await page.getByRole('button', { name: /^Edit current density/ }).click()
    const field = page.getByLabel('New current density')
    await field.fill('0.5 mA cm-2')
    await field.press('Enter')
    await page.waitForFunction(() => (document.querySelector('#ask-q') as HTMLInputElement).value.includes('0.5 mA cm-2'))
    await page.locator('[data-testid="chip"]', { hasText: '0.5 mA cm-2' }).waitFor()
    await page.getByTestId('morphology-family').waitFor()
    expect(await page.getByTestId('answer').textContent()).toMatch(/0\.5 mA cm⁻²/)
    expect(page.url()).toContain(encodeURIComponent('0.5 mA cm-2'))
  })

  test('filter the studies table, sort it, see facet counts', async () => {
    const page = await newPage()
    await page.goto(`${base}/#/browse`)
    const rows = page.locator('[data-testid="studies-table"] tbody tr')
    await rows.first().waitFor()
    const all = await rows.count()
    expect(all).toBeGreaterThan(20)
    expect(await page.locator('.facets button').count()).toBeGreaterThan(10)

    await page.getByRole('combobox', { name: 'Additive' }).fill('FEC')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="studies-table"] tbody tr').length < n, all)
    const filtered = await rows.count()
    expect(filtered).toBeGreaterThan(0)
    for (let i = 0; i < filtered; i++) expect(await rows.nth(i).locator('td').nth(4).textContent()).toContain('FEC')
    expect(await text(page, '[data-testid="browse-status"]')).toMatch(new RegExp(`^${filtered} stud`))
    expect(page.url()).toContain('additive=FEC')
    expect(await page.getByRole('link', { name: 'BibTeX' }).getAttribute('href')).toBe('/v1/export?format=bibtex&additive=FEC')

    // Sort by year, ascending then descending.
    // Sorted newest first; the Year header toggles to oldest first, the Study header sorts by name.
    const yearButton = page.getByRole('button', { name: 'Year', exact: true })
    const yearHeader = page.locator('th', { has: yearButton })
    const years = async () => (await page.locator('[data-testid="studies-table"] tbody tr td:nth-child(2)').allTextContents()).map(Number)
    expect(await yearHeader.getAttribute('aria-sort')).toBe('descending')
    await yearButton.click()
    expect(await yearHeader.getAttribute('aria-sort')).toBe('ascending')
    const asc = await years()
    expect([...asc].sort((a, b) => a - b)).toEqual(asc)
    expect(page.url()).toContain('sort=year&dir=asc')

    // Full-text search.
    await page.getByRole('searchbox', { name: 'Full-text search' }).fill('columnar')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.locator('[data-testid="search-hits"] li').first().waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'browse')

    // A bad current-density bound is reported under its field.
    await page.getByRole('combobox', { name: 'Additive' }).fill('')
    await page.locator('#f-jMin').fill('5 mA')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.locator('#f-jMin-err:not([hidden])').waitFor()
    expect(await text(page, '#f-jMin-err')).toMatch(/current density/)
    expect(await page.locator('#f-jMin').getAttribute('aria-invalid')).toBe('true')
    await shot(page, 'browse-filter-error')
  })

  test('open a study: experiments side by side, figures, corrections, DOI', async () => {
    const page = await newPage()
    await page.goto(`${base}/#/browse?additive=FEC`)
    const link = page.locator('[data-testid="studies-table"] tbody tr td:first-child a').first()
    await link.waitFor()
    const title = await text(page, '[data-testid="studies-table"] tbody tr td:first-child .small')
    await link.click()
    await page.waitForURL(/#\/study\//)
    await page.getByTestId('study').waitFor()
    expect(await text(page, 'h1')).toBe(title)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect(await page.locator('[data-testid="experiments-table"] thead th').count()).toBeGreaterThan(0)
    expect(await page.locator('a[href^="https://doi.org/10."]').count()).toBeGreaterThan(0)

    await page.goto(`${base}/#/study/porz-2017`)
    await page.getByTestId('corrections').waitFor()
    expect(await page.locator('[data-testid="experiments-table"] thead th').count()).toBe(5)
    expect(await page.getByRole('rowheader', { name: 'Observations' }).count()).toBe(1)
    expect(await page.getByRole('rowheader', { name: 'Figures (review)' }).count()).toBe(1)
    expect(await page.locator('.correction').count()).toBe(2)
    await shot(page, 'study')
    await shot(page, 'study-full', true)
  })

  test('physics: Sand’s time plot with the configuration marker and the limiting current; map with KB points', async () => {
    const page = await newPage()
    await page.goto(`${base}/#/physics?currentDensity=${encodeURIComponent('3 mA cm-2')}`)
    const sand = page.getByTestId('sand-plot')
    await sand.locator('[data-testid="config-marker"]').waitFor()
    await sand.locator('[data-testid="limiting-current"]').waitFor()
    const labels = await sand.locator('svg text').allTextContents()
    expect(labels).toContain('Current density J (mA cm⁻²)')
    expect(labels).toContain('Time (s)')
    expect(labels.some((l) => /^J_lim = \d/.test(l))).toBe(true)
    // The marker sits at J = 3 mA cm⁻²: between the 1 and 10 tick labels.
    const tickX = async (label: string) => Number(await sand.locator('svg g.axes text', { hasText: new RegExp(`^${label}$`) }).first().getAttribute('x'))
    const box = await sand.locator('[data-testid="config-marker"]').boundingBox()
    const svgBox = await sand.locator('svg').boundingBox()
    const viewBoxWidth = Number((await sand.locator('svg').getAttribute('viewBox'))?.split(' ')[2])
    const markerX = ((box!.x + box!.width / 2 - svgBox!.x) / svgBox!.width) * viewBoxWidth
    const [x1, x10] = [await tickX('1'), await tickX('10')]
    expect(markerX).toBeGreaterThan(x1 + (x10 - x1) * 0.4)
    expect(markerX).toBeLessThan(x1 + (x10 - x1) * 0.56)
    for (const id of ['voltage-plot', 'surface-concentration-plot', 'lattice-plot', 'ce-plot', 'dead-li-plot']) expect(await page.getByTestId(id).locator('svg').count(), id).toBe(1)
    await page.getByTestId('morphology-map').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="morphology-map"] [data-family]').count()).toBeGreaterThan(30)
    expect(await page.locator('[data-testid="kb-point"]').count()).toBeGreaterThan(0)
    await shot(page, 'physics')
    await sand.scrollIntoViewIfNeeded()
    await sand.screenshot({ path: join(SHOTS, 'physics-sand.png') })
    await page.getByTestId('morphology-map').screenshot({ path: join(SHOTS, 'physics-map.png') })
    await shot(page, 'physics-full', true)
  })

  test('predict: a bad unit is shown under its field; fixed, the prediction appears', async () => {
    const page = await newPage()
    await page.goto(`${base}/#/predict`)
    const field = page.getByRole('textbox', { name: /^Current density/ })
    await field.fill('3 mA')
    await page.getByRole('button', { name: 'Predict', exact: true }).click()
    const error = page.locator('[data-field="currentDensity"] .field-error')
    await error.waitFor()
    expect(await error.textContent()).toMatch(/"3 mA" is a current \(mA\), but a current density was expected/)
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('currentDensity')
    expect(await page.getByTestId('form-errors').textContent()).toContain('Current density')
    expect(await page.locator('[data-field="capacity"] .field-error').isHidden()).toBe(true)
    await shot(page, 'predict-bad-unit')

    await field.fill('3')
    await page.getByRole('button', { name: 'Predict', exact: true }).click()
    await page.getByTestId('morphology-family').waitFor()
    expect(await error.isHidden()).toBe(true)
    expect(await text(page, '[data-field="currentDensity"] .read-as')).toBe('read as: 3 mA cm⁻²')
    await shot(page, 'predict')
  })

  test('compare techniques and plan experiments', async () => {
    const page = await newPage()
    await page.goto(`${base}/#/compare`)
    await page.getByRole('button', { name: 'Rank techniques' }).click()
    await page.getByTestId('technique-family').first().waitFor()
    expect(await page.getByTestId('technique-family').count()).toBe(5)
    expect(await page.locator('[data-testid="comparison"] a[href^="#/study/"]').count()).toBeGreaterThan(0)
    await shot(page, 'compare')

    await page.goto(`${base}/#/plan`)
    expect(await page.locator('#vary1-low').isHidden()).toBe(true) // the second row varies a material: values, not a range
    await page.getByRole('button', { name: 'Plan experiments' }).click()
    await page.locator('[data-testid="plan-table"] tbody tr').first().waitFor()
    expect(await page.locator('[data-testid="plan-table"] tbody tr').count()).toBeGreaterThan(2)
    await shot(page, 'plan')
  })

  test('narrow window and keyboard: no horizontal scroll, skip link, visible focus', async () => {
    const page = await newPage({ width: 390, height: 844 })
    await page.goto(`${base}/#/ask?q=${encodeURIComponent('garnet LLZTO at 0.5 mA cm-2 and 60 °C')}`)
    await page.getByTestId('morphology-family').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
    await shot(page, 'ask-narrow')
    await page.goto(`${base}/#/browse`)
    await page.locator('[data-testid="studies-table"] tbody tr').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
    await shot(page, 'browse-narrow')

    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${base}/#/predict`)
    await page.getByRole('textbox', { name: /^Current density/ }).waitFor()
    // The skip link is the first stop, shows when focused, and takes focus to the page heading.
    const skip = page.locator('.skip-link')
    await skip.focus()
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0)
    expect(await page.evaluate(() => document.querySelector('a, button, input, select, textarea') === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('cell')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('electrolyte')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(outline).toBe('solid')
    await shot(page, 'keyboard-focus')
  })
})
