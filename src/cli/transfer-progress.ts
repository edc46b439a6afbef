/** Progress on stderr for long transfers: a line every 10% (and the last), only past a handful of objects. */
export function progressLine(verb: string, note: (message: string) => void): (done: number, total: number) => void {
  let shown = -1
  return (done, total) => {
    if (total < 20) return
    const tenth = Math.floor((done * 10) / total)
    if (tenth === shown && done !== total) return
    shown = tenth
    note(`  ${verb} ${done}/${total}`)
  }
}
