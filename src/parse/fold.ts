/**
 * Position-keeping Unicode fold for the text parsers. `foldUnicode` (units) may
 * change the length of the text, so spans found in its output cannot be mapped
 * back to what the user typed. This fold makes the same choices character by
 * character (`cm⁻²` → `cm^-2`, `µA` → `uA`, `−` → `-`, `‖` → `||`, `·` → space)
 * and records, for every folded character, the index of the character it came
 * from. Quantities found in the folded text are re-read from the original slice
 * by `parseQuantity`, which does its own folding.
 * @module
 */

import { SUBSCRIPTS, SUPERSCRIPTS } from '../units/normalise.ts'

const isSuper = (c: string | undefined): boolean => c !== undefined && c in SUPERSCRIPTS
const isSuperDigit = (c: string | undefined): boolean => isSuper(c) && /\d/.test(SUPERSCRIPTS[c as string] as string)

/** Folded text `s` and `map`: `map[i]` is the index in the original of `s[i]`; `map[s.length]` is the original length. */
export interface Folded { s: string; map: number[] }

export function foldWithMap(text: string): Folded {
  let s = ''
  const map: number[] = []
  const emit = (out: string, i: number) => { for (const ch of out) { s += ch; map.push(i) } }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (isSuper(c)) {
      const value = SUPERSCRIPTS[c] as string
      const startsRun = !isSuper(text[i - 1])
      const runHasDigit = isSuperDigit(c) || isSuperDigit(text[i + 1])
      emit(startsRun && runHasDigit ? '^' + value : value, i)
    } else if (c in SUBSCRIPTS) emit(SUBSCRIPTS[c] as string, i)
    else if (/[\u2212\u2012\u2010\u2011]/.test(c)) emit('-', i)
    else if (c === '\u2014' || c === '\u2013') emit('–', i)
    else if (c === 'µ' || c === 'μ') emit('u', i)
    else if (c === '℃') emit('°C', i)
    else if (c === '‖' || c === '∥') emit('||', i)
    else if (c === '\u2019' || c === '\u2018') emit("'", i)
    else if (c === '\u201c' || c === '\u201d') emit('"', i)
    else if (/[·⋅•]/.test(c)) emit(' ', i)
    else if (/\s/.test(c)) emit(' ', i)
    else emit(c, i)
  }
  map.push(text.length)
  return { s, map }
}

/** The original span `[start, end)` of the folded span `[a, b)` (b > a). */
export function originalSpan(f: Folded, a: number, b: number): [number, number] {
  const start = f.map[a] ?? 0
  const last = f.map[b - 1] ?? start
  return [start, Math.max(start + 1, last + 1)]
}
