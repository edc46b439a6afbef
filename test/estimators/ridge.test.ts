import { predictionsMatchSklearn } from './estimator-check.js'

describe('ridge matches scikit-learn', () => {
  predictionsMatchSklearn('ridge', 'ridge', 1e-8)
})
