import { toCsv, toLatex, toMarkdown, type Cell, type Format } from '../core/export/formats.js'
import { fmt, table } from './render.js'

// csv and json keep full precision (data); tables for people show 4 decimals
const rounded = (row: Cell[]) => row.map((c) => (typeof c === 'number' && !Number.isInteger(c) ? fmt(c) : c))

/** A head + rows in the chosen --format (table: cli-table3). */
export async function renderAs(format: Format | string, head: string[], rows: Cell[][], options: { align?: Array<'l' | 'r'>; caption?: string | { latex: string }; notes?: string[] } = {}): Promise<string> {
  switch (format) {
    case 'csv': return toCsv(head, rows).replace(/\r\n$/, '')
    case 'md': return toMarkdown(head, rows.map(rounded), options.align).replace(/\n$/, '')
    case 'latex': return toLatex(head, rows.map(rounded), options).replace(/\n$/, '')
    case 'json': return JSON.stringify(rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? null]))), null, 2)
    default: return table(head, rows.map((r) => r.map((c) => (c === undefined || c === null ? '-' : typeof c === 'boolean' ? String(c) : c))))
  }
}
