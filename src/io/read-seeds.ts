/**
 * Read the seed directory from disk into raw documents for `validateSeeds`.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RawFile } from '../kb/validate.ts'

/**
 * One JSON data file as a raw document. A missing or unparsable file becomes a document the schema
 * rejects, so it is reported with every other problem instead of aborting the load.
 */
export async function readJson(path: string): Promise<RawFile> {
  const file = path
  let text: string
  try { text = await readFile(path, 'utf8') } catch { return { file, json: { __missingFile: path } } }
  try { return { file, json: JSON.parse(text) } } catch (e) {
    return { file, json: { __invalidJson: (e as Error).message } }
  }
}

/** Raw study and vocabulary files under `seedsDir` (default `seeds/`), sorted by name. */
export async function readSeedFiles(seedsDir: string) {
  const studyDir = join(seedsDir, 'studies')
  const names = (await readdir(studyDir)).filter((f) => f.endsWith('.json')).sort()
  const studies = await Promise.all(names.map((n) => readJson(join(studyDir, n))))
  const vocab = {
    techniques: await readJson(join(seedsDir, 'vocab', 'techniques.json')),
    morphology: await readJson(join(seedsDir, 'vocab', 'morphology.json')),
    materials: await readJson(join(seedsDir, 'vocab', 'materials.json')),
  }
  return { studies, vocab }
}
