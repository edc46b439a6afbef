import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { sandbox, type CliResult } from '../helpers/cli.js'

/** One line on stderr, a non-zero exit, no stack trace. */
function expectOneLineError(result: CliResult, pattern: RegExp, exit?: number): void {
  expect(result.status).not.toBe(0)
  if (exit !== undefined) expect(result.status).toBe(exit)
  const lines = result.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^Error: /)
  expect(lines[0]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

const execute = (...extra: string[]) => ['experiment', 'execute', '--project', 'P', '--create-project', '--name', 'E', ...extra]

describe('bad input', () => {
  const box = sandbox()
  const listing = () => (existsSync(box.root) ? readdirSync(box.root, { recursive: true }).map(String).sort() : [])

  it('an unknown dataset or estimator is NotFound with close matches, and nothing is stored', () => {
    expectOneLineError(box.run(execute('--dataset', 'irs', '--estimator', 'knn')), /Dataset 'irs' not found\. Did you mean 'iris'\?/, 3)
    expectOneLineError(box.run(execute('--dataset', 'iris', '--estimator', 'knnn')), /Estimator 'knnn' not found\. Did you mean 'knn'/, 3)
    expect(listing().filter((f) => f.startsWith('projects'))).toEqual([])
  })

  it('a wrong parameter type or an unknown parameter names it and what it accepts', () => {
    expectOneLineError(box.run(execute('--dataset', 'iris', '--estimator', 'knn', '--param', 'knn.k=abc')), /knn\.k must be an integer.*not "abc"/, 2)
    expectOneLineError(box.run(execute('--dataset', 'iris', '--estimator', 'knn', '--param', 'knn.foo=1')), /Unknown parameter 'knn\.foo'\. knn accepts: k/, 2)
    expectOneLineError(box.run(execute('--dataset', 'iris', '--estimator', 'knn', '--param', 'k=3')), /--param 'k=3' must look like <component>\.<parameter>=<value>/, 2)
    expectOneLineError(box.run(execute('--dataset', 'iris', '--estimator', 'ridge')), /does not do classification/, 2)
    expectOneLineError(box.run(execute('--dataset', 'iris', '--estimator', 'knn', '--folds', '151')), /folds must be between 2 and 150/, 2)
  })

  it.each([
    ['a slash', 'a/b'], ['a backslash', 'a\\b'], ['path climbing', '..'], ['path climbing inside', 'x..y'],
    ['a control character', 'bad\u0007name'], ['over 100 characters', 'x'.repeat(101)],
  ])('a project name with %s is InvalidInput', (_, name) => {
    expectOneLineError(box.run(['project', 'create', name]), /Invalid project name/, 2)
    expectOneLineError(box.run(['experiment', 'execute', '--project', name, '--name', 'E', '--dataset', 'iris', '--estimator', 'knn']), /Invalid project name/, 2)
    expectOneLineError(box.run(['experiment', 'execute', '--project', 'P', '--create-project', '--name', name, '--dataset', 'iris', '--estimator', 'knn']), /Invalid experiment name/, 2)
    expectOneLineError(box.run(['dataset', 'load', '--file', 'x.csv', '--target', 'y', '--name', name]), /Invalid dataset name/, 2)
  })

  it('an existing project is not overwritten', () => {
    expect(box.run(['project', 'create', 'Kept', '--description', 'first']).status).toBe(0)
    const file = join(box.root, 'projects', 'Kept', 'project.json')
    const before = readFileSync(file, 'utf8')
    expectOneLineError(box.run(['project', 'create', 'Kept', '--description', 'second']), /Project 'Kept' already exists/, 4)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('unknown project, experiment and run are NotFound with suggestions', () => {
    expectOneLineError(box.run(['project', 'get', 'Kep']), /Project 'Kep' not found\. Did you mean 'Kept'\?/, 3)
    expectOneLineError(box.run(['experiment', 'get', 'Kept:nothing']), /Experiment 'Kept:nothing' not found/, 3)
    expectOneLineError(box.run(['run', 'get', 'Kept:e:v:r']), /not found/, 3)
  })

  it('--debug adds the stack trace', () => {
    const result = box.run(['project', 'get', 'Kep', '--debug'])
    expect(result.status).toBe(3)
    expect(result.stderr).toMatch(/\n\s+at /)
  })

  it('--json reports the error as JSON with its code', () => {
    const result = box.run(['project', 'get', 'Kep', '--json'])
    expect(result.status).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining("'Kep' not found"), suggestions: ['Kept'] } })
  })

  it.each([
    ['a ragged row', 'a,b,y\n1,2,x\n3,x\n', /row 3 has 2 fields, the header has 3/],
    ['a non-numeric feature', 'a,b,y\n1,2,x\n3,abc,z\n', /row 3, column 'b': 'abc' is not a number/],
    ['a missing target column', 'a,b,c\n1,2,3\n', /target column 'y'/],
    ['an empty file', '', /empty/],
    ['a duplicate header', 'a,a,y\n1,2,x\n', /names column 'a' twice/],
  ])('dataset load with %s names the problem and stores nothing', (_, text, pattern) => {
    const file = join(box.dir, 'bad.csv')
    writeFileSync(file, text)
    expectOneLineError(box.run(['dataset', 'load', '--file', file, '--target', 'y']), pattern, 2)
    expect(existsSync(join(box.root, 'datasets', 'bad'))).toBe(false)
  })

  it('a malformed config file names the line; an unknown key names the key', () => {
    const config = join(box.dir, 'broken.cfg')
    writeFileSync(config, '[LOCAL BACKEND]\nroot_dir = /tmp/x\nthis line is wrong\n')
    expectOneLineError(box.run(['project', 'list', '--config', config]), /broken\.cfg:3: cannot read 'this line is wrong'/, 5)
    writeFileSync(config, '[LOCAL BACKEND]\nroot_dir = /tmp/x\nroot_dri = /tmp/y\n')
    expectOneLineError(box.run(['project', 'list', '--config', config]), /broken\.cfg:3: unknown key 'root_dri'/, 5)
    expectOneLineError(box.run(['config', 'get', 'root_dri']), /Unknown config key 'root_dri'/, 5)
  })

  it('offline refuses remotes before touching anything', () => {
    const config = join(box.dir, 'offline.cfg')
    writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${box.root}\n[GENERAL]\noffline = true\n`)
    expectOneLineError(box.run(['project', 'push', '-p', 'Kept', '--config', config]), /padre is offline/, 5)
    expectOneLineError(box.run(['project', 'clone', 'http://127.0.0.1:9/x.git', '--config', config]), /padre is offline/, 5)
  })
})
