import { describe, expect, test } from 'vitest'
import { main } from '../src/cli/main.ts'

const run = async (...args: string[]) => {
  const lines: string[] = []
  const code = await main(args, (s) => lines.push(s))
  return { code, out: lines.join('\n') }
}

describe('li-kb CLI', () => {
  test('predict with flags written the way papers write them', async () => {
    const { code, out } = await run('predict', '--j', '3 mA cm-2', '--additive', '5 wt% FEC', '--electrolyte', '1 M LiPF6 in EC:DEC', '--substrate', 'Cu')
    expect(code).toBe(0)
    expect(out).toMatch(/morphology: compact/)
    expect(out).toMatch(/fec-lif-rich-compact/)
  })

  test('ask prints the cited answer; a bad unit is an error exit with the field', async () => {
    expect((await run('ask', 'what happens at 3 mA cm-2 with FEC')).out).toMatch(/Huang 2023/)
    const bad = await run('predict', '--j', '3 mA')
    expect(bad.code).toBe(1)
    expect(bad.out).toMatch(/currentDensity/)
  })

  test('export --format bibtex and usage', async () => {
    expect((await run('export', '--format', 'bibtex', '--technique', 'afm')).out).toMatch(/@article\{lin-2016,/)
    expect((await run()).code).toBe(2)
  })
})
