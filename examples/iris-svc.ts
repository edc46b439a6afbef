// The built-in example: a scaled RBF support vector classifier on iris, 5-fold cross-validation.
// Run it with: padre experiment execute --file examples/iris-svc.ts
import { defineExperiment, standardScaler, svc } from 'padre'

export default defineExperiment({
  project: 'Examples',
  name: 'iris-svc',
  dataset: 'iris',
  pipeline: [standardScaler(), svc({ C: 1 })],
  split: { strategy: 'cv', folds: 5, shuffle: true },
  seed: 1,
})
