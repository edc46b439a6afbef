import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { writeFileAtomic } from '../storage-atomic.js'
import { AlreadyExistsError } from '../errors.js'
import { checkName } from '../model/names.js'

export interface TemplateOptions {
  project: string
  name: string
  dataset: string
  file?: string
  /** The estimator for the dataset's task, e.g. { name: 'ridge', call: 'ridge({ alpha: 1 })' } (default knn). */
  estimator?: { name: string; call: string }
}

/** Writes a commented definition file to start from; never overwrites. */
export async function writeTemplate(options: TemplateOptions): Promise<string> {
  checkName('project', options.project)
  checkName('experiment', options.name)
  const file = resolve(options.file ?? `${options.name}.ts`)
  if (await exists(file)) throw new AlreadyExistsError(`${file} already exists. Pick another --file, or edit it and run 'padre experiment execute --file ${file}'.`)
  await writeFileAtomic(file, template(options))
  return file
}

function template({ project, name, dataset, estimator = { name: 'knn', call: 'knn({ k: 5 })' } }: TemplateOptions): string {
  return `// A padre experiment. Run it with: padre experiment execute --file ${name}.ts
// Keep this file in a git repository: each commit of it becomes its own execution.
import { defineExperiment, ${estimator.name}, standardScaler } from 'padre'

export default defineExperiment({
  project: ${JSON.stringify(project)},
  name: ${JSON.stringify(name)},
  // A built-in dataset (iris, diabetes) or one loaded with 'padre dataset load'.
  dataset: ${JSON.stringify(dataset)},
  // Transformers first, then one estimator. Built-ins: standardScaler, minMaxScaler, pca,
  // knn, gaussianNB, logisticRegression, decisionTree, randomForest, svc, linearRegression, ridge.
  pipeline: [standardScaler(), ${estimator.call}],
  // 'cv' (k folds), 'stratified' (k folds keeping class shares), 'random' (testRatio held out),
  // 'leaveOneOut' (up to 1000 rows), 'explicit' (splits: [{ train: [...], test: [...] }]) or
  // 'function' (function: (ctx: { n, y, seed }) => [{ train, test }, ...]). cv and stratified take repeats: R.
  // Your own components: const mine = defineComponent({ name, kind, tasks, params, create }), then mine({...}).
  split: { strategy: 'cv', folds: 5, shuffle: true },
  // Optional: every combination of these values runs, e.g. { 'knn.k': [1, 5, 9] }.
  // grid: { 'knn.k': [1, 5, 9] },
  seed: 1,
})
`
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
