/**
 * The researcher-facing web page: the static files of `web/` (plain HTML, CSS
 * and ES modules, no build step), served by the app itself (the machine is
 * offline: no CDN). `GET /` is `web/index.html`; every other file is served at
 * its path under `web/` (`/js/app.js`).
 *
 * Only the files found under `web/` when the routes are built are served, each
 * on its own exact route, so no request path can reach outside `web/` (no
 * traversal, no symlinks followed out of it) and unknown paths fall through to
 * the app's 404. Files with an extension outside `CONTENT_TYPES` are never
 * served. Responses carry a strict Content-Security-Policy (scripts and styles
 * from 'self' only, no inline code), a weak ETag (mtime + size) answering
 * `If-None-Match` with 304, and `Cache-Control: no-cache` (the files are not
 * fingerprinted, so browsers revalidate, which is cheap on the 304 path).
 * Registered last in `createApp`, after the API and `/docs`.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { dirname, extname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'

/** Content type by file extension; files with any other extension are not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

/** CSP for the page: everything from this origin, nothing inline, nothing else. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'self'",
].join('; ')

/** `web/` at the repository root (this file is `api/routes/web.ts`). */
export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web')

/**
 * Every servable file under `dir`, as URL paths relative to it (`js/app.js`), with the absolute path
 * it maps to. Hidden files and symlinks are skipped; every path is checked to stay inside `dir`.
 */
export function listWebFiles(dir = WEB_DIR): Map<string, string> {
  const files = new Map<string, string>()
  let root: string
  try { root = realpathSync(dir) } catch { return files } // no web/ directory: no page, the API still works
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = join(abs, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && CONTENT_TYPES[extname(entry.name).toLowerCase()]) {
        const real = realpathSync(full)
        const path = relative(root, real).split(sep).join('/')
        // Route patterns treat ':' '*' '{' specially: only plain names become routes.
        if (!real.startsWith(root + sep) || !/^[A-Za-z0-9._/-]+$/.test(path)) continue
        files.set(path, real)
      }
    }
  }
  if (statSync(root).isDirectory()) walk(root)
  return files
}

export function webRoutes(dir = WEB_DIR) {
  const files = listWebFiles(dir)
  const app = new Hono()
  const serveFile = (abs: string, type: string) => async (c: Context) => {
    const s = await stat(abs).catch(() => null)
    if (!s?.isFile()) return c.notFound()
    const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`
    const headers = {
      'content-type': type,
      'cache-control': 'no-cache',
      etag,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    }
    const match = c.req.header('if-none-match')
    if (match && match.split(',').some((t) => t.trim() === etag)) return c.body(null, 304, headers)
    return c.body(new Uint8Array(await readFile(abs)), 200, headers)
  }
  for (const [path, abs] of files) {
    const type = CONTENT_TYPES[extname(path).toLowerCase()] as string
    app.get(`/${path}`, serveFile(abs, type))
    if (path === 'index.html') app.get('/', serveFile(abs, type))
  }
  return app
}
