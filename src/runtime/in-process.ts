import { evaluateSplit } from '../core/services/evaluate-split.js'
import { resolveTaskSteps } from './resolve-steps.js'
import type { ComputationRunner, ComputationTask, RunnerContext } from './task.js'

/** Computations one after another in this process: the serial reference. */
export function inProcessRunner(context: RunnerContext): ComputationRunner {
  return {
    async evaluate(task: ComputationTask) {
      const steps = await resolveTaskSteps(task.steps, context.pipeline, context.dataset.record.task)
      return evaluateSplit(context.dataset, steps, task.split, task.seed, context.selection, { keepModel: task.keepModel })
    },
    async close() {},
  }
}
