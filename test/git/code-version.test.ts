import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resolveCodeVersion } from '../../src/backends/git/code-version.js'
import { git, removeDir, tempDir } from './fixtures.js'

let dir: string
beforeEach(() => { dir = tempDir('padre-code-') })
afterEach(() => removeDir(dir))

function commitAll(repo: string): string {
  git(repo, 'add', '-A')
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'c')
  return git(repo, 'rev-parse', 'HEAD').trim()
}

test('committed file → commit version; edited → dirty version; committed again → new commit version', async () => {
  git(dir, 'init', '-q', '-b', 'main')
  mkdirSync(join(dir, 'exp'))
  const file = join(dir, 'exp', 'iris.ts')
  writeFileSync(file, 'export default 1\n')
  const c1 = commitAll(dir)

  const clean = await resolveCodeVersion(file)
  expect(clean.version).toBe(c1.slice(0, 12))
  expect(clean.source).toMatchObject({ kind: 'git', repo: dir, path: 'exp/iris.ts', commit: c1, dirty: false, source: 'export default 1\n' })
  expect((await resolveCodeVersion(file)).version).toBe(clean.version) // same code → same version

  writeFileSync(file, 'export default 2\n')
  const dirty = await resolveCodeVersion(file)
  expect(dirty.version).toMatch(new RegExp(`^${c1.slice(0, 12)}-dirty-[0-9a-f]{8}$`))
  expect(dirty.source).toMatchObject({ kind: 'git', dirty: true, commit: c1, source: 'export default 2\n' })

  writeFileSync(file, 'export default 3\n')
  expect((await resolveCodeVersion(file)).version).not.toBe(dirty.version)

  const c2 = commitAll(dir)
  expect((await resolveCodeVersion(file)).version).toBe(c2.slice(0, 12))
})

test('an untracked file in a repository is dirty; packed objects are read too', async () => {
  git(dir, 'init', '-q', '-b', 'main')
  writeFileSync(join(dir, 'other.txt'), 'x')
  const c1 = commitAll(dir)
  git(dir, 'gc', '-q') // objects and refs packed
  writeFileSync(join(dir, 'new.ts'), 'export default 1\n')
  const v = await resolveCodeVersion(join(dir, 'new.ts'))
  expect(v.version).toMatch(new RegExp(`^${c1.slice(0, 12)}-dirty-[0-9a-f]{8}$`))
  git(dir, 'add', 'new.ts')
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'add')
  git(dir, 'gc', '-q')
  const head = git(dir, 'rev-parse', 'HEAD').trim()
  expect((await resolveCodeVersion(join(dir, 'new.ts'))).version).toBe(head.slice(0, 12))
})

test('a file outside any git repository versions by content and says so', async () => {
  const file = join(dir, 'def.ts')
  writeFileSync(file, 'export default 1\n')
  const v = await resolveCodeVersion(file)
  expect(v.version).toMatch(/^content-[0-9a-f]{12}$/)
  expect(v.source.kind).toBe('file')
  if (v.source.kind === 'file') expect(v.source.note).toMatch(/not under git/)
  writeFileSync(file, 'export default 2\n')
  expect((await resolveCodeVersion(file)).version).not.toBe(v.version)
})
