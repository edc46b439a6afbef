import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { input, select } from '@inquirer/prompts'
import { render } from '@inquirer/testing'
import type { Command } from '@oclif/core'
import { canPrompt, fillMissing, findMissing, NEW_NAME, questionFor, type Ask, type Question } from '../../src/cli/prompt-missing.js'
import ConfigSet from '../../src/commands/config/set.js'
import DatasetLoad from '../../src/commands/dataset/load.js'
import ExperimentExecute from '../../src/commands/experiment/execute.js'
import ProjectCreate from '../../src/commands/project/create.js'
import { createApp } from '../../src/app/create-app.js'
import type { App } from '../../src/core/services/app.js'
import { createProject } from '../../src/core/services/projects.js'

// The commands' own flag and arg definitions, in the shape of oclif's cached metadata.
const cached = (id: string, C: { flags?: object; args?: object }) => ({ id, flags: C.flags ?? {}, args: C.args ?? {} }) as unknown as Command.Cached
const execute = cached('experiment:execute', ExperimentExecute)
const names = (missing: ReturnType<typeof findMissing>) => missing.map((m) => `${m.kind}:${m.name}`)

describe('findMissing', () => {
  it('finds required args by position', () => {
    const create = cached('project:create', ProjectCreate)
    expect(names(findMissing(create, []))).toEqual(['arg:name'])
    expect(names(findMissing(create, ['Alpha', '--json']))).toEqual([])
    const set = cached('config:set', ConfigSet)
    expect(names(findMissing(set, ['root_dir']))).toEqual(['arg:value'])
  })

  it('finds required flags, by long name, --name=value or char, skipping option values', () => {
    const load = cached('dataset:load', DatasetLoad)
    expect(names(findMissing(load, []))).toEqual(['flag:file', 'flag:target'])
    expect(names(findMissing(load, ['-f', 'x.csv']))).toEqual(['flag:target'])
    expect(names(findMissing(load, ['--file=x.csv', '-tprice']))).toEqual([])
    expect(names(findMissing(load, ['--name', 'target']))).toEqual(['flag:file', 'flag:target']) // 'target' is --name's value
  })

  it('knows what experiment execute needs without --file, the project coming from the active one', () => {
    expect(names(findMissing(execute, ['--name', 'E']))).toEqual(['flag:project', 'flag:dataset', 'flag:estimator'])
    expect(names(findMissing(execute, ['--name', 'E'], { project: 'Active' }))).toEqual(['flag:dataset', 'flag:estimator'])
    expect(names(findMissing(execute, ['--file', 'x.ts']))).toEqual([])
  })
})

describe('canPrompt', () => {
  it('only for a TTY, without --json, outside CI', () => {
    expect(canPrompt(['x'], {}, true)).toBe(true)
    expect(canPrompt(['x'], {}, false)).toBe(false)
    expect(canPrompt(['x', '--json'], {}, true)).toBe(false)
    expect(canPrompt(['x'], { CI: 'true' }, true)).toBe(false)
  })
})

describe('the questions, rendered by inquirer', () => {
  it('selects among known names', async () => {
    const q = questionFor('project:get', { kind: 'arg', name: 'name', description: 'project name' }, ['Alpha', 'Beta'])
    expect(q.type).toBe('select')
    const { answer, events, getScreen } = await render(select, (q as Extract<Question, { type: 'select' }>).config)
    expect(getScreen()).toMatch(/<name> \(project name\)[\s\S]*❯ Alpha\n\s+Beta/)
    events.keypress('down')
    events.keypress('enter')
    await expect(answer).resolves.toBe('Beta')
  })

  it('asks for new names with an input that refuses an empty answer', async () => {
    const q = questionFor('project:create', { kind: 'arg', name: 'name', description: 'project name' }, undefined)
    expect(q.type).toBe('input')
    const { answer, events, getScreen, nextRender } = await render(input, (q as Extract<Question, { type: 'input' }>).config)
    events.keypress('enter')
    await nextRender()
    expect(getScreen()).toMatch(/Give a value for <name>/)
    events.type('Gamma')
    events.keypress('enter')
    await expect(answer).resolves.toBe('Gamma')
  })
})

describe('fillMissing', () => {
  let app: App
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'padre-prompt-'))
    writeFileSync(join(dir, 'padre.cfg'), `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
    app = await createApp({ configFile: join(dir, 'padre.cfg'), git: false })
    await createProject(app, 'Examples')
    await createProject(app, 'Other')
  })

  /** Answers each rendered question by moving to the wanted choice (or typing), like a person. */
  const answering = (wanted: Record<string, string>, seen: Question[]): Ask => async (q) => {
    seen.push(q)
    const key = Object.keys(wanted).find((k) => q.config.message.startsWith(k))!
    if (q.type === 'select') {
      const { answer, events } = await render(select, q.config)
      const index = q.config.choices.findIndex((c) => c.value === wanted[key] || c.name === wanted[key])
      for (let i = 0; i < index; i++) events.keypress('down')
      events.keypress('enter')
      return answer
    }
    const { answer, events } = await render(input, q.config)
    events.type(wanted[`${key}:new`] ?? wanted[key])
    events.keypress('enter')
    return answer
  }

  it('asks for each missing flag (projects, datasets, estimators offered) and returns the argv to run', async () => {
    const seen: Question[] = []
    const argv = await fillMissing(execute, ['--name', 'E'], { app, scope: {}, ask: answering({ '--project': 'Other', '--dataset': 'diabetes', '--estimator': 'ridge' }, seen) })
    expect(argv).toEqual(['--project=Other', '--dataset=diabetes', '--estimator=ridge', '--name', 'E'])
    expect(seen.map((q) => q.type)).toEqual(['select', 'select', 'select'])
    const choices = seen.map((q) => (q.type === 'select' ? q.config.choices.map((c) => c.name) : []))
    expect(choices[0]).toEqual(['Examples', 'Other', '(a new project)'])
    expect(choices[1]).toEqual(expect.arrayContaining(['iris', 'diabetes']))
    expect(choices[2]).toContain('knn')
    expect(choices[2]).not.toContain('standardScaler')
  })

  it('offers a new project, then asks for its name', async () => {
    const seen: Question[] = []
    const argv = await fillMissing(execute, ['-n', 'E', '--dataset', 'iris', '--estimator', 'knn'], { app, scope: {}, ask: answering({ '--project': NEW_NAME, '--project:new': 'Fresh' }, seen) })
    expect(argv).toEqual(['--project=Fresh', '-n', 'E', '--dataset', 'iris', '--estimator', 'knn'])
    expect(seen.map((q) => q.type)).toEqual(['select', 'input'])
  })

  it('appends missing arguments after the given ones, and leaves complete lines alone', async () => {
    const set = cached('config:set', ConfigSet)
    const argv = await fillMissing(set, ['offline'], { app, scope: {}, ask: answering({ '<value>': 'true' }, []) })
    expect(argv).toEqual(['offline', 'true'])
    const complete = ['offline', 'true']
    expect(await fillMissing(set, complete, { app, scope: {}, ask: () => { throw new Error('no question expected') } })).toBe(complete)
  })
})
