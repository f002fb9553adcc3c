/**
 * The database handle: one code path for a local libsql file (the embedded
 * default), `:memory:` in tests, and a remote libsql server (`DATABASE_URL` +
 * `DATABASE_AUTH_TOKEN`). Migrations are applied from code at start-up.
 * @module
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import * as schema from '../../schema/db/tables.ts'

export type Db = LibSQLDatabase<typeof schema>

export interface Database {
  db: Db
  client: Client
  url: string
  /** Serialises every write from this process (libsql's native driver blocks on a second writer). */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T>
  close(): void
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema/migrations')

export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  if (url.startsWith('file:')) mkdirSync(dirname(resolve(url.slice('file:'.length))), { recursive: true })
  const client = createClient({ url, authToken, timeout: 5000 })
  if (url.startsWith('file:')) await client.execute('PRAGMA journal_mode=WAL')
  const db = drizzle(client, { schema })
  await migrate(db, { migrationsFolder: MIGRATIONS })
  let tail: Promise<unknown> = Promise.resolve()
  const withWriteLock = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn)
    tail = run.catch(() => undefined)
    return run
  }
  return { db, client, url, withWriteLock, close: () => client.close() }
}
