import { transformerMatchesSklearn } from './transformer-check.js'

describe('minMaxScaler matches scikit-learn', () => {
  transformerMatchesSklearn('min-max-scaler', 'minMaxScaler', 1e-9)
})
