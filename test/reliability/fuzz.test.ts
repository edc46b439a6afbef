import fc from 'fast-check'
import { parseConfig } from '../../src/core/config/parse.js'
import { parseCsvDataset } from '../../src/core/data/csv.js'
import { checkDefinition } from '../../src/core/definition/check-definition.js'
import { definitionFromFlags } from '../../src/core/definition/from-flags.js'
import { PadreError } from '../../src/core/errors.js'
import { checkName } from '../../src/core/model/names.js'
import { splitRef } from '../../src/core/services/scope.js'
import { report, runAsync } from './repo-checks.js'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { sandbox, type Sandbox } from '../helpers/cli.js'

/**
 * Generated input for padre's parsers: each either returns or throws padre's own one-line error,
 * never a TypeError, a RangeError or a stack. (They are pure: nothing to write.) At least 10,000
 * cases each; PADRE_FUZZ_RUNS raises it.
 */
const RUNS = Math.max(10_000, Number(process.env.PADRE_FUZZ_RUNS ?? 0))

const tried = { cases: 0, cli: 0 }
afterAll(() => report({ fuzz: { cases: tried.cases, cliBadInputs: tried.cli } }))

/**
 * Calls fn; anything but a PadreError with a message fails the property. (A message may quote
 * input holding a line break; the CLI prints every error on one line.)
 */
async function onlyPadreErrors(fn: () => unknown): Promise<void> {
  tried.cases++
  try {
    await fn()
  } catch (error) {
    if (!(error instanceof PadreError)) throw new Error(`not a PadreError: ${String((error as Error)?.stack ?? error)}`)
    if (error.message.trim() === '') throw new Error('a PadreError without a message')
  }
}

const csvCell = fc.oneof(fc.string({ maxLength: 6 }), fc.double().map(String), fc.integer().map(String), fc.constantFrom('', '"', '""', '"a,b"', ',', '\n', '\r\n', 'NaN', 'Infinity', '1e999', ' 1 '))
const csvText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.array(csvCell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }).map((rows) => rows.map((r) => r.join(',')).join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0])),
)

const iniLine = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('[LOCAL BACKEND]', '[GIT]', '[GENERAL]', '[', ']', '[]', '[[x]]', 'root_dir = /tmp/x', 'name=', '=x', 'offline = maybe', '; c', '# c', '__proto__ = 1', '[__proto__]', 'constructor = x', '[.]', '[a.b]', '[LOCAL BACKEND.x]', 'a.b = 1'),
)

describe('fuzzing padre\'s parsers', () => {
  test(`CSV datasets: ${RUNS} texts`, async () => {
    await fc.assert(fc.asyncProperty(csvText, fc.oneof(fc.constantFrom('y', 'target', 'a'), fc.string({ maxLength: 4 })), fc.constantFrom(undefined, 'classification' as const, 'regression' as const),
      (text, target, task) => onlyPadreErrors(() => parseCsvDataset(text, target, task))), { numRuns: RUNS })
  })

  test(`INI config: ${RUNS} files, errors as lines, never a throw`, () => {
    fc.assert(fc.property(fc.array(iniLine, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      tried.cases++
      const { errors } = parseConfig(lines.join(eol), 'padre.cfg')
      for (const e of errors) expect(e).not.toMatch(/\n/)
    }), { numRuns: RUNS })
  })

  test(`definitions: ${RUNS} values through checkDefinition`, async () => {
    const component = fc.record({ component: fc.oneof(fc.constantFrom('knn', 'svc', 'pca'), fc.string()), params: fc.option(fc.dictionary(fc.string(), fc.jsonValue())) }, { requiredKeys: [] })
    const definition = fc.record({
      project: fc.oneof(fc.constantFrom('P', 'a/b', '..', ''), fc.string(), fc.anything()),
      name: fc.oneof(fc.constantFrom('e', ':', ' x'), fc.string(), fc.anything()),
      dataset: fc.oneof(fc.constant('iris'), fc.anything()),
      pipeline: fc.oneof(fc.array(component, { maxLength: 3 }), fc.anything()),
      split: fc.oneof(fc.record({ strategy: fc.constantFrom('cv', 'random', 'stratified', 'explicit', 'function', 'leaveOneOut', 'x'), folds: fc.anything() }, { requiredKeys: [] }), fc.anything()),
      seed: fc.anything(),
      grid: fc.anything(),
      metrics: fc.anything(),
    }, { requiredKeys: [] })
    await fc.assert(fc.asyncProperty(fc.oneof(definition, fc.anything()), (value) => onlyPadreErrors(() => checkDefinition(value, 'fuzz.ts'))), { numRuns: RUNS })
  })

  test(`names and ids: ${RUNS} strings`, async () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a:b', 'a::b', ':', '..', '.x', '-x', 'x ', 'a/b', 'a\\b', 'P:E:V:R:C'))
    await fc.assert(fc.asyncProperty(text, fc.integer({ min: 1, max: 4 }), fc.record({ project: fc.option(fc.string(), { nil: undefined }), experiment: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }),
      async (s, depth, scope) => {
        await onlyPadreErrors(() => checkName('project', s))
        await onlyPadreErrors(() => splitRef(s, depth, scope, 'run'))
      }), { numRuns: RUNS })
  })

  test(`command-line parameters: ${RUNS} --param/--grid values`, async () => {
    const assignment = fc.oneof(fc.string(), fc.tuple(fc.constantFrom('knn', 'svc', 'pca', 'x'), fc.constantFrom('k', 'C', 'weights', 'nComponents', 'kernel', 'z'), fc.oneof(fc.string({ maxLength: 8 }), fc.double().map(String), fc.constantFrom('', '1,2', 'null', 'true', '1e400', '-1', '0x10', ',,')))
      .map(([c, p, v]) => `${c}.${p}=${v}`))
    await fc.assert(fc.asyncProperty(fc.array(assignment, { maxLength: 2 }), fc.array(assignment, { maxLength: 2 }), fc.constantFrom('knn', 'svc', 'nope'),
      (params, grid, estimator) => onlyPadreErrors(() => definitionFromFlags({
        project: 'P', name: 'e', dataset: 'iris', transformers: ['pca'], estimator, params, grid, split: { strategy: 'cv', folds: 5 }, seed: 1,
      }))), { numRuns: RUNS })
  })
})

describe('bad input through the CLI', () => {
  const CLI_CASES = Math.max(8, Number(process.env.PADRE_FUZZ_CLI_CASES ?? 0))
  let box: Sandbox
  beforeAll(() => { box = sandbox() })
  afterAll(() => rmSync(box.dir, { recursive: true, force: true }))

  test(`${CLI_CASES} generated bad executes: one line, non-zero exit, nothing stored`, async () => {
    const badName = fc.oneof(fc.constantFrom('..', 'a/b', 'a:b', '.hidden', '-x', ' x', 'x ', 'a'.repeat(101)), fc.string({ minLength: 1, maxLength: 6 }).map((s) => `${s}/${s}`))
    const badParam = fc.oneof(
      fc.constantFrom('knn.k=0', 'knn.k=-3', 'knn.k=1.5', 'knn.k=abc', 'knn.k=500', 'knn.weights=far', 'knn.zz=1', 'svc.C=1', 'knn', 'knn.k', '=3'),
      fc.string({ maxLength: 8 }).filter((s) => !/^knn\.(k|weights)=/.test(s)).map((s) => `knn.${s.replace(/=/g, '')}=`),
    )
    const args = fc.oneof(
      badName.map((n) => ['--project', n, '--name', 'e', '--estimator', 'knn']),
      badName.map((n) => ['--project', 'P', '--name', n, '--estimator', 'knn']),
      badParam.map((p) => ['--project', 'P', '--name', 'e', '--estimator', 'knn', '--param', p]),
      fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^\s|^-/.test(s) && s.trim() !== '').map((e) => ['--project', 'P', '--name', 'e', '--estimator', `zz${e}`]),
    )
    await fc.assert(fc.asyncProperty(args, async (a) => {
      tried.cli++
      const r = await runAsync(box, ['experiment', 'execute', '--create-project', '--dataset', 'iris', ...a]).done
      expect(r.status).not.toBe(0)
      expect(r.stderr).toMatch(/^Error: [^\n]+\n$/)
      expect(existsSync(join(box.root, 'projects'))).toBe(false)
    }), { numRuns: CLI_CASES })
  }, 120_000)
})
