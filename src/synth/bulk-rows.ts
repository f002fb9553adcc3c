/**
 * Bulk statements for many studies' rows at once — the same rows `studyRows`
 * makes and `insertStudyStatements` writes, as multi-row `INSERT`s with their
 * arguments already mapped to driver values (JSON columns stringified,
 * booleans as 0/1) by each drizzle column's own `mapToDriverValue`.
 *
 * Why: `insertStudyStatements` builds every statement through drizzle's query
 * builder, which costs more than SQLite's own work at 10⁵ experiments. The
 * arguments are plain strings and numbers, so they can be built in a worker
 * thread and posted cheaply. The synthetic ops test checks that both paths
 * write identical tables. Pure.
 * @module
 */
import { getTableColumns, getTableName } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as t from '../../schema/db/tables.ts'
import type { StudyRows } from '../kb/rows.ts'

export type Arg = string | number | null

export interface BulkStatement { sql: string; args: Arg[] }

/** SQLite's default limit on bound parameters is 32 766; stay well below it. */
const MAX_ARGS = 30_000
const MAX_ROWS = 500

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`

interface TablePlan { name: string; keys: string[]; columns: SQLiteColumn[]; head: string; tuple: string }

const plans = new Map<SQLiteTable, Map<string, TablePlan>>()

/** Column plan for the keys present in a row (missing keys take their SQL default, as in drizzle). */
function planFor(table: SQLiteTable, row: Record<string, unknown>): TablePlan {
  const all = getTableColumns(table) as Record<string, SQLiteColumn>
  const keys = Object.keys(all).filter((k) => row[k] !== undefined)
  const sig = keys.join(',')
  let byTable = plans.get(table)
  if (!byTable) { byTable = new Map(); plans.set(table, byTable) }
  const cached = byTable.get(sig)
  if (cached) return cached
  const columns = keys.map((k) => all[k] as SQLiteColumn)
  const plan: TablePlan = {
    name: getTableName(table), keys, columns,
    head: `insert into ${quoteId(getTableName(table))} (${columns.map((c) => quoteId(c.name)).join(', ')}) values `,
    tuple: `(${columns.map(() => '?').join(', ')})`,
  }
  byTable.set(sig, plan)
  return plan
}

function statementsFor(table: SQLiteTable, rows: ReadonlyArray<Record<string, unknown>>, out: BulkStatement[]): void {
  if (rows.length === 0) return
  const plan = planFor(table, rows[0] as Record<string, unknown>)
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_ARGS / plan.columns.length)))
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    const args: Arg[] = []
    for (const row of chunk) {
      if (planFor(table, row) !== plan) throw new Error(`bulk insert into ${plan.name}: rows with different columns`)
      for (let c = 0; c < plan.keys.length; c++) {
        const value = row[plan.keys[c] as string]
        args.push(value === null ? null : (plan.columns[c] as SQLiteColumn).mapToDriverValue(value) as Arg)
      }
    }
    out.push({ sql: plan.head + Array.from({ length: chunk.length }, () => plan.tuple).join(', '), args })
  }
}

/**
 * Statements inserting all of `batch` in foreign-key order: studies, experiments, their terms,
 * observations, quantities, then the experiments' `evidence` rows.
 */
export function bulkStatements(batch: readonly StudyRows[], evidence: ReadonlyArray<typeof t.evidence.$inferInsert> = []): BulkStatement[] {
  const out: BulkStatement[] = []
  statementsFor(t.studies, batch.map((r) => r.study), out)
  statementsFor(t.experiments, batch.flatMap((r) => r.experiments), out)
  statementsFor(t.experimentTerms, batch.flatMap((r) => r.terms), out)
  statementsFor(t.observations, batch.flatMap((r) => r.observations), out)
  statementsFor(t.quantities, batch.flatMap((r) => r.quantities), out)
  statementsFor(t.evidence, evidence, out)
  return out
}
