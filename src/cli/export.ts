import { toCsv, toLatex, toMarkdown, type Cell, type Format } from '../core/export/formats.js'
import { table } from './render.js'

/** A head + rows in the chosen --format (table: cli-table3). */
export async function renderAs(format: Format | string, head: string[], rows: Cell[][], options: { align?: Array<'l' | 'r'>; caption?: string | { latex: string }; notes?: string[] } = {}): Promise<string> {
  switch (format) {
    case 'csv': return toCsv(head, rows).replace(/\r\n$/, '')
    case 'md': return toMarkdown(head, rows, options.align).replace(/\n$/, '')
    case 'latex': return toLatex(head, rows, options).replace(/\n$/, '')
    case 'json': return JSON.stringify(rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? null]))), null, 2)
    default: return table(head, rows.map((r) => r.map((c) => (c === undefined || c === null ? '-' : typeof c === 'boolean' ? String(c) : c))))
  }
}
