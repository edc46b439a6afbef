/** The built-in components' names (src/core/estimators/registry.ts loads them); a user's component may not take one. */
export const BUILTIN_COMPONENTS: readonly string[] = [
  'standardScaler', 'minMaxScaler', 'pca', 'knn', 'gaussianNB', 'logisticRegression', 'decisionTree', 'randomForest', 'svc',
  'linearRegression', 'ridge',
]
