import { spawn } from 'node:child_process'

/** Opens $VISUAL/$EDITOR on the file, only for a person at a terminal (never in CI or a pipe). */
export async function openInEditor(file: string): Promise<boolean> {
  const editor = process.env.VISUAL ?? process.env.EDITOR
  if (!editor || !process.stdin.isTTY || !process.stdout.isTTY || process.env.CI) return false
  await new Promise<void>((resolve, reject) => {
    const child = spawn(`${editor} "${file.replace(/"/g, '\\"')}"`, { stdio: 'inherit', shell: true })
    child.on('error', reject)
    child.on('exit', () => resolve())
  })
  return true
}
