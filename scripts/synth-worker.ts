/**
 * Worker thread of `scripts/synth.ts`: runs the pure producer
 * (`src/synth/produce.ts`) and answers each `'next'` with the next batch of
 * bulk statements, so generation overlaps with the main thread's writes.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { RuleFile } from '../schema/files/rule-file.ts'
import type { Vocab } from '../src/kb/validate.ts'
import { createProducer, SynthValidationError, type ProduceOptions } from '../src/synth/produce.ts'

const port = parentPort
if (!port) throw new Error('synth-worker must run as a worker thread')
const data = workerData as { vocab: Vocab; rules: RuleFile[]; opts: ProduceOptions }
const next = createProducer(data.vocab, data.rules, data.opts)

port.on('message', (msg: unknown) => {
  if (msg !== 'next') { port.close(); return }
  try {
    port.postMessage({ batch: next() ?? null })
  } catch (e) {
    const err = e as Error
    port.postMessage({ error: { name: err.name, message: err.message, problems: e instanceof SynthValidationError ? e.problems : undefined } })
  }
})
