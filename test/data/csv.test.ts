import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCsvDataset } from '../../src/core/data/csv.js'
import { InvalidInputError } from '../../src/core/errors.js'

const shipped = (name: string) => readFileSync(join(process.cwd(), 'data', name), 'utf8')
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

function errorOf(fn: () => unknown): InvalidInputError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError)
    return e as InvalidInputError
  }
  throw new Error('expected an InvalidInputError')
}

describe('shipped datasets', () => {
  test('iris: 150 × 4, three classes of 50, same values as sklearn.datasets.load_iris', () => {
    const d = parseCsvDataset(shipped('iris.csv'), 'species')
    expect(d.task).toBe('classification')
    expect(d.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width'])
    expect(d.X).toHaveLength(150)
    expect(d.X.every((r) => r.length === 4)).toBe(true)
    expect(d.classes).toEqual(['setosa', 'versicolor', 'virginica'])
    for (const c of d.classes) expect(d.y.filter((v) => v === c)).toHaveLength(50)
    expect(d.X[0]).toEqual([5.1, 3.5, 1.4, 0.2])
    // column means of load_iris().data
    const expected = [5.843333333333, 3.057333333333, 3.758, 1.199333333333]
    expected.forEach((m, c) => expect(mean(d.X.map((r) => r[c]))).toBeCloseTo(m, 9))
  })

  test('diabetes: 442 × 10 regression, target as in sklearn.datasets.load_diabetes', () => {
    const d = parseCsvDataset(shipped('diabetes.csv'), 'progression')
    expect(d.task).toBe('regression')
    expect(d.classes).toEqual([])
    expect(d.featureNames).toEqual(['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'])
    expect(d.X).toHaveLength(442)
    expect(d.X.every((r) => r.length === 10)).toBe(true)
    const y = d.y as number[]
    expect(y.every((v) => typeof v === 'number')).toBe(true)
    expect(mean(y)).toBeCloseTo(152.13348416289594, 9)
    expect(Math.min(...y)).toBe(25)
    expect(Math.max(...y)).toBe(346)
  })
})

describe('CSV syntax', () => {
  test('quoted fields with commas, doubled quotes and line breaks; CRLF; blank trailing lines', () => {
    const text = 'a,"b, quoted",label\r\n1,2,"say ""hi"""\r\n3,4,"two\r\nlines"\r\n5,6,plain\r\n\r\n\r\n'
    const d = parseCsvDataset(text, 'label')
    expect(d.featureNames).toEqual(['a', 'b, quoted'])
    expect(d.X).toEqual([[1, 2], [3, 4], [5, 6]])
    expect(d.y).toEqual(['say "hi"', 'two\r\nlines', 'plain'])
    expect(d.classes).toEqual(['plain', 'say "hi"', 'two\r\nlines'])
  })

  test('LF without trailing newline, a byte-order mark, spaces around values', () => {
    const d = parseCsvDataset('\uFEFFx , y\n 1.5 ,a\n-2e3, b', 'y')
    expect(d.featureNames).toEqual(['x'])
    expect(d.X).toEqual([[1.5], [-2000]])
    expect(d.y).toEqual(['a', 'b'])
  })

  test('row numbers are file lines, counting lines inside quoted fields', () => {
    const text = 'x,y\n1,"a\nb"\n\n2,b\n3\n'
    expect(errorOf(() => parseCsvDataset(text, 'y')).message).toMatch(/^row 6 has 1 fields, the header has 2/)
  })

  test('an unclosed quote or text after a closing quote', () => {
    expect(errorOf(() => parseCsvDataset('x,y\n1,"a\n2,b\n', 'y')).message).toMatch(/row 2: a quoted field is never closed/)
    expect(errorOf(() => parseCsvDataset('x,y\n1,"a"b\n', 'y')).message).toMatch(/row 2: unexpected text after a closing quote/)
  })
})

describe('target and task', () => {
  test('a numeric target is regression; --task classification makes its distinct values the classes', () => {
    const text = 'f,t\n0,2\n1,10\n2,1.0\n3,2\n'
    const reg = parseCsvDataset(text, 't')
    expect(reg.task).toBe('regression')
    expect(reg.y).toEqual([2, 10, 1, 2])
    const cls = parseCsvDataset(text, 't', 'classification')
    expect(cls.task).toBe('classification')
    expect(cls.classes).toEqual(['1', '2', '10'])
    expect(cls.y).toEqual(['2', '10', '1', '2'])
  })

  test('integer targets with few distinct values are classes; the rule is reported', () => {
    const rows = (values: number[]) => `f,t\n${values.map((v, i) => `${i},${v}`).join('\n')}\n`
    const labels = parseCsvDataset(rows(Array.from({ length: 15 }, (_, i) => i % 3)), 't')
    expect(labels.task).toBe('classification')
    expect(labels.classes).toEqual(['0', '1', '2'])
    expect(labels.taskReason).toMatch(/3 distinct integer values in 15 rows/)
    // 21 distinct integers: more than 20, regression even with many rows
    expect(parseCsvDataset(rows(Array.from({ length: 420 }, (_, i) => i % 21)), 't').task).toBe('regression')
    // 4 distinct integers in 15 rows: more than one per 5 rows
    expect(parseCsvDataset(rows(Array.from({ length: 15 }, (_, i) => i % 4)), 't').task).toBe('regression')
    expect(parseCsvDataset(rows(Array.from({ length: 15 }, (_, i) => i % 3)), 't', 'regression').taskReason).toBe('forced with --task regression')
  })

  test('labels are sorted by code unit, not by locale', () => {
    expect(parseCsvDataset('f,t\n1,b\n2,B\n3,a\n', 't').classes).toEqual(['B', 'a', 'b'])
  })

  test('a non-numeric target cannot be forced to regression', () => {
    expect(errorOf(() => parseCsvDataset('f,t\n1,2\n2,x\n', 't', 'regression')).message).toBe(
      "row 3: the target 't' value 'x' is not a number; a regression target must be numeric, or use --task classification",
    )
  })
})

describe('errors name the problem and the fix', () => {
  test.each([
    ['empty file', '', 'y', /^the file is empty; .*header row/],
    ['only blank lines', '\n\r\n  \n', 'y', /^the file is empty/],
    ['header only', 'x,y\n', 'y', /^the file has a header \(x, y\) but no data rows; add/],
    ['duplicate header', 'x,y,x\n1,a,2\n', 'y', /^the header names column 'x' twice \(columns 1 and 3\); rename one/],
    ['unnamed column', 'x,,y\n1,2,a\n', 'y', /^column 2 of the header has no name/],
    ['target only', 'y\na\nb\n', 'y', /only the target column 'y'; add at least one feature column/],
    ['ragged row', 'a,b,c,d,y\n1,2,3,4,p\n1,2,3,4,q\n1,2,3,4,p\n1,2,3,4,q\n1,2,3,4,p\n1,2,3,p\n', 'y', /^row 7 has 4 fields, the header has 5; quote values/],
    ['too many fields', 'x,y\n1,a,3\n', 'y', /^row 2 has 3 fields, the header has 2/],
    ['non-numeric feature', 'age,bmi,y\n' + '1,2,a\n'.repeat(10) + '1,abc,b\n', 'y', /^row 12, column 'bmi': 'abc' is not a number; features must be numeric/],
    ['hex is not a number here', 'x,y\n0x10,a\n2,b\n', 'y', /row 2, column 'x': '0x10' is not a number/],
    ['infinite feature', 'x,y\n1e999,a\n2,b\n', 'y', /row 2, column 'x': '1e999' is not a number/],
    ['empty feature', 'x,z,y\n1,,a\n', 'y', /^row 2, column 'z' is empty; padre does not fill missing values/],
    ['empty target', 'x,y\n1,a\n2,\n', 'y', /^row 3: the target 'y' is empty; every row needs a target value/],
    ['single class', 'x,y\n1,a\n2,a\n', 'y', /^the target 'y' has a single class 'a'; classification needs at least two classes/],
  ])('%s', (_name, text, target, message) => {
    expect(errorOf(() => parseCsvDataset(text as string, target as string)).message).toMatch(message as RegExp)
  })

  test('a numeric target forced to classification with one distinct value', () => {
    expect(errorOf(() => parseCsvDataset('x,y\n1,3\n2,3.0\n', 'y', 'classification')).message).toMatch(/single class '3'/)
  })

  test('missing target lists the columns and suggests a close one', () => {
    const e = errorOf(() => parseCsvDataset('sepal_length,species\n1,a\n', 'specie'))
    expect(e.message).toBe("target column 'specie' not found; the columns are 'sepal_length', 'species'. Did you mean 'species'?")
    expect(e.suggestions).toEqual(['species'])
  })
})
