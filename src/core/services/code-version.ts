import { createHash } from 'node:crypto'
import type { ExperimentDefinition, SourceReference } from '../model/types.js'

export interface CodeVersion {
  version: string
  source: SourceReference
}

/** A definition file versions by its git commit (plus content when dirty); the flags-only path by its spec. */
export async function codeVersionOf(file: string | undefined, definition: ExperimentDefinition): Promise<CodeVersion> {
  if (file) {
    const { resolveCodeVersion } = await import('../../backends/git/code-version.js')
    return resolveCodeVersion(file)
  }
  const source = JSON.stringify(definition, null, 2)
  const specHash = createHash('sha256').update(source).digest('hex')
  return { version: `spec-${specHash.slice(0, 12)}`, source: { kind: 'spec', specHash, source } }
}
