/**
 * The only reader of `process.env`: validated once, passed everywhere else.
 * @module
 */
import { z } from 'zod'

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).default('file:data/kb.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  API_TOKEN: z.string().min(8).optional(),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  RULES_DIR: z.string().min(1).default('rules'),
})

export type Config = z.infer<typeof EnvSchema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}
