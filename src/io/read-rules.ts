/**
 * Read `rules/**\/*.json` from disk into raw documents for `validateRules`.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RawFile } from '../kb/validate.ts'

export async function readRuleFiles(rulesDir: string): Promise<RawFile[]> {
  const names = (await readdir(rulesDir, { recursive: true })).filter((f) => f.endsWith('.json')).sort()
  return Promise.all(names.map(async (name) => {
    const file = join(rulesDir, name)
    const text = await readFile(file, 'utf8')
    try { return { file, json: JSON.parse(text) as unknown } } catch (e) { return { file, json: { __invalidJson: (e as Error).message } } }
  }))
}
