import { transformerMatchesSklearn } from './transformer-check.js'

describe('pca matches scikit-learn', () => {
  transformerMatchesSklearn('pca', 'pca', 1e-6)
})
