import { checkName } from '../model/names.js'
import type { App } from './app.js'
import { assertOnline, type OnlineOptions } from './offline.js'
import { getProject } from './projects.js'

/** Moving projects over git remotes: checks names and the offline switches, then the git backend does the work. */
export async function addProjectRemote(app: App, project: string | undefined, name: string, url: string) {
  const { name: p } = await getProject(app, project)
  checkName('remote', name)
  return (await app.loaders.remote()).addRemote(app.root, p, name, url)
}

export async function pushProject(app: App, project: string | undefined, remote: string, online: OnlineOptions = {}) {
  const { name } = await getProject(app, project)
  return (await remoteBackend(app, 'project push', online)).push(app.root, name, remote)
}

export async function pullProject(app: App, project: string | undefined, remote: string, online: OnlineOptions = {}) {
  const { name } = await getProject(app, project)
  return (await remoteBackend(app, 'project pull', online)).pull(app.root, name, remote)
}

export async function cloneProject(app: App, url: string, name?: string, online: OnlineOptions = {}) {
  if (name) checkName('project', name)
  return (await remoteBackend(app, 'project clone', online)).clone(app.root, url, name)
}

/** Without an app's online check: an operation that only writes local git config (remote add). */
async function remoteBackend(app: App, what = '', online: OnlineOptions = {}) {
  if (what) assertOnline(app.config, what, online)
  return app.loaders.remote()
}
