import type { ParamValue } from '../core/model/types.js'
import { plainTable } from './plain-table.js'

/** A cli-table3 table as text; cli-table3 is loaded only when a table is not plain ASCII (src/cli/plain-table.ts). */
export async function table(head: string[], rows: Array<Array<string | number>>): Promise<string> {
  const cells = rows.map((r) => r.map(String))
  const plain = plainTable(head, cells)
  if (plain !== undefined) return plain
  const { default: Table } = await import('cli-table3')
  const t = new Table({ head, style: { head: [], border: [], compact: true } })
  t.push(...cells)
  return t.toString()
}

export function fmt(value: number | undefined, digits = 4): string {
  if (value === undefined || Number.isNaN(value)) return '-'
  return Number.isInteger(value) ? String(value) : value.toFixed(digits)
}

/** Metric values: always `digits` decimals, so that means and stds line up (1 → 1.0000). */
export function fmtMetric(value: number | undefined, digits = DEFAULT_PRECISION): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '-'
  return value.toFixed(digits)
}

export const DEFAULT_PRECISION = 4

export function fmtParams(params: Record<string, ParamValue>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')
}

export function fmtTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-'
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return '-'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
