import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []))

test('src/core imports no backend and not the composition root: backends reach it through the App (src/app wires them)', () => {
  const offending = files('src/core').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()\s*['"]([^'"]+)['"]/g)]
    .map((m) => m[1])
    .filter((spec) => /(^|\/)(backends|app)\//.test(spec) && spec.startsWith('.'))
    .map((spec) => `${file}: ${spec}`))
  expect(files('src/core').length).toBeGreaterThan(50)
  expect(offending).toEqual([])
})
