/**
 * cli-table3's compact, colourless table (what render.ts's table() asks it for), drawn directly for the
 * common case where it is plain arithmetic: every cell printable ASCII (its width is its length) and
 * every row as long as the head. Anything else returns undefined and cli-table3 draws it. Loading and
 * first running cli-table3 (string-width's emoji regex among it) costs a cold command ~25-40 ms; a
 * property test holds this to cli-table3's bytes.
 */
const PLAIN = /^[\x20-\x7e]*$/

export function plainTable(head: string[], rows: string[][]): string | undefined {
  const columns = head.length
  if (columns === 0) return undefined
  const widths = head.map((h) => h.length)
  for (const cells of [head, ...rows]) {
    if (cells.length !== columns) return undefined
    for (let c = 0; c < columns; c++) {
      const cell = cells[c]
      if (typeof cell !== 'string' || !PLAIN.test(cell)) return undefined
      if (cell.length > widths[c]) widths[c] = cell.length
    }
  }
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`
  const line = (cells: string[]) => `│${cells.map((cell, c) => ` ${cell.padEnd(widths[c])} `).join('│')}│`
  const lines = [rule('┌', '┬', '┐'), line(head)]
  if (rows.length) lines.push(rule('├', '┼', '┤'), ...rows.map(line))
  lines.push(rule('└', '┴', '┘'))
  return lines.join('\n')
}
