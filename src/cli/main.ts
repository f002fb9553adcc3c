/**
 * Command line over the same app the HTTP API serves (requests go through
 * `app.request()`, so validation, errors and answers are identical).
 *
 *   li-kb ask "what happens at 3 mA cm-2 with FEC"
 *   li-kb predict --j "3 mA cm-2" --additive "5 wt% FEC" [--electrolyte "1 M LiPF6 in EC:DEC"] [--substrate Cu] [--cell "Li||Cu"]
 *   li-kb search "LiPF6 +dendrit*"
 *   li-kb techniques "SEI composition at the nanoscale in a liquid electrolyte"
 *   li-kb export --format bibtex [--additive FEC] [--technique tem] …
 *   add --json to print the raw JSON response
 */
import { parseArgs } from 'node:util'
import { createApp } from '../../api/app.ts'
import { buildDeps } from '../../api/build-deps.ts'
import { loadConfig } from '../config.ts'

const USAGE = `usage:
  li-kb ask "<question>" [--json]
  li-kb predict --j "<current density>" [--additive "<amount additive>"] [--electrolyte "<electrolyte>"] [--substrate <material>]
                [--cell "<Li||Cu>"] [--capacity "<mAh cm-2>"] [--temperature "<°C>"] [--pressure "<MPa>"] [--separator "<25 µm PE>"] [--json]
  li-kb search "<lunr query>" [--json]
  li-kb techniques "<research question>" [--json]
  li-kb export --format csv|bibtex|csljson|jsonld [--additive …] [--technique …] [--substrate …] [--morphology …]
environment: DATABASE_URL (default: an in-memory copy of seeds/), SEEDS_DIR, RULES_DIR`

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      json: { type: 'boolean' }, j: { type: 'string' }, additive: { type: 'string' }, electrolyte: { type: 'string' },
      substrate: { type: 'string' }, cell: { type: 'string' }, capacity: { type: 'string' }, temperature: { type: 'string' },
      pressure: { type: 'string' }, separator: { type: 'string' }, format: { type: 'string' }, technique: { type: 'string' },
      morphology: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, ...rest] = positionals
  if (!command || values.help) { out(USAGE); return command ? 0 : 2 }
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? ':memory:' })
  const deps = await buildDeps(config)
  const app = createApp(deps)
  try {
    const text = rest.join(' ')
    let res: Response
    switch (command) {
      case 'ask': res = await app.request(`/v1/ask?q=${encodeURIComponent(text)}`); break
      case 'search': res = await app.request(`/v1/search?q=${encodeURIComponent(text)}`); break
      case 'techniques':
        res = await app.request('/v1/techniques/compare', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: text }) })
        break
      case 'predict': {
        const electrolyte = [values.electrolyte, values.additive].filter(Boolean).join(' + ')
        const body = Object.fromEntries(Object.entries({
          currentDensity: values.j, electrolyte: electrolyte || undefined, substrate: values.substrate, cell: values.cell,
          capacity: values.capacity, temperature: values.temperature, stackPressure: values.pressure, separator: values.separator,
        }).filter(([, v]) => v !== undefined))
        res = await app.request('/v1/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        break
      }
      case 'export': {
        const q = new URLSearchParams(Object.entries({ format: values.format, additive: values.additive, technique: values.technique, substrate: values.substrate, morphology: values.morphology })
          .filter((e): e is [string, string] => e[1] !== undefined))
        res = await app.request(`/v1/export?${q}`)
        break
      }
      default: out(`unknown command "${command}"\n${USAGE}`); return 2
    }
    const type = res.headers.get('content-type') ?? ''
    if (!type.includes('json') || command === 'export') { out(await res.text()); return res.ok ? 0 : 1 }
    const body = await res.json() as Record<string, any>
    if (!res.ok) { out(`error ${res.status}: ${body.title}${body.detail ? ` — ${body.detail}` : ''}`); return 1 }
    if (values.json) { out(JSON.stringify(body, null, 2)); return 0 }
    out(render(command, body))
    return 0
  } finally {
    deps.database.close()
  }
}

function render(command: string, b: Record<string, any>): string {
  if (command === 'ask') return b.answer
  if (command === 'search') return b.hits.map((h: any) => `${h.score.toFixed(2).padStart(6)}  ${h.studyId.padEnd(22)} ${h.doi}  [${h.fields.join(', ')}]\n        ${h.snippet}`).join('\n') || 'no hits'
  if (command === 'techniques') return b.ranking.map((r: any, i: number) => `${i + 1}. ${r.family.padEnd(8)} ${r.score.toFixed(2)}  ${r.variants[0]?.name ?? ''}`).join('\n')
  const m = b.morphology, d = b.deadLi, s = b.shortRisk
  return [
    `morphology: ${m.family} (${m.label})${m.growthMode ? `, ${m.growthMode} growth` : ''}`,
    `dead Li:    ${d.level}${d.coulombicEfficiency ? `, CE ${d.coulombicEfficiency.value} %` : ''}`,
    `short risk: ${s.level} (score ${s.score})${s.timeToShort ? `, time to short ${s.timeToShort.value} s` : ''}`,
    `confidence: ${b.confidence}`,
    `rules:      ${b.rules.map((r: any) => r.id).join(', ') || 'none'}`,
    `evidence:   ${b.evidence.slice(0, 3).map((e: any) => `${e.experimentId} (d ${e.distance})`).join(', ')}`,
  ].join('\n')
}
