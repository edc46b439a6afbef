import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sandbox } from '../helpers/cli.js'
import { Pane } from './tmux.js'

// The real `padre` shell in a pseudo-terminal (tmux), with projects made through the real CLI.
const box = sandbox()
const execute = (project: string, name: string, estimator = 'knn') => {
  const r = box.run(['experiment', 'execute', '--project', project, '--name', name, '--dataset', 'iris', '--estimator', estimator, '--create-project'])
  if (r.status !== 0) throw new Error(`setup failed: ${r.stderr}`)
}

beforeAll(() => {
  execute('Examples', 'iris-knn')
  execute('Examples', 'iris-nb', 'gaussianNB')
  execute('Other', 'other-knn')
})

describe('the interactive shell', () => {
  let pane: Pane
  beforeAll(async () => {
    pane = new Pane(box, 'main')
    await pane.waitFor(/padre > $/m, 'the first prompt')
  })
  afterAll(() => pane.kill())

  it('shows a banner and the padre > prompt', () => {
    expect(pane.screen()).toMatch(/^padre \d+\.\d+\.\d+: .*'help'/m)
    expect(pane.lastLine()).toBe('padre >')
  })

  it('select changes the prompt, nests, and back/unselect leave', async () => {
    pane.line('project select Examples')
    await pane.waitFor(/^padre \[pro: Examples\] > $/m)
    pane.line('experiment select iris-knn')
    await pane.waitFor(/^padre \[pro: Examples > exp: iris-knn\] > $/m)
    pane.line('back')
    await pane.waitFor((s) => /^padre \[pro: Examples\] > $/m.test(s.split('\n').filter((l) => l.trim()).at(-1)!))
    pane.line('unselect')
    await pane.waitFor((s) => pane.lastLine() === 'padre >' && /unselect\n/.test(s))
  })

  it('scopes lists to the selected project', async () => {
    pane.line('project select Examples')
    await pane.waitFor(/^padre \[pro: Examples\] > $/m)
    const mark = pane.mark()
    pane.line('experiment list')
    const out = await pane.waitAfter(mark, /Examples:iris-nb[\s\S]*padre \[pro: Examples\] > $/m, 'the scoped list')
    expect(out).toMatch(/Examples:iris-knn/)
    expect(out).not.toMatch(/Other:other-knn/)
    pane.line('unselect')
    await pane.waitFor(() => pane.lastLine() === 'padre >')
    const all = pane.mark()
    pane.line('experiment list')
    expect(await pane.waitAfter(all, /Other:other-knn[\s\S]*padre > $/m)).toMatch(/Examples:iris-knn/)
  })

  it('prints one-line errors with close matches and goes on', async () => {
    const mark = pane.mark()
    pane.line('project select Exampels')
    const out = await pane.waitAfter(mark, /padre > $/m)
    expect(out).toMatch(/^Error: Project 'Exampels' not found\. Did you mean 'Examples'\?$/m)
    expect(out.split('\n').filter((l) => l.trim()).length).toBe(3) // the typed line, the error, the prompt
    expect(out).not.toMatch(/ at /)
  })

  it('completes commands, subcommands, names after select, flags and their values with Tab', async () => {
    pane.type('proj')
    pane.press('Tab')
    await pane.waitFor(() => pane.lastLine() === 'padre > project', 'project completed')
    pane.type('sel')
    pane.press('Tab')
    await pane.waitFor(() => pane.lastLine() === 'padre > project select', 'select completed')
    pane.type('Oth')
    pane.press('Tab')
    await pane.waitFor(() => pane.lastLine() === 'padre > project select Other', 'a project name completed')
    pane.press('Enter')
    await pane.waitFor(() => pane.lastLine() === 'padre [pro: Other] >')
    pane.type('experiment execute --est')
    pane.press('Tab')
    await pane.waitFor(() => pane.lastLine() === 'padre [pro: Other] > experiment execute --estimator', 'a flag completed')
    pane.type('gaussi')
    pane.press('Tab')
    await pane.waitFor(() => pane.lastLine().endsWith('--estimator gaussianNB'), 'an estimator completed')
    pane.type('--dataset ')
    pane.press('Tab', 'Tab')
    await pane.waitFor(/^diabetes\s+iris$/m, 'the datasets listed')
    pane.press('C-c')
    pane.line('unselect')
    await pane.waitFor(() => pane.lastLine() === 'padre >')
  })

  it('Ctrl-C clears the line being typed', async () => {
    pane.type('project create Junk')
    await pane.waitFor(() => pane.lastLine().endsWith('project create Junk'))
    pane.press('C-c')
    await pane.waitFor(/project create Junk\^C\npadre > $/m)
    const mark = pane.mark()
    pane.line('project list')
    const out = await pane.waitAfter(mark, /Other[\s\S]*padre > $/m)
    expect(out).toMatch(/^padre > project list$/m)
    expect(out).not.toMatch(/Junk/)
    expect(box.run(['project', 'list', '--json']).stdout).not.toMatch(/Junk/)
  })

  it('asks for a missing argument with inquirer, then runs the command', async () => {
    pane.line('project create')
    await pane.waitFor(/\? <name> \(project name\)/, 'the question')
    pane.line('Prompted')
    await pane.waitFor(/Created project 'Prompted'[\s\S]*padre > $/m, 'the command to run')
    expect(box.run(['project', 'list', '--json']).stdout).toMatch(/"Prompted"/)
  })

  it('queues lines pasted at once and runs them in order', async () => {
    const mark = pane.mark()
    pane.paste('project get Other\nconfig list\nproject get Examples\n')
    const out = await pane.waitAfter(mark, /Examples[\s\S]*padre > $/m, 'the third line to run')
    const order = ['padre > project get Other', 'padre > config list', 'padre > project get Examples'].map((l) => out.lastIndexOf(l))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(out.slice(order[1])).toMatch(/root_dir/)
  })

  it('keeps lines typed while a command runs and runs them after it', async () => {
    const mark = pane.mark()
    pane.line('experiment execute --project Examples --name ahead --dataset diabetes --estimator randomForest --param randomForest.nEstimators=200 --folds 3')
    await pane.waitFor((s) => /^\[1\/3\] /m.test(s.slice(mark)), 'the first split')
    pane.line('project get Other')
    pane.line('experiment list')
    const out = await pane.waitAfter(mark, /Examples:ahead[\s\S]*padre > $/m, 'the typed-ahead lines to run')
    expect(out.indexOf('padre > project get Other')).toBeGreaterThan(out.indexOf('[3/3]'))
    expect(out.lastIndexOf('padre > experiment list')).toBeGreaterThan(out.indexOf('padre > project get Other'))
  })

  it('offers the close project for a typo in execute, and asks before deleting', async () => {
    const mark = pane.mark()
    pane.line('experiment execute -p Otehr --name typo --dataset iris --estimator knn --folds 3')
    await pane.waitAfter(mark, /Project 'Otehr' does not exist\.[\s\S]*use 'Other'[\s\S]*create 'Otehr'/, 'the choice')
    pane.press('Enter')
    await pane.waitAfter(mark, /Run Other:typo:[\s\S]*padre > $/m, 'the run in Other')
    expect(box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name)).not.toContain('Otehr')
    const del = pane.mark()
    pane.line('project select Prompted')
    await pane.waitFor(() => pane.lastLine() === 'padre [pro: Prompted] >')
    pane.line('project delete Prompted')
    await pane.waitAfter(del, /Delete project 'Prompted'\? \(y\/N\)/, 'the confirmation')
    pane.line('y')
    await pane.waitAfter(del, /Deleted project 'Prompted'[\s\S]*padre > $/m, 'the deletion and the project unselected')
    expect(box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name)).not.toContain('Prompted')
  })

  it('exit leaves the shell', async () => {
    pane.line('exit')
    await pane.waitFor(() => pane.dead(), 'the shell to exit')
  })
})

describe('history', () => {
  it('is kept in .padre_history next to the config file, and Up recalls the last session', async () => {
    const first = new Pane(box, 'history-1')
    try {
      await first.waitFor(/padre > $/m)
      first.line('project get Other')
      await first.waitFor(/Other[\s\S]*padre > $/m)
      first.press('C-d')
      await first.waitFor(() => first.dead(), 'Ctrl-D to leave')
    } finally {
      first.kill()
    }
    const file = join(box.dir, '.padre_history')
    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file, 'utf8').trim().split('\n').at(-1)).toBe('project get Other')

    const second = new Pane(box, 'history-2')
    try {
      await second.waitFor(/padre > $/m)
      second.press('Up')
      await second.waitFor(() => second.lastLine() === 'padre > project get Other', 'the previous session line')
      second.press('Up')
      await second.waitFor(() => second.lastLine() !== 'padre > project get Other' && second.lastLine().startsWith('padre > '), 'an older line')
      second.press('Down')
      await second.waitFor(() => second.lastLine() === 'padre > project get Other', 'Down to come back')
    } finally {
      second.kill()
    }
  })
})

describe('Ctrl-C during execute', () => {
  it('stops after the current split and records the run as cancelled', async () => {
    const pane = new Pane(box, 'cancel')
    try {
      await pane.waitFor(/padre > $/m)
      pane.line('experiment execute --project Slow --create-project --name forest --dataset diabetes --estimator randomForest --param randomForest.nEstimators=3000 --folds 10')
      await pane.waitFor(/^\[1\/10\] split 0/m, 'the first split')
      pane.press('C-c')
      const screen = await pane.waitFor(/cancel[\s\S]*padre > $/im, 'the cancelled run and a new prompt')
      expect(screen).not.toMatch(/^\[10\/10\]/m)
      const runs = box.json<Array<{ status: string }>>(['run', 'list', '--project', 'Slow'])
      expect(runs.map((r) => r.status)).toEqual(['cancelled'])
      // and the shell goes on
      const mark = pane.mark()
      pane.line('project list')
      await pane.waitAfter(mark, /Slow[\s\S]*padre > $/m)
    } finally {
      pane.kill()
    }
  })
})
