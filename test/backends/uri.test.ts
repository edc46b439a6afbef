import { homedir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '../../src/core/errors.js'
import { parseBackendUris } from '../../src/core/storage-uri.js'

describe('[BACKEND] uri', () => {
  const root = '/data/padre-root'

  it('unset or blank is git://<root_dir>, today\'s behaviour', () => {
    for (const text of [undefined, '', '  ']) expect(parseBackendUris(text, root)).toEqual([{ scheme: 'git', root, uri: `git://${root}` }])
  })

  it('git:// and file:// take a path (~ is home; none is root_dir); memory:// none', () => {
    expect(parseBackendUris('git://~/.padre', root)).toEqual([{ scheme: 'git', root: join(homedir(), '.padre'), uri: `git://${join(homedir(), '.padre')}` }])
    expect(parseBackendUris('file:///mnt/x', root)).toEqual([{ scheme: 'file', root: '/mnt/x', uri: 'file:///mnt/x' }])
    expect(parseBackendUris('FILE://', root)).toEqual([{ scheme: 'file', root, uri: `file://${root}` }])
    expect(parseBackendUris('memory://', root)).toEqual([{ scheme: 'memory', uri: 'memory://' }])
  })

  it('several, separated by commas, are the members of a composite in order', () => {
    expect(parseBackendUris(' git:// , file:///mnt/mirror,memory:// ', root).map((s) => s.uri)).toEqual([`git://${root}`, 'file:///mnt/mirror', 'memory://'])
  })

  it.each([
    ['s3://bucket/prefix', /unknown backend scheme 's3:\/\/' in 's3:\/\/bucket\/prefix'; use git:\/\/<path>, file:\/\/<path> or memory:\/\//],
    ['/plain/path', /'\/plain\/path' is not a backend URI; use git:\/\//],
    ['git://,,file://', /member 2 of 3 is empty/],
    ['memory:///tmp/x', /memory:\/\/ takes no path/],
    [`git://, file://${root}`, /members 1 and 2 both use \/data\/padre-root; give each member its own folder/],
  ])('%s is a ConfigError naming the accepted forms', (text, pattern) => {
    expect(() => parseBackendUris(text, root, 'cfg: [BACKEND] uri')).toThrow(ConfigError)
    expect(() => parseBackendUris(text, root, 'cfg: [BACKEND] uri')).toThrow(pattern)
  })
})
