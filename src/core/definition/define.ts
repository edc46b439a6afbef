import type { ComponentSpec, ExperimentDefinition, ParamValue } from '../model/types.js'

type Params = Record<string, ParamValue>
const component = (name: string) => (params: Params = {}): ComponentSpec => ({ component: name, params })

/** Identity with types: what a definition file exports as default. */
export function defineExperiment(definition: ExperimentDefinition): ExperimentDefinition {
  return definition
}

export const standardScaler = component('standardScaler')
export const minMaxScaler = component('minMaxScaler')
export const pca = component('pca')
export const knn = component('knn')
export const gaussianNB = component('gaussianNB')
export const logisticRegression = component('logisticRegression')
export const decisionTree = component('decisionTree')
export const randomForest = component('randomForest')
export const svc = component('svc')
export const linearRegression = component('linearRegression')
export const ridge = component('ridge')
export { defineMetric, type UserMetric, type MetricContext } from '../metrics/define-metric.js'
export { defineComponent } from './define-component.js'
export type { ComponentFactory, ComponentInstance, UserComponent, UserParamSpec } from './define-component.js'
export type { SplitContext, SplitFunction, UserSplit } from '../splits/types.js'
export type { FitContext } from '../pipeline/types.js'
export type { Matrix } from '../pipeline/matrix.js'
export { fromRows, row } from '../pipeline/matrix.js'
export { command, type CommandOptions, type CommandParamSpec } from './command.js'
