/** Plain-text exports of a table (head + rows): CSV (RFC 4180), Markdown (GitHub-flavoured), LaTeX (booktabs). */
export type Cell = string | number | boolean | null | undefined
export const FORMATS = ['table', 'json', 'csv', 'md', 'latex'] as const
export type Format = (typeof FORMATS)[number]

const text = (c: Cell) => (c === undefined || c === null ? '' : typeof c === 'number' && Number.isNaN(c) ? 'NaN' : String(c))

/** RFC 4180: fields with comma, quote, CR or LF are quoted, quotes doubled; lines end with CRLF. */
export function toCsv(head: string[], rows: Cell[][]): string {
  const field = (c: Cell) => {
    const s = text(c)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [head, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}

/** A pipe table; pipes and backslashes escaped, newlines folded, so it renders on GitHub, GitLab, Gitea. */
export function toMarkdown(head: string[], rows: Cell[][], align: Array<'l' | 'r'> = []): string {
  const cell = (c: Cell) => text(c).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'))
  return [head.map(cell), rule, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n'
}

const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '$': '\\$', '&': '\\&', '#': '\\#', '%': '\\%',
  '_': '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
}

export function latexEscape(s: string): string {
  return s.replace(/[\\{}$&#%_^~]/g, (ch) => LATEX_SPECIAL[ch])
}

/**
 * A booktabs tabular. Cells are escaped unless they are `{ latex: '...' }` (already LaTeX, e.g. a bold
 * mean ± std). Needs \usepackage{booktabs} in the preamble.
 */
export function toLatex(head: string[], rows: Array<Array<Cell | { latex: string }>>, options: { align?: Array<'l' | 'r'>; caption?: string | { latex: string }; notes?: string[] } = {}): string {
  const cell = (c: Cell | { latex: string }) => (typeof c === 'object' && c !== null ? c.latex : latexEscape(text(c)))
  const cols = head.map((_, i) => options.align?.[i] ?? 'l').join('')
  const lines = [
    '% \\usepackage{booktabs}',
    '\\begin{table}[ht]',
    '\\centering',
    `\\begin{tabular}{${cols}}`,
    '\\toprule',
    `${head.map((h) => latexEscape(h)).join(' & ')} \\\\`,
    '\\midrule',
    ...rows.map((r) => `${r.map(cell).join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
    ...(options.caption ? [`\\caption{${typeof options.caption === 'string' ? latexEscape(options.caption) : options.caption.latex}}`] : []),
    ...(options.notes ?? []).map((n) => `% ${n}`),
    '\\end{table}',
  ]
  return lines.join('\n') + '\n'
}
