import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sandbox } from '../helpers/cli.js'

// Issue 13: the first hour with padre, through the built CLI in child processes.
const box = sandbox()

describe('command typos', () => {
  it('suggest the closest command and keep the argument apart', () => {
    const r = box.run(['project', 'creat', 'Wine2'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^Error: Unknown command 'project creat'\. Did you mean 'project create'.*\(padre project create Wine2\)$/m)
    expect(r.stderr).not.toMatch(/creat:Wine2/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('keep flags after the suggested command', () => {
    const r = box.run(['experiment', 'exectue', '--file', 'a.ts'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/Did you mean 'experiment execute'.*\(padre experiment execute --file a\.ts\)/)
  })

  it('say how to see the commands when nothing is close', () => {
    const r = box.run(['zzzzzz'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^Error: Unknown command 'zzzzzz'\. Run 'padre --help'/)
  })
})
