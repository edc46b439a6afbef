import { join } from 'node:path'
import { PACKAGE_ROOT } from '../package-root.js'

/** Datasets shipped in the package's data/ folder (from scikit-learn's copies). */
export const BUILTIN_DATASETS: Record<string, { file: string; target: string; description: string }> = {
  iris: { file: join(PACKAGE_ROOT, 'data', 'iris.csv'), target: 'species', description: 'Fisher iris: 150 rows, 4 features, 3 classes' },
  diabetes: { file: join(PACKAGE_ROOT, 'data', 'diabetes.csv'), target: 'progression', description: 'diabetes progression: 442 rows, 10 features, regression' },
}
