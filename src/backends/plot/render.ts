import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { writeFile } from 'node:fs/promises'
import { InvalidInputError } from '../../core/errors.js'
import type { VegaLiteSpec } from '../../core/plots/specs.js'

export type PlotFormat = 'svg' | 'png' | 'vl.json'

/** The output format from --out's extension; an unwritable place fails before any rendering. */
export function checkOut(out: string): { file: string; format: PlotFormat } {
  const file = resolve(out)
  const format: PlotFormat | undefined = /\.vl\.json$/i.test(file) ? 'vl.json' : /\.svg$/i.test(file) ? 'svg' : /\.png$/i.test(file) ? 'png' : undefined
  if (!format) throw new InvalidInputError(`--out '${out}' must end in .svg, .png or .vl.json (the Vega-Lite spec).`)
  const dir = dirname(file)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InvalidInputError(`Cannot write --out '${out}': folder ${dir} does not exist. Create it or choose another path.`)
  try {
    accessSync(existsSync(file) ? file : dir, constants.W_OK)
  } catch {
    throw new InvalidInputError(`Cannot write --out '${out}': permission denied. Choose a writable path.`)
  }
  if (existsSync(file) && statSync(file).isDirectory()) throw new InvalidInputError(`Cannot write --out '${out}': it is a folder. Give a file name.`)
  return { file, format }
}

/** Vega-Lite → Vega → SVG in Node (no browser); PNG through resvg at 2x. vega, vega-lite and resvg load here only. */
export async function renderPlot(spec: VegaLiteSpec, format: PlotFormat): Promise<Buffer | string> {
  if (format === 'vl.json') return `${JSON.stringify(spec, null, 2)}\n`
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')])
  const compiled = vegaLite.compile(spec as never).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' })
  const svg = await view.toSVG()
  view.finalize()
  if (format === 'svg') return svg
  const { Resvg } = await import('@resvg/resvg-js')
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' }).render().asPng()
}

export async function writePlot(spec: VegaLiteSpec, out: string): Promise<{ file: string; format: PlotFormat; bytes: number }> {
  const { file, format } = checkOut(out)
  const data = await renderPlot(spec, format)
  await writeFile(file, data)
  return { file, format, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length }
}
