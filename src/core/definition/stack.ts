export interface Frame {
  file: string
  line: number
}

/** file:line frames of an error's stack, with file:// URLs turned into paths and loader queries dropped. */
export function stackFrames(stack: string | undefined): Frame[] {
  const frames: Frame[] = []
  for (const text of (stack ?? '').split('\n')) {
    const m = /^\s*at (?:.*? \()?(.+?):(\d+):\d+\)?$/.exec(text)
    if (!m) continue
    let file = m[1].replace(/\?.*$/, '')
    if (file.startsWith('file://')) file = decodeURIComponent(file.slice('file://'.length))
    frames.push({ file, line: Number(m[2]) })
  }
  return frames
}

const isInternal = (file: string) => file.startsWith('node:') || /[\\/]node_modules[\\/]/.test(file) || !/[\\/]/.test(file)

/** The first frame of the stack outside padre's own files and node's: the user's code. */
export function userFrame(stack: string | undefined, isPadre: (file: string) => boolean): Frame | undefined {
  return stackFrames(stack).find((f) => !isInternal(f.file) && !isPadre(f.file))
}

/** Where the function calling this one was called from (e.g. the definition file line calling defineComponent). */
export function callSite(): Frame | undefined {
  const frames = stackFrames(new Error().stack)
  const own = new Set(frames.slice(0, 2).map((f) => f.file))
  return frames.find((f) => !own.has(f.file) && !isInternal(f.file))
}

export const frameText = (f: Frame | undefined) => (f ? `${f.file}:${f.line}` : undefined)
