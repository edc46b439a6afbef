/** Loads the scikit-learn reference fixtures written by test/fixtures/sklearn/make_estimator_fixtures.py. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadComponent } from '../../src/core/estimators/registry.js'
import { fromRows, type Matrix } from '../../src/core/pipeline/matrix.js'
import type { Estimator, FitContext, Transformer } from '../../src/core/pipeline/types.js'
import type { ParamValue, Task } from '../../src/core/model/types.js'

export interface SklearnCase {
  dataset: string
  task: Task
  nClasses: number
  params: Record<string, ParamValue>
  X_train: number[][]
  y_train: number[]
  X_test: number[][]
  predict?: number[]
  predictProba?: number[][]
  /** logistic regression: probabilities at the (near-)exact optimum of the objective */
  predictProbaOptimum?: number[][]
  /** svc: training rows that are support vectors, ascending */
  supportIndices?: number[]
  transformTrain?: number[][]
  transformTest?: number[][]
}

export function loadCases(file: string): SklearnCase[] {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/sklearn', `${file}.json`), 'utf8')
  return (JSON.parse(text) as { cases: SklearnCase[] }).cases
}

export function caseName(c: SklearnCase): string {
  return `${c.dataset} ${JSON.stringify(c.params)}`
}

export interface Prepared {
  Xtrain: Matrix
  ytrain: Float64Array
  Xtest: Matrix
  ctx: FitContext
}

export function prepare(c: SklearnCase): Prepared {
  return {
    Xtrain: fromRows(c.X_train),
    ytrain: Float64Array.from(c.y_train),
    Xtest: fromRows(c.X_test),
    ctx: { task: c.task, nClasses: c.nClasses, seed: 0 },
  }
}

/** Builds a component through the registry: its defaults merged with the fixture's params. */
export async function build<T extends Transformer | Estimator>(name: string, params: Record<string, ParamValue>): Promise<T> {
  const definition = await loadComponent(name)
  if (!definition) throw new Error(`no component ${name}`)
  const merged: Record<string, ParamValue> = {}
  for (const [key, spec] of Object.entries(definition.params)) merged[key] = spec.default
  for (const [key, value] of Object.entries(params)) {
    if (!(key in definition.params)) throw new Error(`${name} has no param ${key}`)
    merged[key] = value
  }
  return (await definition.create(merged)) as T
}

/** Largest |a − b| / max(1, |b|) over all entries. */
export function maxRelDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length)
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]))
    if (!(d <= worst)) worst = d
  }
  return worst
}

/** Largest |a − b| over all entries. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length)
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i])
    if (!(d <= worst)) worst = d
  }
  return worst
}

export const flat = (rows: number[][]): number[] => rows.flat()

/** Records the measured worst case so a run shows how close we are, not just pass/fail. */
export function report(label: string, value: number): void {
  process.stdout.write(`[sklearn diff] ${label}: ${value.toExponential(2)}\n`)
}
