import type { ComponentDefinition } from '../pipeline/types.js'

/** Each built-in component lives in its own module, loaded only when a pipeline needs it. */
const loaders: Record<string, () => Promise<{ definition: ComponentDefinition }>> = {
  standardScaler: () => import('./standard-scaler.js'),
  minMaxScaler: () => import('./min-max-scaler.js'),
  pca: () => import('./pca.js'),
  knn: () => import('./knn.js'),
  gaussianNB: () => import('./gaussian-nb.js'),
  logisticRegression: () => import('./logistic-regression.js'),
  decisionTree: () => import('./decision-tree.js'),
  randomForest: () => import('./random-forest.js'),
  svc: () => import('./svc.js'),
  linearRegression: () => import('./linear-regression.js'),
  ridge: () => import('./ridge.js'),
}

export const COMPONENT_NAMES = Object.keys(loaders)

export async function loadComponent(name: string): Promise<ComponentDefinition | undefined> {
  const load = loaders[name]
  return load ? (await load()).definition : undefined
}
