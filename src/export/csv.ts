/**
 * CSV export: one row per experiment (a study without experiments gets one row
 * whose experiment columns are empty). RFC 4180 output — header row, CRLF line
 * ends, fields containing a comma, double quote, CR or LF wrapped in double
 * quotes with inner quotes doubled — returned as a JS string to be written as
 * UTF-8. Cells that a spreadsheet would run as a formula (first character `=`,
 * `+`, `-`, `@`, TAB or CR) get a leading `'` unless the cell is a plain number
 * such as `-20` or `1e-7`. Pure.
 *
 * Normalised columns use the project unit parser: current density in mA/cm²,
 * areal capacity in mAh/cm², temperature in °C, stack pressure in Pa. A single
 * value is written as a number; a range or list as `min–max` in the capacity,
 * temperature and pressure columns (current density has separate min and max
 * columns). A quantity the parser rejects leaves its normalised cells empty;
 * the reported text is never lost where the row carries it.
 * @module
 */
import type { Experiment, Quantity, StudyFile } from '../../schema/files/study-file.ts'
import { parseQuantity, type ParsedQuantity } from '../units/parse.ts'
import type { QuantityKind } from '../units/units.ts'

/** Column names, in order. */
export const CSV_COLUMNS = [
  'study_id', 'year', 'authors', 'title', 'journal', 'doi',
  'experiment_id', 'label', 'technique_family', 'technique_variant', 'technique_mode',
  'cell_configuration', 'electrolyte_kind', 'electrolyte_name', 'salts', 'solvents', 'additives',
  'solid_electrolyte', 'substrate', 'coatings',
  'current_density_reported', 'current_density_min_mA_cm2', 'current_density_max_mA_cm2',
  'capacity_mAh_cm2', 'temperature_C', 'stack_pressure_Pa',
  'morphology', 'dead_li', 'short_circuit', 'coulombic_efficiency', 'figures', 'provenance_section',
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]

export interface CsvOptions {
  /** Prepend a UTF-8 byte-order mark (helps some spreadsheet programs detect UTF-8). Default false. */
  bom?: boolean
}

/** Separator inside one cell for list values (authors, salts, figures…). */
const LIST_SEP = '; '
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i
const FORMULA_START = /^[=+\-@\t\r]/

/** Neutralise a cell a spreadsheet would evaluate as a formula; plain numbers pass unchanged. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/** One RFC 4180 field: guarded, then quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: string): string {
  const v = guardFormula(value)
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

const num = (x: number): string => String(x)

function parseOrNull(q: Quantity | undefined, kind: QuantityKind): ParsedQuantity | null {
  if (!q) return null
  try { return parseQuantity(q.reported, kind) } catch { return null }
}

/** `5` for a single value, `2–20` for a range or list. */
function span(p: ParsedQuantity | null): string {
  if (!p) return ''
  return p.min === p.max ? num(p.min) : `${num(p.min)}–${num(p.max)}`
}

const amount = (c: { id: string; concentration?: Quantity; amount?: Quantity }): string => {
  const parts = [c.concentration?.reported, c.amount?.reported].filter((x): x is string => !!x)
  return parts.length ? `${c.id} (${parts.join(', ')})` : c.id
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)]

const LEVEL_ORDER = ['none', 'low', 'moderate', 'high'] as const

function deadLi(exp: Experiment): string {
  const records = exp.observations.map((o) => o.deadLi).filter((d) => d !== undefined)
  if (records.length === 0) return ''
  const present = records.filter((d) => d.present)
  if (present.length === 0) return 'no'
  const levels = present.map((d) => d.level).filter((l) => l !== undefined)
  if (levels.length === 0) return 'yes'
  const top = levels.reduce((a, b) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a))
  return `yes (${top})`
}

function shortCircuit(exp: Experiment): string {
  const records = exp.observations.map((o) => o.shortCircuit).filter((s) => s !== undefined)
  if (records.length === 0) return ''
  const occurred = records.filter((s) => s.occurred)
  if (occurred.length === 0) return 'no'
  const times = unique(occurred.map((s) => s.time?.reported).filter((t): t is string => !!t))
  return times.length ? `yes (${times.join(LIST_SEP)})` : 'yes'
}

function studyCells(s: StudyFile): Record<CsvColumn, string> {
  const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>
  row.study_id = s.id
  row.year = String(s.year)
  row.authors = s.authors.join(LIST_SEP)
  row.title = s.title
  row.journal = s.journal
  row.doi = s.doi
  return row
}

function experimentCells(row: Record<CsvColumn, string>, e: Experiment): Record<CsvColumn, string> {
  const cd = parseOrNull(e.currentDensity, 'currentDensity')
  const el = e.electrolyte
  return {
    ...row,
    experiment_id: e.id,
    label: e.label,
    technique_family: e.technique.family,
    technique_variant: e.technique.variant,
    technique_mode: e.technique.mode,
    cell_configuration: e.cell.configuration,
    electrolyte_kind: el.kind,
    electrolyte_name: el.name,
    salts: el.salts.map(amount).join(LIST_SEP),
    solvents: [el.solvents.map(amount).join(LIST_SEP), el.solventRatio ? `(${el.solventRatio.reported})` : '']
      .filter(Boolean).join(' '),
    additives: el.additives.map(amount).join(LIST_SEP),
    solid_electrolyte: el.solid ? (el.solid.form ? `${el.solid.id} (${el.solid.form})` : el.solid.id) : '',
    substrate: e.substrate?.id ?? '',
    coatings: e.coatings.map((c) => {
      const extra = [c.role, c.thickness?.reported].filter((x): x is string => !!x)
      return `${c.id} (${extra.join(', ')})`
    }).join(LIST_SEP),
    current_density_reported: e.currentDensity?.reported ?? '',
    current_density_min_mA_cm2: cd ? num(cd.min) : '',
    current_density_max_mA_cm2: cd ? num(cd.max) : '',
    capacity_mAh_cm2: span(parseOrNull(e.capacity, 'arealCapacity')),
    temperature_C: span(parseOrNull(e.temperature, 'temperature')),
    stack_pressure_Pa: span(parseOrNull(e.stackPressure, 'pressure')),
    morphology: unique(e.observations.flatMap((o) => o.morphology)).join(LIST_SEP),
    dead_li: deadLi(e),
    short_circuit: shortCircuit(e),
    coulombic_efficiency: unique(e.observations.map((o) => o.coulombicEfficiency?.reported)
      .filter((x): x is string => !!x)).join(LIST_SEP),
    figures: e.provenance.figures.join(LIST_SEP),
    provenance_section: e.provenance.section,
  }
}

/** The rows as cell records, header order given by `CSV_COLUMNS` (before quoting). */
export function csvRows(studies: readonly StudyFile[]): Record<CsvColumn, string>[] {
  return studies.flatMap((s) => {
    const base = studyCells(s)
    return s.experiments.length === 0 ? [base] : s.experiments.map((e) => experimentCells(base, e))
  })
}

/** One row per experiment as RFC 4180 CSV text (CRLF, header first, trailing CRLF). */
export function toCsv(studies: readonly StudyFile[], options: CsvOptions = {}): string {
  const lines = [CSV_COLUMNS.map(csvField).join(',')]
  for (const row of csvRows(studies)) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','))
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n'
}
