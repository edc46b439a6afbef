/**
 * An artifact a computation kept: a file stored once by its SHA-256 under <root>/artifacts/ (outside
 * the git repositories, which record only this reference).
 */
export interface ArtifactRef {
  /** What the artifact is to the computation: 'model.json' for the fitted pipeline, else the file's relative path. */
  path: string
  /** SHA-256 of the content, lowercase hex. */
  sha256: string
  size: number
  /** Hash of what produced it (the computation's cacheKey: code version, params, inputs); names its place on a remote. */
  producer: string
}

/** Content-addressed local storage: put never overwrites, get verifies the hash. */
export interface ArtifactStore {
  put(content: Uint8Array): Promise<{ sha256: string; size: number }>
  /** The content, verified against its hash; a clear PadreError when missing or corrupted. */
  get(sha256: string): Promise<Buffer>
  has(sha256: string): boolean
  /** Every stored hash. */
  list(): Promise<string[]>
}

export interface TransferProblem {
  ref: ArtifactRef
  key: string
  problem: 'missing' | 'corrupted'
  detail: string
}

export interface TransferReport {
  remote: string
  /** Objects written (push: to the remote; pull: into the local store). */
  transferred: number
  bytes: number
  /** Already where they had to go. */
  present: number
  problems: TransferProblem[]
}

export type Progress = (done: number, total: number) => void

/** The artifact backends, loaded by the composition root only when an artifact command needs them. */
export interface ArtifactBackend {
  /** The content-addressed store under <root>/artifacts/. */
  localStore(root: string): ArtifactStore
  /** Push: every ref the remote lacks; pull: every ref the local store lacks (each hash checked). */
  transfer(direction: 'push' | 'pull', root: string, target: { url: string; endpoint?: string; region?: string }, refs: ArtifactRef[], progress?: Progress): Promise<TransferReport>
  /** A ref's object key on every remote: <url-encoded path>/<producer>/<sha256>. */
  remoteKey(ref: ArtifactRef): string
}
