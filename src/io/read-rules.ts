/**
 * Read `rules/**\/*.json` from disk into raw documents for `validateRules`.
 * @module
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { RawFile } from '../kb/validate.ts'
import { readJson } from './read-seeds.ts'

export async function readRuleFiles(rulesDir: string): Promise<RawFile[]> {
  const names = (await readdir(rulesDir, { recursive: true })).filter((f) => f.endsWith('.json')).sort()
  return Promise.all(names.map((name) => readJson(join(rulesDir, name))))
}
