import { spawnSync } from 'node:child_process'
import { pairedTest, type TestInput } from '../../src/ui/server/paired-test.js'

const setup = { dataset: 'iris', datasetHash: 'h', split: { strategy: 'cv' as const, folds: 5 }, seed: 1 }
const input = (key: string, values: number[], over: Partial<typeof setup> = {}): TestInput => ({ key, run: { ...setup, ...over }, values: new Map(values.map((v, i) => [i, v])) })

describe('paired t-test on the compare page', () => {
  it('matches scipy.stats.ttest_rel', async () => {
    const a = [0.94, 0.96, 0.94, 0.98, 0.9]
    const b = [0.96, 0.98, 0.94, 0.97, 0.95]
    const scipy = spawnSync('/usr/bin/python3', ['-c', `from scipy import stats; r = stats.ttest_rel(${JSON.stringify(a)}, ${JSON.stringify(b)}); print(r.statistic, r.pvalue)`], { encoding: 'utf8' })
    expect(scipy.status).toBe(0)
    const [t, p] = scipy.stdout.trim().split(' ').map(Number)
    const result = await pairedTest(input('a', a), input('b', b), 'accuracy')
    expect(result.n).toBe(5)
    expect(result.t).toBeCloseTo(t, 10)
    expect(result.p).toBeCloseTo(p, 10)
  })

  it('says why when the splits are not the same', async () => {
    expect((await pairedTest(input('a', [1, 2]), input('b', [1, 3], { seed: 2 }), 'm')).reason).toMatch(/not evaluated on the same splits/)
    expect((await pairedTest(input('a', [1]), input('b', [2]), 'm')).reason).toMatch(/fewer than two/)
    expect((await pairedTest(input('a', [1, 2]), input('b', [0, 1]), 'm')).reason).toMatch(/identical/)
  })
})
