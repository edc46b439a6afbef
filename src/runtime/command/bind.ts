import { dirname } from 'node:path'
import { commandOf } from '../../core/definition/command.js'
import type { ExperimentDefinition } from '../../core/model/types.js'

/**
 * Binds the command components of a loaded definition to the file's folder (the programs' cwd and the
 * base of their relative paths) and to the runner. The runner is imported only when a program runs.
 */
export function bindCommandComponents(definition: ExperimentDefinition, file: string): void {
  const baseDir = dirname(file)
  for (const spec of definition.pipeline) {
    const found = commandOf(spec)
    if (!found) continue
    const { definition: component, command } = found
    component.create = async (params) => {
      const { commandComponent } = await import('./component.js')
      return commandComponent({ name: component.name, kind: component.kind, command, baseDir, params })
    }
  }
}
