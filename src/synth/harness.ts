/**
 * The real server in a child process, for crash, concurrency and load runs:
 * `node --import tsx api/server.ts` on a port picked here (the server does not
 * report a port it chose), with readiness, captured output and kill. Also the
 * small HTTP helpers those runs share.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/** A port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => res(port))
    })
  })
}

export interface ServerEnv {
  DATABASE_URL: string
  API_TOKEN?: string
  SEEDS_DIR?: string
  RULES_DIR?: string
}

export interface ServerProcess {
  port: number
  base: string
  child: ChildProcess
  /** stdout and stderr so far, for failure messages. */
  output(): string
  /** Resolves when the process has exited (with its code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Send `signal` (default SIGKILL) and wait for the exit; SIGKILL follows after 10 s if it has not. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Spawn the server on a free port and wait until `/health` answers (default 60 s); retries a taken port. */
export async function startServer(env: ServerEnv, opts: { timeoutMs?: number; cwd?: string } = {}): Promise<ServerProcess> {
  let last: Error | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    try { return await spawnOnce(env, port, opts.timeoutMs ?? 60_000, opts.cwd ?? ROOT) } catch (e) {
      last = e as Error
      if (!/EADDRINUSE/.test(last.message)) throw last
    }
  }
  throw last ?? new Error('could not start the server')
}

/** Spawn without waiting for readiness (to kill it during start-up). */
export function spawnServer(env: ServerEnv, port: number, cwd = ROOT): ServerProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }
  delete childEnv.DATABASE_AUTH_TOKEN
  if (env.API_TOKEN === undefined) delete childEnv.API_TOKEN
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  const out: string[] = []
  child.stdout?.on('data', (d: Buffer) => out.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => out.push(d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.once('exit', (code, signal) => res({ code, signal }))
  })
  return {
    port, base: `http://127.0.0.1:${port}`, child, exited,
    output: () => out.join(''),
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      // A server that does not stop within 10 s of a gentler signal is killed.
      const killer = signal === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), 10_000)
      try { return await exited } finally { clearTimeout(killer) }
    },
  }
}

async function spawnOnce(env: ServerEnv, port: number, timeoutMs: number, cwd: string): Promise<ServerProcess> {
  const server = spawnServer(env, port, cwd)
  const deadline = Date.now() + timeoutMs
  let exited = false
  void server.exited.then(() => { exited = true })
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited during start-up:\n${server.output()}`)
    if (server.output().includes('listening on')) {
      try {
        const res = await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(5000) })
        if (res.ok) return server
      } catch { /* not yet */ }
    }
    await sleep(50)
  }
  await server.kill()
  throw new Error(`server did not answer /health within ${timeoutMs} ms:\n${server.output()}`)
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export interface WriteResult { status: number; body?: unknown; error?: string }

/** POST or PUT a study; a network failure (e.g. the server was killed) is `{ status: 0, error }`. */
export async function writeStudy(base: string, token: string, doc: { id: string }, method: 'POST' | 'PUT' = 'POST'): Promise<WriteResult> {
  try {
    const res = await fetch(`${base}/v1/studies${method === 'PUT' ? `/${doc.id}` : ''}`, {
      method, body: JSON.stringify(doc),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    })
    const text = await res.text()
    let body: unknown = text
    try { body = JSON.parse(text) } catch { /* keep text */ }
    return { status: res.status, body }
  } catch (e) {
    return { status: 0, error: String((e as Error).cause ?? e) }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-side JSON, read field by field
export async function getJson(base: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(30_000) })
  return { status: res.status, body: await res.json() }
}
