import type { ComponentSpec, SplitSpec } from '../model/types.js'

/** A pipeline for people: user components marked with where they come from, "shift (definition) → knn". */
export function describePipeline(pipeline: ComponentSpec[]): string {
  return pipeline.map((c) => (c.origin && c.origin !== 'builtin' ? `${c.component} (${c.origin})` : c.component)).join(' → ')
}

/** A split spec for people: explicit index lists and a split function's source shortened to a count and a name. */
export function describeSplit(split: SplitSpec): string {
  const { splits, source, ...rest } = split
  return JSON.stringify({ ...rest, ...(splits ? { splits: `${splits.length} explicit` } : {}) }) + (source ? ' (source recorded)' : '')
}
