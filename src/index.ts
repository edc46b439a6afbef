/** What a definition file imports: `import { defineExperiment, knn } from 'padre'`. */
export * from './core/definition/define.js'
export type { ComponentSpec, ExperimentDefinition, ParamValue, SplitSpec } from './core/model/types.js'
