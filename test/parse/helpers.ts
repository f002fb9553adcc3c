/**
 * The seed vocabulary as the parsers see it, loaded once per test file.
 */
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { validateSeeds, type Vocab } from '../../src/kb/validate.ts'
import { buildVocabIndex, type VocabIndex } from '../../src/kb/vocab-index.ts'
import type { ParseOptions } from '../../src/parse/scan.ts'

export interface SeedVocab { vocab: VocabIndex; options: ParseOptions; raw: Vocab }

let cached: Promise<SeedVocab> | undefined

export function loadSeedVocab(): Promise<SeedVocab> {
  cached ??= (async () => {
    // Only the vocabulary matters here; the studies are validated by test/data.
    const files = await readSeedFiles('seeds')
    const { kb, problems } = validateSeeds({ studies: [], vocab: files.vocab })
    if (problems.length) throw new Error(`seed vocabulary problems: ${problems.map((p) => p.message).join('; ')}`)
    return {
      vocab: buildVocabIndex(kb.vocab),
      options: { materials: kb.vocab.materials, morphology: kb.vocab.morphology },
      raw: kb.vocab,
    }
  })()
  return cached
}
