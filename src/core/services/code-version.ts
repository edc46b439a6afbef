import { createHash } from 'node:crypto'
import { dirname, resolve } from 'node:path'
import type { ExperimentDefinition, SourceReference } from '../model/types.js'
import type { BackendLoaders } from './app.js'

export interface CodeVersion {
  version: string
  source: SourceReference
}

/**
 * A definition file versions by its git commit (plus content when dirty); the flags-only path by its spec.
 * Command components add the content of every file they name: `<version>-src-<hash8>`, and the files
 * are stored in the source reference. Without command components the version is the file's alone.
 */
export async function codeVersionOf(file: string | undefined, definition: ExperimentDefinition, loaders: Pick<BackendLoaders, 'resolveCodeVersion'>): Promise<CodeVersion> {
  const code = await definitionVersion(file, definition, loaders)
  if (!file || !definition.pipeline.some((spec) => spec.command)) return code
  const { commandSources, sourcesHash } = await import('../../runtime/command/sources.js')
  const sources = commandSources(definition.pipeline, dirname(resolve(file)))
  if (code.source.kind === 'spec') return code
  return { version: `${code.version}-src-${sourcesHash(sources).slice(0, 8)}`, source: { ...code.source, commandSources: sources } }
}

async function definitionVersion(file: string | undefined, definition: ExperimentDefinition, loaders: Pick<BackendLoaders, 'resolveCodeVersion'>): Promise<CodeVersion> {
  if (file) return loaders.resolveCodeVersion(file)
  const source = JSON.stringify(definition, null, 2)
  const specHash = createHash('sha256').update(source).digest('hex')
  return { version: `spec-${specHash.slice(0, 12)}`, source: { kind: 'spec', specHash, source } }
}
