// The estimator benchmark's cases: a padre pipeline and the scikit-learn pipeline with the same settings.
// `kernels`: the case's components run linalg's WebAssembly kernels; the benchmark also times it with them
// switched off (the JavaScript loops, the same results) as a baseline in the same run.
// Forests use 20 trees (not 100) to keep the benchmark's run time reasonable; both sides use the same.
export const CASES = [
  { name: 'logisticRegression', kernels: true, task: 'classification', padre: [['logisticRegression', {}]], sklearn: [['LogisticRegression', {}]] },
  { name: 'knn-classification', task: 'classification', padre: [['knn', {}]], sklearn: [['KNeighborsClassifier', {}]] },
  { name: 'knn-regression', task: 'regression', padre: [['knn', {}]], sklearn: [['KNeighborsRegressor', {}]] },
  { name: 'gaussianNB', kernels: true, task: 'classification', padre: [['gaussianNB', {}]], sklearn: [['GaussianNB', {}]] },
  { name: 'svc', task: 'classification', padre: [['svc', {}]], sklearn: [['SVC', {}]] },
  { name: 'linearRegression', kernels: true, task: 'regression', padre: [['linearRegression', {}]], sklearn: [['LinearRegression', {}]] },
  { name: 'ridge', kernels: true, task: 'regression', padre: [['ridge', {}]], sklearn: [['Ridge', {}]] },
  { name: 'pca+linearRegression', kernels: true, task: 'regression', padre: [['pca', { nComponents: 10 }], ['linearRegression', {}]], sklearn: [['PCA', { n_components: 10 }], ['LinearRegression', {}]] },
  { name: 'standardScaler+logisticRegression', kernels: true, task: 'classification', padre: [['standardScaler', {}], ['logisticRegression', {}]], sklearn: [['StandardScaler', {}], ['LogisticRegression', {}]] },
  { name: 'decisionTree-classification', task: 'classification', padre: [['decisionTree', {}]], sklearn: [['DecisionTreeClassifier', { random_state: 0 }]] },
  { name: 'decisionTree-regression', task: 'regression', padre: [['decisionTree', {}]], sklearn: [['DecisionTreeRegressor', { random_state: 0 }]] },
  { name: 'randomForest-classification', task: 'classification', padre: [['randomForest', { nEstimators: 20 }]], sklearn: [['RandomForestClassifier', { n_estimators: 20, random_state: 0 }]] },
  { name: 'randomForest-regression', task: 'regression', padre: [['randomForest', { nEstimators: 20 }]], sklearn: [['RandomForestRegressor', { n_estimators: 20, max_features: 'sqrt', random_state: 0 }]] },
]
