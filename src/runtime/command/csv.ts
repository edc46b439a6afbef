/** The small CSV dialect of the job folder: a header row, comma-separated, RFC 4180 quotes, LF or CRLF. */

export function csvField(value: string | number): string {
  const s = String(value)
  return /[",\r\n]/.test(s) || s.trim() !== s ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvLine(values: Array<string | number>): string {
  return `${values.map(csvField).join(',')}\n`
}

export interface CsvRecord {
  /** 1-based line of the file the record starts on (the header is line 1). */
  line: number
  fields: string[]
}

/** Every record of the text, blank lines skipped; throws `line N: …` on an unterminated quote. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let i = 0
  let line = 1
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  while (i < body.length) {
    const start = line
    const fields: string[] = []
    let field = ''
    let quoted = false
    for (;;) {
      const c = body[i]
      if (quoted) {
        if (c === undefined) throw new Error(`line ${start}: a quoted field is not closed`)
        if (c === '"' && body[i + 1] === '"') { field += '"'; i += 2; continue }
        if (c === '"') { quoted = false; i++; continue }
        if (c === '\n') line++
        field += c
        i++
        continue
      }
      if (c === '"' && field === '') { quoted = true; i++; continue }
      if (c === ',') { fields.push(field); field = ''; i++; continue }
      if (c === undefined || c === '\n' || (c === '\r' && body[i + 1] === '\n')) {
        fields.push(field)
        i += c === undefined ? 0 : c === '\r' ? 2 : 1
        line++
        break
      }
      field += c
      i++
    }
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: start, fields: fields.map((f) => f.trim()) })
  }
  return records
}
