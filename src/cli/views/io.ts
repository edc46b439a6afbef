/** Where a command's view writes: the oclif command, or the fast path of bin/run.js. */
export interface ViewIo {
  json: boolean
  /** stdout, one line (nothing with --json). */
  log(message: string): void
  /** stderr (nothing with --json). */
  note(message: string): void
  /** Called once the data is read, before anything is shown (the shell's scope note). */
  beforeOutput?(): void
}

/** Draws human output only when it will be shown (not with --json). */
export async function show(io: ViewIo, render: () => string | Promise<string>): Promise<void> {
  if (!io.json) io.log(await render())
}
