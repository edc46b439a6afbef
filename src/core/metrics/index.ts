export { classificationMetrics, type ClassificationResult } from './classification.js'
export { regressionMetrics, type RegressionResult } from './regression.js'
export { aggregate } from './aggregate.js'
export { MAIN_METRIC, METRIC_HIGHER_IS_BETTER } from './main.js'
