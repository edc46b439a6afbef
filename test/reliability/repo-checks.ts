import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { BIN, type Sandbox } from '../helpers/cli.js'

export function git(dir: string, ...args: string[]): { status: number; out: string } {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' })
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

/**
 * `git fsck --full --strict`: exit 0 and nothing said, except the notices of a repository made by
 * `git init` that has no commit yet (a kill between padre's init and its first commit leaves one).
 */
export function fsckProblems(dir: string): string[] {
  const fsck = git(dir, 'fsck', '--full', '--strict', '--no-progress', '--no-dangling')
  const said = fsck.out.split('\n').filter((l) => l.trim() && !/^notice: (HEAD points to an unborn branch|No default references)/.test(l))
  return fsck.status !== 0 || said.length ? [`fsck ${dir}: ${fsck.out.trim()}`] : []
}

/** What native git says is wrong with a repository (empty when fsck, status and submodules are clean). */
export function repoProblems(dir: string): string[] {
  const problems: string[] = []
  problems.push(...fsckProblems(dir))
  const status = git(dir, 'status', '--porcelain', '--untracked-files=all', '--ignore-submodules=none')
  if (status.status !== 0 || status.out.trim()) problems.push(`status ${dir}: ${status.out.trim()}`)
  // Split-index files: only the one the index names may remain (git would otherwise keep them two weeks).
  const shared = readdirSync(join(dir, '.git')).filter((n) => n.startsWith('sharedindex.'))
  if (shared.length > 1) problems.push(`${dir}: ${shared.length} shared index files: ${shared.join(', ')}`)
  for (const name of ['index.lock', 'padre.lock', 'padre-pending']) if (existsSync(join(dir, '.git', name))) problems.push(`${dir}: .git/${name} left behind`)
  if (existsSync(join(dir, '.gitmodules'))) {
    const sub = git(dir, 'submodule', 'status')
    const bad = sub.out.split('\n').filter((l) => l && !l.startsWith(' '))
    if (sub.status !== 0 || bad.length) problems.push(`submodule status ${dir}: ${sub.out.trim()}`)
  }
  return problems
}

/** Every project and experiment repository under root_dir (folders with a .git). */
export function allRepos(root: string): string[] {
  return allFolders(root).filter((dir) => existsSync(join(dir, '.git')))
}

/** Every project and experiment folder under root_dir. */
export function allFolders(root: string): string[] {
  const projects = join(root, 'projects')
  if (!existsSync(projects)) return []
  return readdirSync(projects).flatMap((p) => {
    const dir = join(projects, p)
    const exps = join(dir, 'experiments')
    return [dir, ...(existsSync(exps) ? readdirSync(exps).map((e) => join(exps, e)) : [])]
  })
}

export interface AsyncResult { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** The built CLI in a child process, without blocking the test's event loop. */
export function runAsync(box: Sandbox, args: string[]): { child: ReturnType<typeof spawn>; done: Promise<AsyncResult> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: box.dir,
    env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => { stdout += d })
  child.stderr!.on('data', (d) => { stderr += d })
  const done = new Promise<AsyncResult>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })))
  return { child, done }
}

/** Figures for `npm run reliability`: appended as JSON lines to $PADRE_RELIABILITY_REPORT when set. */
export function report(figures: Record<string, unknown>): void {
  const file = process.env.PADRE_RELIABILITY_REPORT
  if (file) appendFileSync(file, `${JSON.stringify(figures)}\n`)
}
