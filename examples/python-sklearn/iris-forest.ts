// A scikit-learn random forest as a padre component, run as an external program per split.
// Run it with: PADRE_PYTHON=/usr/bin/python3 padre experiment execute --file examples/python-sklearn/iris-forest.ts
// (PADRE_PYTHON names a python that has scikit-learn; default: python3 on PATH.)
import { command, defineExperiment } from 'padre'

const forest = command({
  name: 'forest',
  kind: 'estimator',
  tasks: ['classification'],
  run: [process.env.PADRE_PYTHON ?? 'python3', 'forest.py'],
  params: {
    nEstimators: { type: 'int', default: 20, min: 1 },
    maxDepth: { type: 'int', default: 3, min: 1, nullable: true },
  },
  timeoutS: 120,
})

export default defineExperiment({
  project: 'Examples',
  name: 'iris-sklearn-forest',
  dataset: 'iris',
  pipeline: [forest({ nEstimators: 20 })],
  split: { strategy: 'cv', folds: 3, shuffle: true },
  seed: 1,
})
