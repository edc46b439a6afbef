import { spawnSync } from 'node:child_process'
import { mkdirSync, openSync, closeSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox, type Sandbox } from '../helpers/cli.js'
import { allRepos, repoProblems } from './repo-checks.js'

/**
 * root_dir on a small tmpfs, filled mid-run, then remounted read-only. Needs `mount` (root, or a
 * container allowed to mount); where mounting is impossible the tests say so and are skipped.
 */
const probe = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d"; s=$?; rmdir "$d"; exit $s'])
const canMount = probe.status === 0
if (!canMount) console.warn(`disk.test.ts skipped: cannot mount a tmpfs here (${String(probe.stderr).trim()}); run as root to test full and read-only disks`)
const maybe = canMount ? describe : describe.skip

function mount(...args: string[]): void {
  const r = spawnSync('mount', args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`mount ${args.join(' ')}: ${r.stderr}`)
}

/** Fill the file system until it is full (ENOSPC), leaving `spare` bytes free. */
function fill(dir: string, spare: number): string {
  const file = join(dir, 'filler')
  const fd = openSync(file, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch { /* full */ } finally {
    closeSync(fd)
  }
  const size = Number(spawnSync('stat', ['-c', '%s', file], { encoding: 'utf8' }).stdout)
  spawnSync('truncate', ['-s', String(Math.max(0, size - spare)), file])
  return file
}

maybe('a full or read-only disk', () => {
  let box: Sandbox
  let disk: string
  beforeAll(() => {
    box = sandbox()
    disk = join(box.dir, 'disk')
    mkdirSync(disk)
    // 16m: every computation also keeps its model.json (knn's holds its training rows: about 2 MB a run here)
    mount('-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk)
    writeFileSync(box.config, `[LOCAL BACKEND]\nroot_dir = ${join(disk, 'root')}\n`)
  })
  afterAll(() => {
    spawnSync('umount', [disk])
    rmSync(box.dir, { recursive: true, force: true })
  })

  const execute = (name: string) => box.run(['experiment', 'execute', '--create-project', '--project', 'D', '--name', name, '--dataset', 'diabetes', '--estimator', 'knn', '--split', 'cv', '--folds', '10', '--grid', 'knn.k=1,2,3,4,5'])
  const root = () => join(disk, 'root')

  test('full mid-run: one clear line, non-zero exit, earlier runs intact, fsck clean; after freeing space the next run works', () => {
    expect(execute('before').status).toBe(0)
    const before = box.json<RunRecord[]>(['run', 'list'])
    const filler = fill(disk, 96 * 1024)
    try {
      const full = execute('during')
      expect(full.status).not.toBe(0)
      // Progress lines, then exactly one error line.
      expect(full.stderr.split('\n').filter((l) => /error/i.test(l))).toEqual([`Error: no space left on ${root()}: free space and rerun`])
      expect(full.stderr.endsWith(`Error: no space left on ${root()}: free space and rerun\n`)).toBe(true)
      for (const dir of allRepos(root())) expect(repoProblems(dir).filter((p) => p.startsWith('fsck'))).toEqual([])
    } finally {
      rmSync(filler, { force: true })
    }
    const after = box.json<RunRecord[]>(['run', 'list'])
    expect(after.filter((r) => r.status === 'running')).toEqual([])
    for (const run of before) expect(after).toContainEqual(run)
    expect(execute('during').status).toBe(0)
    const runs = box.json<RunRecord[]>(['run', 'list'])
    expect(runs.filter((r) => r.status === 'finished')).toHaveLength(2)
    for (const dir of allRepos(root())) expect(repoProblems(dir)).toEqual([])
  })

  test('read-only: a config error naming root_dir, exit 5, nothing changed; writable again, runs go on', () => {
    const before = box.json<RunRecord[]>(['run', 'list'])
    mount('-o', 'remount,ro', disk)
    try {
      const r = execute('readonly')
      expect(r.stderr).toBe(`Error: root_dir ${root()} is on a read-only file system: set [LOCAL BACKEND] root_dir to a folder you can write ('padre config set root_dir <folder>').\n`)
      expect(r.status).toBe(5)
      expect(box.json<RunRecord[]>(['run', 'list'])).toEqual(before)
    } finally {
      mount('-o', 'remount,rw', disk)
    }
    expect(execute('readonly').status).toBe(0)
    for (const dir of allRepos(root())) expect(repoProblems(dir)).toEqual([])
  })
})
