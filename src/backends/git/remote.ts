import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AlreadyExistsError, BackendError, ConfigError, InvalidInputError, NotFoundError, PadreError } from '../../core/errors.js'
import { checkName } from '../../core/model/names.js'
import { paths } from '../../core/model/paths.js'
import { readHead } from './refs.js'
import { DEFAULT_BRANCH, ensureSubmoduleConfig, fixCoreConfig, isRepo, resolveRelativeUrl, submoduleUrl } from './repo.js'
import { checkoutForward } from './worktree.js'
import { withRepoLock } from './repo-lock.js'

/**
 * Moving a project and all its experiment repositories over HTTP(S), isomorphic-git's only transport.
 *
 * Experiment urls: each experiment is recorded in `.gitmodules` with the relative url
 * `./experiments/<e>`, which native git (and padre) resolves against the project's remote url:
 * `https://host/team/proj.git` → `https://host/team/proj.git/experiments/<e>`. The server must hold
 * (or create) a repository there. An experiment whose own remote is configured (for example with
 * `git -C experiments/<e> remote set-url origin …`) is pushed to and pulled from that url instead.
 *
 * Credentials come from PADRE_GIT_USERNAME / PADRE_GIT_TOKEN at the moment of the request and are
 * never written to a repository or a config file. History is never rewritten: no force-push; pull
 * only fast-forwards.
 */

export interface RepoResult { repository: string; url: string; oid?: string; status: 'pushed' | 'up-to-date' | 'fast-forwarded' | 'cloned' | 'ahead' }

async function deps() {
  const [git, fs, http] = await Promise.all([import('isomorphic-git'), import('node:fs'), import('isomorphic-git/http/node')])
  return { git, fs, http: http.default ?? http }
}

/** onAuth from the environment; nothing is stored. */
export function authCallbacks(env: NodeJS.ProcessEnv = process.env) {
  return {
    onAuth: () => {
      const username = env.PADRE_GIT_USERNAME
      const token = env.PADRE_GIT_TOKEN
      if (!username && !token) return { cancel: true }
      return username ? { username, password: token ?? '' } : { username: token!, password: 'x-oauth-basic' }
    },
    onAuthFailure: () => ({ cancel: true }),
  }
}

function checkUrl(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new InvalidInputError(`'${url}' is not a URL: padre moves projects over http(s) only`, ['Use a URL such as https://git.example.com/team/project.git'])
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidInputError(`'${url}' uses ${parsed.protocol.replace(':', '')}; padre supports http(s) remotes only (isomorphic-git's only transport)`)
  }
  if (parsed.username || parsed.password) {
    throw new InvalidInputError('Do not put credentials in the remote URL (they would be stored in the repository config): set PADRE_GIT_USERNAME and PADRE_GIT_TOKEN instead', [
      'Set PADRE_GIT_USERNAME and PADRE_GIT_TOKEN in the environment instead.',
    ])
  }
}

function mapError(error: unknown, what: string, url: string): Error {
  if (error instanceof PadreError) return error
  const e = error as { code?: string; message?: string; data?: { statusCode?: number; reason?: string } }
  if (e.code === 'PushRejectedError' || /not-fast-forward|non-fast-forward|fetch first/.test(e.message ?? '')) {
    return new BackendError(`push of ${what} to ${url} was rejected: the remote has commits that this copy does not have`, [
      "Run 'padre project pull' first, then push again. Nothing local was changed or lost.",
    ])
  }
  if (e.code === 'UserCanceledError' || e.data?.statusCode === 401 || e.data?.statusCode === 403) {
    return new BackendError(`${url} refused the credentials for ${what} (or needs some): set PADRE_GIT_USERNAME and PADRE_GIT_TOKEN`, [
      'Set PADRE_GIT_USERNAME and PADRE_GIT_TOKEN in the environment (they are never stored).',
    ])
  }
  if (e.code === 'HttpError' && e.data?.statusCode === 404) {
    return new BackendError(`no repository at ${url} for ${what}`, ['Create it on the server (an empty repository), then try again.'])
  }
  return new BackendError(`git transfer of ${what} with ${url} failed: ${e.message ?? String(error)}`)
}

function noRemote(project: string, remote: string): ConfigError {
  return new ConfigError(`project '${project}' has no remote '${remote}': run 'padre project remote add ${remote} <url>'`, [`padre project remote add ${remote} <url>`])
}

function projectDirOf(root: string, project: string): string {
  const dir = paths.project(root, project)
  if (!isRepo(dir)) throw new NotFoundError(`project '${project}' has no git repository at ${dir}`)
  return dir
}

/** Experiments linked in the project's .gitmodules (name and path). */
export function linkedExperiments(projectDir: string): Array<{ name: string; path: string; url: string }> {
  const file = join(projectDir, '.gitmodules')
  if (!existsSync(file)) return []
  const out: Array<{ name: string; path: string; url: string }> = []
  let current: { name: string; path: string; url: string } | undefined
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const section = /^\s*\[submodule\s+"(.+)"\]\s*$/.exec(line)
    if (section) {
      current = { name: section[1], path: `experiments/${section[1]}`, url: submoduleUrl(section[1]) }
      out.push(current)
      continue
    }
    const kv = /^\s*(path|url)\s*=\s*(.+?)\s*$/.exec(line)
    if (kv && current) current[kv[1] as 'path' | 'url'] = kv[2]
  }
  return out
}

async function remoteUrl(dir: string, remote: string): Promise<string | undefined> {
  const { git, fs } = await deps()
  const url = await git.getConfig({ fs, dir, path: `remote.${remote}.url` })
  return typeof url === 'string' ? url : undefined
}

/** The url of an experiment's remote: its own config if set, else the .gitmodules url resolved against the project's. */
async function experimentUrl(projectUrl: string, expDir: string, remote: string, relative: string): Promise<string> {
  return (await remoteUrl(expDir, remote)) ?? resolveRelativeUrl(projectUrl, relative)
}

async function setRemote(dir: string, remote: string, url: string): Promise<void> {
  const { git, fs } = await deps()
  await git.addRemote({ fs, dir, remote, url, force: true })
}

/** `padre project remote add <name> <url>`: the project's remote, and the derived one in every experiment. */
export async function addRemote(root: string, project: string, name: string, url: string): Promise<{ project: string; remote: string; url: string; experiments: Array<{ name: string; url: string }> }> {
  checkUrl(url)
  checkName('remote', name)
  const dir = projectDirOf(root, project)
  if (await remoteUrl(dir, name)) throw new AlreadyExistsError(`project '${project}' already has a remote '${name}'`, [`Use another name, or: git -C ${dir} remote set-url ${name} <url>`])
  await setRemote(dir, name, url)
  const experiments: Array<{ name: string; url: string }> = []
  for (const e of linkedExperiments(dir)) {
    const expDir = join(dir, e.path)
    if (!isRepo(expDir)) continue
    const expUrl = resolveRelativeUrl(url, e.url)
    if (!(await remoteUrl(expDir, name))) await setRemote(expDir, name, expUrl)
    experiments.push({ name: e.name, url: (await remoteUrl(expDir, name))! })
  }
  return { project, remote: name, url, experiments }
}

async function pushOne(dir: string, remote: string, url: string, what: string): Promise<RepoResult> {
  const { git, fs, http } = await deps()
  const oid = readHead(join(dir, '.git')).oid
  if (!oid) return { repository: what, url, status: 'up-to-date' }
  try {
    const result = await git.push({ fs, http, dir, remote, url, ref: DEFAULT_BRANCH, remoteRef: DEFAULT_BRANCH, ...authCallbacks() })
    if (!result.ok) throw Object.assign(new Error(result.error ?? 'push failed'), { code: 'PushFailed' })
    return { repository: what, url, oid, status: 'pushed' }
  } catch (error) {
    throw mapError(error, what, url)
  }
}

async function projectRemote(root: string, project: string, remote: string): Promise<{ dir: string; url: string }> {
  const dir = projectDirOf(root, project)
  const url = await remoteUrl(dir, remote)
  if (!url) throw noRemote(project, remote)
  return { dir, url }
}

/** Runs `act` on every linked experiment repository present here, in order. */
async function eachExperiment(dir: string, url: string, remote: string, act: (expDir: string, expUrl: string, what: string) => Promise<RepoResult>): Promise<RepoResult[]> {
  const out: RepoResult[] = []
  for (const e of linkedExperiments(dir)) {
    const expDir = join(dir, e.path)
    if (isRepo(expDir)) out.push(await act(expDir, await experimentUrl(url, expDir, remote, e.url), `experiment '${e.name}'`))
  }
  return out
}

/**
 * `padre project push [--remote R]`: every experiment repository first (so that the project's gitlinks
 * point at commits the server has), then the project. A rejected push changes nothing locally.
 */
export async function push(root: string, project: string, remote = 'origin'): Promise<{ project: string; remote: string; repositories: RepoResult[] }> {
  const { dir, url } = await projectRemote(root, project, remote)
  const repositories = await eachExperiment(dir, url, remote, async (expDir, expUrl, what) => {
    if (!(await remoteUrl(expDir, remote))) await setRemote(expDir, remote, expUrl)
    return pushOne(expDir, remote, expUrl, what)
  })
  repositories.push(await pushOne(dir, remote, url, `project '${project}'`))
  return { project, remote, repositories }
}

/** Fetch `remote`'s main into `dir` and fast-forward to it; never merges, never resets. */
async function pullOne(dir: string, remote: string, url: string, what: string): Promise<RepoResult> {
  const { git, fs, http } = await deps()
  let fetched: string | null
  try {
    const r = await git.fetch({ fs, http, dir, remote, url, ref: DEFAULT_BRANCH, remoteRef: DEFAULT_BRANCH, singleBranch: true, tags: false, ...authCallbacks() })
    fetched = r.fetchHead
  } catch (error) {
    throw mapError(error, what, url)
  }
  // Under the repository lock: a padre committing a run meanwhile moves HEAD first or after, never during.
  return withRepoLock(dir, async (): Promise<RepoResult> => {
    const local = readHead(join(dir, '.git')).oid
    if (!fetched || fetched === local) return { repository: what, url, oid: local, status: 'up-to-date' }
    if (local && await git.isDescendent({ fs, dir, oid: local, ancestor: fetched, depth: -1 })) {
      return { repository: what, url, oid: local, status: 'ahead' }
    }
    if (local && !(await git.isDescendent({ fs, dir, oid: fetched, ancestor: local, depth: -1 }))) {
      throw new BackendError(`${what} has diverged from ${url}: both have commits the other lacks, and padre only fast-forwards`, [
        'Nothing was changed. Merge them with native git (git -C ' + dir + ' merge ' + `${remote}/${DEFAULT_BRANCH}), then push.`,
      ])
    }
    await checkoutForward(dir, fetched)
    return { repository: what, url, oid: fetched, status: 'fast-forwarded' }
  })
}

async function cloneRepo(dir: string, url: string, what: string, remote = 'origin'): Promise<string | undefined> {
  const { git, fs, http } = await deps()
  try {
    await git.clone({ fs, http, dir, url, remote, ref: DEFAULT_BRANCH, singleBranch: true, noCheckout: true, noTags: true, ...authCallbacks() })
  } catch (error) {
    throw mapError(error, what, url)
  }
  await fixCoreConfig(dir)
  const head = readHead(join(dir, '.git')).oid
  if (head) await checkoutForward(dir, head, true)
  return head
}

/** Clone experiments that the project links but that are not here yet. */
async function cloneMissingExperiments(dir: string, projectUrl: string, remote: string): Promise<RepoResult[]> {
  const out: RepoResult[] = []
  for (const e of linkedExperiments(dir)) {
    const expDir = join(dir, e.path)
    if (isRepo(expDir)) continue
    const url = resolveRelativeUrl(projectUrl, e.url)
    const oid = await cloneRepo(expDir, url, `experiment '${e.name}'`, remote)
    ensureSubmoduleConfig(dir, e.name, url)
    out.push({ repository: `experiment '${e.name}'`, url, oid, status: 'cloned' })
  }
  return out
}

/** `padre project pull`: fetch and fast-forward every experiment, then the project, then clone new experiments. */
export async function pull(root: string, project: string, remote = 'origin'): Promise<{ project: string; remote: string; repositories: RepoResult[] }> {
  const { dir, url } = await projectRemote(root, project, remote)
  const repositories = await eachExperiment(dir, url, remote, (expDir, expUrl, what) => pullOne(expDir, remote, expUrl, what))
  repositories.push(await pullOne(dir, remote, url, `project '${project}'`))
  repositories.push(...await cloneMissingExperiments(dir, url, remote))
  return { project, remote, repositories }
}

/** `padre project clone <url> [name]`: the project and every experiment repository, checked out so native git is content. */
export async function clone(root: string, url: string, name?: string): Promise<{ project: string; dir: string; repositories: RepoResult[] }> {
  checkUrl(url)
  const project = name ?? decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '').replace(/\.git$/, '')
  checkName('project', project)
  const dir = paths.project(root, project)
  if (existsSync(dir)) throw new AlreadyExistsError(`project '${project}' already exists at ${dir}`, ['Pass another name: padre project clone <url> <name>'])
  const oid = await cloneRepo(dir, url, `project '${project}'`)
  const repositories: RepoResult[] = [{ repository: `project '${project}'`, url, oid, status: 'cloned' }]
  repositories.push(...await cloneMissingExperiments(dir, url, 'origin'))
  return { project, dir, repositories }
}
