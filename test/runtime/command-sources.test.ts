import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandSources, scriptPaths, sourcesHash } from '../../src/runtime/command/sources.js'
import type { ComponentSpec } from '../../src/core/model/types.js'

const dir = mkdtempSync(join(tmpdir(), 'padre-sources-'))
mkdirSync(join(dir, 'models'))
writeFileSync(join(dir, 'models', 'forest.py'), 'print(1)\n')
writeFileSync(join(dir, 'train.sh'), '#!/bin/sh\n')
writeFileSync(join(dir, 'vocab.bin'), Buffer.from([1, 0, 2]))
const spec = (run: string[], files?: string[]): ComponentSpec => ({ component: 'c', params: {}, origin: 'command', command: { run, ...(files ? { files } : {}) } })

describe('the files a command component names', () => {
  it('counts scripts in argv and a program given as a path, not an interpreter', () => {
    expect(scriptPaths({ run: ['python3', 'models/forest.py', '--depth', '3'] }, dir)).toEqual([join(dir, 'models', 'forest.py')])
    expect(scriptPaths({ run: ['/usr/bin/env', 'true'] }, dir)).toEqual([])
    expect(scriptPaths({ run: ['./train.sh'] }, dir)).toEqual([join(dir, 'train.sh')])
    expect(scriptPaths({ run: ['python3', join(dir, 'models', 'forest.py')] }, dir)).toEqual([join(dir, 'models', 'forest.py')])
  })

  it('reads them with their hash; binary files keep only the hash', () => {
    const sources = commandSources([spec(['python3', 'models/forest.py'], ['vocab.bin']), { component: 'knn', params: {} }], dir)
    expect(sources).toEqual([
      { component: 'c', path: 'models/forest.py', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: 9, source: 'print(1)\n' },
      { component: 'c', path: 'vocab.bin', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: 3 },
    ])
  })

  it('changes the hash when a file changes', () => {
    const before = sourcesHash(commandSources([spec(['python3', 'models/forest.py'])], dir))
    writeFileSync(join(dir, 'models', 'forest.py'), 'print(2)\n')
    expect(sourcesHash(commandSources([spec(['python3', 'models/forest.py'])], dir))).not.toBe(before)
  })

  it('a missing script or file is bad input naming it', () => {
    expect(() => commandSources([spec(['python3', 'models/frest.py'])], dir)).toThrow("Component 'c': its script 'models/frest.py' does not exist")
    expect(() => commandSources([spec(['python3', 'models/forest.py'], ['nope.txt'])], dir)).toThrow("Component 'c': file 'nope.txt' in files does not exist")
  })
})
