/**
 * Resolve what a person types ("fluoroethylene carbonate", "LPF", "OM",
 * "needle-like", "garnet") to vocabulary ids, and suggest the nearest known
 * term when nothing matches. Pure; built once per knowledge-base snapshot.
 * @module
 */
import { editDistance } from '../text/edit-distance.ts'
import type { Vocab } from './validate.ts'

export type VocabKind = 'technique' | 'techniqueFamily' | 'morphology' | 'morphologyFamily' | 'material'

/** Lower-case, fold Unicode sub/superscripts and dashes so "LiPF₆" and "lipf6" meet. */
export function termKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[‐-―−]/g, '-').replace(/\s+/g, ' ').trim()
}

export interface VocabIndex {
  resolve(kind: VocabKind, text: string): string | undefined
  suggest(kind: VocabKind, text: string, max?: number): string[]
  names(kind: VocabKind): string[]
}

export function buildVocabIndex(vocab: Vocab): VocabIndex {
  const maps = new Map<VocabKind, Map<string, string>>()
  const put = (kind: VocabKind, id: string, terms: string[]) => {
    const m = maps.get(kind) ?? new Map<string, string>()
    for (const term of terms) if (!m.has(termKey(term))) m.set(termKey(term), id)
    maps.set(kind, m)
  }
  for (const t of vocab.techniques) put('technique', t.id, [t.id, t.name, ...t.synonyms])
  put('techniqueFamily', 'optical', ['optical', 'om', 'optical microscopy', 'light microscopy'])
  put('techniqueFamily', 'sem', ['sem', 'scanning electron microscopy'])
  put('techniqueFamily', 'tem', ['tem', 'transmission electron microscopy', 'stem'])
  put('techniqueFamily', 'afm', ['afm', 'atomic force microscopy'])
  put('techniqueFamily', 'xray', ['xray', 'x-ray', 'x-ray microscopy', 'x-ray imaging', 'synchrotron'])
  for (const m of vocab.morphology) put('morphology', m.id, [m.id, m.name, ...m.synonyms])
  for (const f of ['compact', 'mossy', 'whisker', 'dendritic', 'penetrating']) put('morphologyFamily', f, [f])
  for (const m of vocab.materials) put('material', m.id, [m.id, m.name, ...(m.formula ? [m.formula] : []), ...m.synonyms])
  return {
    resolve: (kind, text) => maps.get(kind)?.get(termKey(text)),
    suggest: (kind, text, max = 3) => {
      const key = termKey(text)
      const limit = Math.max(2, Math.floor(key.length / 3))
      const m = maps.get(kind) ?? new Map<string, string>()
      return [...m.keys()]
        .map((k) => ({ k, d: editDistance(key, k, limit) }))
        .filter((x) => x.d <= limit)
        .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
        .map((x) => m.get(x.k) as string)
        .filter((id, i, all) => all.indexOf(id) === i)
        .slice(0, max)
    },
    names: (kind) => [...new Set(maps.get(kind)?.values() ?? [])],
  }
}
