import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import type { RunMetrics, RunRecord } from '../../core/model/types.js'
import type { RunSummary } from '../../core/query/documents.js'
import type { IndexEntry } from './run-index.js'

/**
 * What queries, lists and compare need of a run, without its pipeline, environment and the rest:
 * the fields runDocuments reads, and the metric points.
 */
export interface SummaryEntry {
  run: RunSummary
  metrics: Pick<RunMetrics, 'points'> | null
}

type Point = NonNullable<RunRecord['points']>[number]
type Unusual = { id: string; project: string; experiment: string }
/** Stored form, an array that parses fast: [execution, run, status, dataset, startedAt, durationMs, tags, deletedAt, first grid point, metric points, ids when not the usual]. */
export type Row = [string, string, string, string, string, number | null, Record<string, string> | 0, string | 0, Point | 0, RunMetrics['points'] | 0, Unusual?]

interface SlimFile { stamp: string; rows: Row[] }

/** Size, modification time and inode of the NDJSON file the summaries were made from: any append or rewrite changes it. */
export function stampOf(file: string): string | undefined {
  try {
    const s = statSync(file)
    return `${s.size}:${s.mtimeMs}:${s.ino}`
  } catch {
    return undefined
  }
}

export function readSummaries(file: string, project: string, experiment: string, stamp: string): SummaryEntry[] | undefined {
  let slim: SlimFile
  try {
    slim = JSON.parse(readFileSync(file, 'utf8')) as SlimFile
  } catch {
    return undefined
  }
  if (slim.stamp !== stamp) return undefined
  return slim.rows.map((row) => fromRow(row, project, experiment))
}

export function fromRow([execution, run, status, dataset, startedAt, durationMs, tags, deletedAt, first, points, unusual]: Row, project: string, experiment: string): SummaryEntry {
  return {
    run: {
      id: `${project}:${experiment}:${execution}:${run}`, project, experiment, ...unusual, execution, run, status: status as RunRecord['status'], dataset, startedAt,
      ...(durationMs !== null ? { durationMs } : {}), ...(tags ? { tags } : {}), ...(deletedAt ? { deletedAt } : {}), points: first ? [first] : [],
    },
    metrics: points ? { points } : null,
  }
}

/** The stored row of one run. */
export function rowOf({ run: r, metrics }: SummaryEntry, project: string, experiment: string): Row {
  const row: Row = [r.execution, r.run, r.status, r.dataset, r.startedAt, r.durationMs ?? null, r.tags ?? 0, r.deletedAt ?? 0, r.points?.[0] ?? 0, metrics?.points ?? 0]
  if (r.id !== `${project}:${experiment}:${r.execution}:${r.run}` || r.project !== project || r.experiment !== experiment) row.push({ id: r.id, project: r.project, experiment: r.experiment })
  return row
}

export function writeSummaries(file: string, project: string, experiment: string, stamp: string, entries: IndexEntry[]): SummaryEntry[] {
  const rows: Row[] = entries.map((e) => rowOf(e, project, experiment))
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify({ stamp, rows }))
  renameSync(temp, file)
  return rows.map((row) => fromRow(row, project, experiment))
}
