import { sandbox } from '../helpers/cli.js'

// `padre < script.txt`: the built CLI with stdin piped (not a TTY).
const projects = (box: ReturnType<typeof sandbox>) => box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name).sort()

describe('scripts on stdin', () => {
  it('runs the lines in order, skipping comments and blank lines, with no banner or prompt', () => {
    const box = sandbox()
    const r = box.run([], { input: '# make two projects\nproject create Alpha\n\n   \n# project create Commented\nproject create Beta\nproject list --json\n' })
    expect(r.status).toBe(0)
    expect(r.stdout).not.toMatch(/padre >|padre \d/)
    const listed = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as Array<{ name: string }>
    expect(listed.map((p) => p.name)).toEqual(['Alpha', 'Beta'])
    expect(r.stdout.indexOf('Alpha')).toBeLessThan(r.stdout.indexOf('[')) // create printed before the list
    expect(projects(box)).toEqual(['Alpha', 'Beta'])
  })

  it("stops at the first failing line with that command's exit code", () => {
    const box = sandbox()
    const r = box.run([], { input: 'project create Alpha\nproject get Nope\nproject create Gamma\n' })
    expect(r.status).toBe(3) // NOT_FOUND
    expect(r.stderr.trim().split('\n')).toEqual(["Error: Project 'Nope' not found. Run 'padre project list' to see them.", '  at line 2: project get Nope'])
    expect(projects(box)).toEqual(['Alpha'])
  })

  it('goes on with --keep-going and exits non-zero at the end', () => {
    const box = sandbox()
    const r = box.run(['--keep-going'], { input: 'project create Alpha\nproject get Nope\nproject create Gamma\n' })
    expect(r.status).toBe(3)
    expect(projects(box)).toEqual(['Alpha', 'Gamma'])
  })

  it('never prompts: a missing argument or flag fails with a message naming it', () => {
    const box = sandbox()
    const r = box.run([], { input: 'project create\n', env: { CI: '' } })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^Error: Missing 1 required arg: name/m)
    const e = box.run([], { input: 'experiment execute --project P --name E\n', env: { CI: '' } })
    expect(e.status).toBe(2)
    expect(e.stderr).toMatch(/Missing --dataset, --estimator/)
  })

  it('honours select (scoped lists) and reports unknown commands and bad quoting in one line', () => {
    const box = sandbox()
    for (const [p, e] of [['Alpha', 'a-knn'], ['Beta', 'b-knn']]) box.run(['experiment', 'execute', '--project', p, '--create-project', '--name', e, '--dataset', 'iris', '--estimator', 'knn'])
    const r = box.run([], { input: 'project select Beta\nexperiment list --json\nexperiment select b-knn\nrun list --json\n' })
    expect(r.status).toBe(0)
    const [experiments, runs] = r.stdout.split(/\n(?=\[)/).map((j) => JSON.parse(j) as Array<{ id: string }>)
    expect(experiments.map((x) => x.id)).toEqual(['Beta:b-knn'])
    expect(runs).toHaveLength(1)
    expect(runs[0].id).toMatch(/^Beta:b-knn:/)

    const bad = box.run(['--keep-going'], { input: 'projekt list\nproject create "unclosed\n' })
    expect(bad.status).toBe(2)
    const lines = bad.stderr.trim().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^Error: Unknown command 'projekt list'\. Did you mean 'project list'/)
    expect(lines[1]).toBe('  at line 1: projekt list')
    expect(lines[2]).toBe('Error: Unclosed double quote: close it with ".')
    expect(lines[3]).toBe('  at line 2: project create "unclosed')
  })

  it('exits 0 quietly on empty stdin', () => {
    const r = sandbox().run([], { input: '' })
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' })
  })

  it('help and --help print the help', () => {
    const r = sandbox().run([], { input: 'help\nproject create --help\n' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/TOPICS[\s\S]*project select <name>[\s\S]*USAGE\s+\$ padre project create/)
  })
})
