import { InvalidInputError } from '../errors.js'
import type { Split } from '../splits/types.js'
import type { Task } from '../model/types.js'
import { applyPoint, type GridPoint, type ResolvedStep } from './resolve.js'
import type { DataShape } from './types.js'

/**
 * Every component's `check` against the data, for every grid point, before the run is stored:
 * a limit that can be known in advance fails the command, not a recorded run.
 */
export function checkAgainstData(steps: ResolvedStep[], points: GridPoint[], splits: Split[], data: { nFeatures: number; nClasses: number; task: Task }): void {
  const shape: DataShape = { ...data, nTrain: Math.min(...splits.map((s) => s.train.length)) }
  for (const point of points) {
    for (const step of applyPoint(steps, point)) {
      const problem = step.definition.check?.(step.params, shape)
      if (problem) throw new InvalidInputError(`${step.definition.name}: ${problem}. Nothing was stored.`)
    }
  }
}
