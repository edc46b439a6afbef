import { resolvePipeline, type ResolvedStep } from '../core/pipeline/resolve.js'
import { attachDefinition, inlineDefinition } from '../core/pipeline/inline.js'
import type { ComponentSpec, Task } from '../core/model/types.js'

/** A task's steps (plain JSON) resolved again, taking inline definitions from the defined pipeline by name. */
export async function resolveTaskSteps(steps: ComponentSpec[], pipeline: ComponentSpec[], task: Task): Promise<ResolvedStep[]> {
  const withDefinitions = steps.map((step) => {
    const defined = pipeline.find((p) => p.component === step.component)
    const definition = defined && inlineDefinition(defined)
    // origin too: resolvePipeline guards components written in the definition file by it
    return definition ? attachDefinition({ ...step, ...(defined.origin ? { origin: defined.origin } : {}), ...(defined.command ? { command: defined.command } : {}) }, definition) : step
  })
  return resolvePipeline(withDefinitions, task)
}
