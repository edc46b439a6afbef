import type { Cell } from '../core/export/formats.js'
import type { CompareRow } from '../core/services/compare-metrics.js'
import type { RowStats } from '../core/services/compare-stats.js'
import { renderAs } from './export.js'
import { fmt } from './render.js'

/** compare_metrics as csv, md, latex or json rows: mean ± std per metric; LaTeX bolds the best and marks ties. */
export async function renderCompare(format: string, rows: CompareRow[], parameters: string[], metrics: string[], stats?: RowStats[]): Promise<string> {
  const std = (r: CompareRow, m: string, i: number) => stats?.[i]?.summaries[m]?.std ?? r.std[m]
  if (format === 'latex') {
    const head = ['experiment', ...parameters, ...metrics]
    const body = rows.map((r, i) => [
      r.point ? `${r.experiment} (${r.run.split(':')[3]} #${r.point})` : r.experiment,
      ...parameters.map((k) => (k in r.parameters ? String(r.parameters[k]) : '-')),
      ...metrics.map((m) => {
        const v = r.mean[m]
        if (v === undefined || Number.isNaN(v)) return { latex: '--' }
        const text = `${fmt(v)} $\\pm$ ${fmt(std(r, m, i))}`
        const mark = stats?.[i]?.marks[m]
        return { latex: mark === 'best' ? `\\textbf{${fmt(v)}} $\\pm$ ${fmt(std(r, m, i))}` : mark === 'tie' ? `${text}$^{\\dagger}$` : text }
      }),
    ])
    return renderAs('latex', head, body as Cell[][], {
      align: head.map((_, i) => (i > parameters.length ? 'r' : 'l')),
      caption: { latex: `Mean $\\pm$ ${stats ? 'sample ' : ''}std over splits. Bold: best per metric; $^{\\dagger}$: not significantly worse than the best (corrected resampled t-test, $p \\geq 0.05$).` },
      notes: [`runs: ${[...new Set(rows.map((r) => r.run))].join(', ')}`],
    })
  }
  if (format === 'md') {
    const head = ['run', 'point', ...parameters, ...metrics]
    return renderAs('md', head, rows.map((r, i) => [r.run, r.point, ...parameters.map((k) => r.parameters[k] ?? '-'),
      ...metrics.map((m) => (r.mean[m] === undefined ? '-' : `${fmt(r.mean[m])} ± ${fmt(std(r, m, i))}${ci(stats?.[i], m)}${stats?.[i]?.marks[m] === 'best' ? ' **best**' : ''}`))]), {
      align: head.map((_, i) => (i < 2 + parameters.length ? 'l' : 'r')),
    })
  }
  const extra = stats ? ['std', 'ci_low', 'ci_high'] : ['std']
  const head = ['run', 'experiment', 'point', ...parameters, ...metrics.flatMap((m) => [m, ...extra.map((e) => `${m}_${e}`)])]
  return renderAs(format, head, rows.map((r, i) => [r.run, r.experiment, r.point, ...parameters.map((k) => r.parameters[k]),
    ...metrics.flatMap((m) => [r.mean[m], std(r, m, i), ...(stats ? [stats[i]?.summaries[m]?.ciLow, stats[i]?.summaries[m]?.ciHigh] : [])])]))
}

function ci(s: RowStats | undefined, m: string): string {
  const x = s?.summaries[m]
  return x && !Number.isNaN(x.ciLow) ? ` [${fmt(x.ciLow)}, ${fmt(x.ciHigh)}]` : ''
}

/** The table cell of --stats: mean ± sample std [95% t interval]. */
export function statsCell(r: CompareRow, m: string, s: RowStats | undefined): string {
  const x = s?.summaries[m]
  if (!x) return fmt(r.mean[m])
  return `${fmt(x.mean)} ± ${fmt(x.std)}${ci(s, m)}`
}
