import { csvLine, parseCsvRecords } from '../../src/runtime/command/csv.js'
import { readPredictions, readTransformed } from '../../src/runtime/command/output.js'

const iris = { task: 'classification' as const, classes: ['setosa', 'versicolor', 'virginica'], testRows: 2 }

describe('the job folder CSV dialect', () => {
  it('round-trips quoted fields, commas, quotes, newlines and CRLF', () => {
    const values = ['a,b', 'say "hi"', 'two\nlines', ' padded ', 'plain', 1.5e-300, -0.1]
    const text = csvLine(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7']) + csvLine(values).replace(/\n$/, '\r\n')
    const [header, row] = parseCsvRecords(text)
    expect(header.fields).toHaveLength(7)
    expect(row.fields.slice(0, 3)).toEqual(['a,b', 'say "hi"', 'two\nlines'])
    expect(Number(row.fields[5])).toBe(1.5e-300)
    expect(row.line).toBe(2)
  })

  it('writes doubles that parse back exactly', () => {
    const x = [0.1 + 0.2, Math.PI, 5e-324, 1.7976931348623157e308]
    const [, row] = parseCsvRecords(csvLine(['a', 'b', 'c', 'd']) + csvLine(x))
    expect(row.fields.map(Number)).toEqual(x)
  })

  it('names the line of an unclosed quote', () => {
    expect(() => parseCsvRecords('a\n"open\n')).toThrow('line 2: a quoted field is not closed')
  })
})

describe('predictions.csv', () => {
  it('maps labels to class indices and orders probability columns by class', () => {
    const out = readPredictions('prediction,proba_virginica,proba_setosa,proba_versicolor\nvirginica,0.7,0.1,0.2\nsetosa,0,1,0\n', iris)
    expect(Array.from(out.predicted)).toEqual([2, 0])
    expect(Array.from(out.probabilities!.data)).toEqual([0.1, 0.2, 0.7, 1, 0, 0])
  })

  it('accepts 1.0 for the numeric label 1, and regression values', () => {
    expect(Array.from(readPredictions('prediction\n1.0\n0\n', { ...iris, classes: ['0', '1'] }).predicted)).toEqual([1, 0])
    expect(Array.from(readPredictions('prediction\n1.5\n-2e3\n', { task: 'regression', classes: [], testRows: 2 }).predicted)).toEqual([1.5, -2000])
  })

  it.each([
    ['no prediction column', 'label\nsetosa\nsetosa\n', /predictions\.csv line 1: no 'prediction' column/],
    ['too few rows', 'prediction\nsetosa\n', /predictions\.csv has 1 rows for 2 test rows/],
    ['a ragged row', 'prediction,proba_setosa,proba_versicolor,proba_virginica\nsetosa,1,0,0\nsetosa,1,0\n', /line 3: 3 fields, the header has 4/],
    ['an unknown label', 'prediction\nsetosa\nrose\n', /line 3: unknown class label 'rose'/],
    ['a missing class column', 'prediction,proba_setosa,proba_versicolor\nsetosa,1,0\nsetosa,1,0\n', /'proba_virginica' is missing/],
    ['a column naming no class', 'prediction,proba_setosa,proba_versicolor,proba_virginica,proba_rose\nsetosa,1,0,0,0\nsetosa,1,0,0,0\n', /'proba_rose' names no class/],
    ['a probability above 1', 'prediction,proba_setosa,proba_versicolor,proba_virginica\nsetosa,1,0,0\nsetosa,1.5,0,0\n', /line 3: proba_setosa 1\.5 is not a probability/],
    ['NaN', 'prediction,proba_setosa,proba_versicolor,proba_virginica\nsetosa,nan,0,0\nsetosa,1,0,0\n', /line 2: proba_setosa 'nan' is not a finite number/],
    ['an empty file', '', /predictions\.csv is empty/],
  ])('%s is named with its line', (_, text, message) => {
    expect(() => readPredictions(text, iris)).toThrow(message)
  })
})

describe('transformed.csv', () => {
  it('reads any number of numeric columns, one row per test row', () => {
    const m = readTransformed('a,b,c\n1,2,3\n4,5,6\n', 2)
    expect([m.rows, m.cols, Array.from(m.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]])
    expect(() => readTransformed('a\n1\nx\n', 2)).toThrow("transformed.csv line 3: a 'x' is not a finite number")
  })
})
