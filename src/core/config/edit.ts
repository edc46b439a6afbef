/** Pure: sets key = value in section, keeping every other line (and comment) as it was. */
export function setConfigLine(text: string, section: string, key: string, value: string): string {
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/)
  let inSection = false
  let sectionEnd = -1
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    const header = /^\[([^\]]+)\]$/.exec(line)
    if (header) {
      if (inSection) break
      inSection = header[1].trim() === section
      if (inSection) sectionEnd = i + 1
      continue
    }
    if (!inSection) continue
    if (line !== '' && !line.startsWith('#') && !line.startsWith(';')) sectionEnd = i + 1
    const eq = line.indexOf('=')
    if (eq > 0 && line.slice(0, eq).trim() === key) {
      lines[i] = `${key} = ${value}`
      return lines.join('\n') + '\n'
    }
  }
  if (sectionEnd >= 0) lines.splice(sectionEnd, 0, `${key} = ${value}`)
  else lines.push(...(lines.length ? [''] : []), `[${section}]`, `${key} = ${value}`)
  return lines.join('\n') + '\n'
}
