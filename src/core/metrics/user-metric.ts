import { relative, sep } from 'node:path'
import { ComponentError } from '../errors.js'
import { PACKAGE_ROOT } from '../package-root.js'
import type { UserMetric } from './define-metric.js'
import type { MetricDefinition, MetricInput } from './types.js'

/** A defineMetric metric as a registry entry; what it throws or returns wrong fails the run with ComponentError. */
export function fromUserMetric(user: UserMetric): MetricDefinition {
  return {
    name: user.name, task: user.task, higherIsBetter: user.higherIsBetter, needs: user.needs ?? ['labels'],
    description: user.description ?? 'defined in the definition file', origin: 'definition',
    compute(input: MetricInput): number {
      const label = (v: number) => (input.task === 'classification' ? input.classes[v] : v)
      let value: unknown
      try {
        value = user.compute(Array.from(input.truth, label), Array.from(input.predicted, label), input.probabilities?.map((r) => [...r]), { task: input.task, classes: [...input.classes] })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        const location = userLocation(error)
        throw new ComponentError(`metric '${user.name}' failed: ${message}${location ? ` (${location})` : ''}`, { component: user.name, phase: 'metric', ...(location ? { location } : {}) })
      }
      if (typeof value !== 'number') {
        throw new ComponentError(`metric '${user.name}' returned ${value === null ? 'null' : typeof value}; compute must return a number`, { component: user.name, phase: 'metric' })
      }
      return value
    },
  }
}

/**
 * file:line of the first stack frame outside padre and node itself. tsx runs a definition file that
 * loads as CommonJS from a data: URL without a source map: the frame then names the file (from its
 * filePath parameter) but its line is the generated code's, so only the file is given.
 */
export function userLocation(error: unknown): string | undefined {
  const stack = error instanceof Error ? error.stack ?? '' : ''
  for (const line of stack.split('\n').slice(1)) {
    const dataUrl = /^\s*at .*\(?data:text\/javascript,.*[?&]filePath=([^?&:)\s]+)/.exec(line)
    if (dataUrl) return decodeURIComponent(dataUrl[1]).replace(/\?.*$/, '')
    const match = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim())
    if (!match) continue
    const file = match[1].replace(/^file:\/\//, '')
    if (file.startsWith('node:') || file.includes(`${sep}node_modules${sep}`)) continue
    const inPadre = relative(PACKAGE_ROOT, file)
    if (!inPadre.startsWith('..') && /^(dist|src)\b/.test(inPadre)) continue
    return `${file}:${match[2]}`
  }
  return undefined
}
