/** Ids encode their parents, joined with ':' (names may not contain it), so a lookup never scans. */
export const ID_SEPARATOR = ':'

export const experimentId = (project: string, experiment: string) => [project, experiment].join(ID_SEPARATOR)
export const executionId = (project: string, experiment: string, version: string) => [project, experiment, version].join(ID_SEPARATOR)
export const runId = (project: string, experiment: string, version: string, run: string) => [project, experiment, version, run].join(ID_SEPARATOR)
export const computationId = (run: string, local: string) => [run, local].join(ID_SEPARATOR)

export const computationLocalId = (split: number, point: number) => `split-${split}-point-${point}`

/** A run id that sorts by time: 20261122T180112345Z-3fa2. */
export function newRunLocalId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '')
  const suffix = Math.floor(random() * 0x10000).toString(16).padStart(4, '0')
  return `${stamp}-${suffix}`
}
