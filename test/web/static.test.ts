/**
 * The web page's files as served by the app (no browser): every file under
 * web/ with the right content type, `/` → index.html, nothing reachable
 * outside web/, the security and cache headers, and no external URL in the
 * page or its modules' imports (the machine is offline: no CDN).
 */
import { readdir, readFile } from 'node:fs/promises'
import { extname, join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CONTENT_TYPES, listWebFiles, WEB_DIR } from '../../api/routes/web.ts'
import { makeTestApp } from '../helpers/deps.ts'

let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => { t = await makeTestApp() })
afterAll(() => t.close())

async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name)
    if (e.isDirectory()) out.push(...await walk(full))
    else out.push(relative(WEB_DIR, full).split('\\').join('/'))
  }
  return out
}

const EXPECTED: Record<string, RegExp> = {
  '.html': /^text\/html; charset=utf-8$/, '.css': /^text\/css; charset=utf-8$/, '.js': /^text\/javascript; charset=utf-8$/, '.svg': /^image\/svg\+xml$/,
}

describe('web/ served by the app', () => {
  test('every file under web/ is served with its content type, a CSP and cache validators', async () => {
    const files = await walk(WEB_DIR)
    expect(files).toContain('index.html')
    expect(files.length).toBeGreaterThan(10)
    for (const f of files) {
      const ext = extname(f)
      expect(CONTENT_TYPES[ext], `${f}: an extension the server knows`).toBeDefined()
      const res = await t.app.request(`/${f}`)
      expect(res.status, f).toBe(200)
      expect(res.headers.get('content-type'), f).toBe(CONTENT_TYPES[ext])
      if (EXPECTED[ext]) expect(res.headers.get('content-type'), f).toMatch(EXPECTED[ext]!)
      expect(res.headers.get('content-security-policy'), f).toContain("script-src 'self'")
      expect(res.headers.get('x-content-type-options'), f).toBe('nosniff')
      expect(res.headers.get('cache-control'), f).toBe('no-cache')
      expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(join(WEB_DIR, f))), `${f}: body is the file`).toBe(true)
    }
    expect([...listWebFiles().keys()].sort()).toEqual([...files].sort())
  })

  test('GET / is index.html; ETag revalidation answers 304', async () => {
    const root = await t.app.request('/')
    expect(root.status).toBe(200)
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await root.text()
    expect(html).toBe(await readFile(join(WEB_DIR, 'index.html'), 'utf8'))
    const etag = root.headers.get('etag')
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/)
    const again = await t.app.request('/', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const head = await t.app.request('/js/app.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  test('index.html references no http(s):// URL; every local asset it names is served', async () => {
    const html = await readFile(join(WEB_DIR, 'index.html'), 'utf8')
    expect(html).not.toMatch(/https?:\/\//i)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i) // no inline scripts (CSP: script-src 'self')
    expect(html).not.toMatch(/\sstyle=/i) // no inline styles (CSP: style-src 'self')
    const refs = [...html.matchAll(/\b(?:src|href)="([^"#]+)/g)].map((m) => m[1]!).filter((u) => u.startsWith('/') && !u.startsWith('/docs') && !u.startsWith('/openapi') && !u.startsWith('/health'))
    expect(refs.length).toBeGreaterThan(2)
    for (const u of refs) expect((await t.app.request(u)).status, u).toBe(200)
  })

  test('modules import only local modules that exist; no CSS or script loads from elsewhere', async () => {
    for (const f of (await walk(WEB_DIR)).filter((x) => /\.(js|css)$/.test(x))) {
      const text = await readFile(join(WEB_DIR, f), 'utf8')
      for (const m of text.matchAll(/(?:\bimport\s[^'"]*?from\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1]!
        expect(spec, `${f} imports ${spec}`).toMatch(/^\.\.?\//)
        const target = new URL(spec, `http://x/${f}`).pathname
        expect((await t.app.request(target)).status, `${f} → ${target}`).toBe(200)
      }
      expect(text, `${f}: no @import or url() from elsewhere`).not.toMatch(/@import\s+url\(\s*['"]?https?:|url\(\s*['"]?https?:/i)
    }
  })

  test('nothing outside web/ is reachable', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/js/../../package.json', '/js/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json',
      '/web/index.html', '/api/routes/web.ts', '/.git/config', '/js/', '/js', '/index.html/', '/%2fetc%2fpasswd', '//etc/passwd']) {
      const res = await t.app.request(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
    }
  })

  test('the API still wins over the page and keeps its own headers', async () => {
    const res = await t.app.request('/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const docs = await t.app.request('/docs')
    expect(docs.status).toBe(200)
    const page = await t.app.request('/')
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(page.headers.get('strict-transport-security')).toBeTruthy()
  })
})
