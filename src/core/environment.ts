import { readFile } from 'node:fs/promises'
import { arch, cpus, platform, release } from 'node:os'
import { join } from 'node:path'
import type { Environment } from './model/types.js'
import { PACKAGE_ROOT } from './package-root.js'

const RECORDED_PACKAGES = ['libsvm-js', 'isomorphic-git', '@oclif/core']

/** What a run ran on, so that a result can be traced to its machine and packages. */
export async function captureEnvironment(datasetHash: string): Promise<Environment> {
  const [padre, ...versions] = await Promise.all([
    packageVersion(PACKAGE_ROOT),
    ...RECORDED_PACKAGES.map((name) => packageVersion(join(PACKAGE_ROOT, 'node_modules', name))),
  ])
  const cpu = cpus()
  return {
    node: process.version,
    os: `${platform()} ${release()}`,
    arch: arch(),
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    padre,
    packages: Object.fromEntries(RECORDED_PACKAGES.map((name, i) => [name, versions[i]])),
    datasetHash,
  }
}

export async function packageVersion(dir: string): Promise<string> {
  try {
    return (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}
