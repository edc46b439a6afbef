import type { ArtifactBackend } from '../../core/artifacts/types.js'
import { LocalArtifactStore } from './local-store.js'
import { openRemote } from './open-remote.js'
import { remoteKey } from './remote.js'
import { pullRefs, pushRefs } from './transfer.js'

export const artifactBackend: ArtifactBackend = {
  localStore: (root) => new LocalArtifactStore(root),
  async transfer(direction, root, target, refs, progress) {
    const remote = await openRemote(target.url, { endpoint: target.endpoint, region: target.region })
    return (direction === 'push' ? pushRefs : pullRefs)(new LocalArtifactStore(root), remote, refs, progress)
  },
  remoteKey,
}
