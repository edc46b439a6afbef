import { ConfigError } from '../errors.js'
import { checkName } from '../model/names.js'
import type { App } from './app.js'
import { getProject } from './projects.js'

/** Moving projects over git remotes: checks names and the offline switch, then the git backend does the work. */
export async function addProjectRemote(app: App, project: string | undefined, name: string, url: string) {
  const { name: p } = await getProject(app, project)
  checkName('remote', name)
  return (await app.loaders.remote()).addRemote(app.root, p, name, url)
}

export async function pushProject(app: App, project: string | undefined, remote: string) {
  const { name } = await getProject(app, project)
  return (await remoteBackend(app)).push(app.root, name, remote)
}

export async function pullProject(app: App, project: string | undefined, remote: string) {
  const { name } = await getProject(app, project)
  return (await remoteBackend(app)).pull(app.root, name, remote)
}

export async function cloneProject(app: App, url: string, name?: string) {
  if (name) checkName('project', name)
  return (await remoteBackend(app)).clone(app.root, url, name)
}

async function remoteBackend(app: App) {
  if (app.config.offline) throw new ConfigError(`padre is offline ([GENERAL] offline = true in ${app.config.file}); run 'padre config set offline false' to use remotes.`)
  return app.loaders.remote()
}
