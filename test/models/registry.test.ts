import { checkAlias, parseModelRef } from '../../src/core/models/registry.js'
import { InvalidInputError } from '../../src/core/errors.js'

describe('model references: [project:]name[@alias|@version]', () => {
  it.each([
    ['iris-knn', { name: 'iris-knn' }],
    ['iris-knn@production', { name: 'iris-knn', alias: 'production' }],
    ['iris-knn@12', { name: 'iris-knn', version: 12 }],
    ['Examples:iris-knn@2', { project: 'Examples', name: 'iris-knn', version: 2 }],
    ['Examples:iris.v2@prod-1', { project: 'Examples', name: 'iris.v2', alias: 'prod-1' }],
  ])('%s', (ref, expected) => {
    expect(parseModelRef(ref)).toEqual(expected)
  })

  it.each([
    ['iris-knn@', /ends with '@'/],
    ['@production', /Invalid model name ''/],
    ['a:b:c', /Invalid model name 'b:c'/],
    ['iris@a@b', /Invalid alias 'a@b'/],
    ['../x', /Invalid model name/],
  ])('refuses %s in one line naming the problem', (ref, message) => {
    expect(() => parseModelRef(ref)).toThrow(InvalidInputError)
    expect(() => parseModelRef(ref)).toThrow(message)
  })

  it('an alias may not read as a version', () => {
    expect(() => checkAlias('007')).toThrow(/digits only/)
    expect(checkAlias('v7')).toBe('v7')
  })
})
