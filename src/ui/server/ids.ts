import { InvalidInputError } from '../../core/errors.js'
import { ID_SEPARATOR } from '../../core/model/ids.js'
import { checkName } from '../../core/model/names.js'

/**
 * A full id from a URL, checked part by part like a name (no '..', no slash, nothing invisible), so
 * that no request can lead a service outside the records.
 */
export function checkedId(text: string | undefined, kind: 'project' | 'experiment' | 'execution' | 'run' | 'computation'): string {
  const depth = { project: 1, experiment: 2, execution: 3, run: 4, computation: 5 }[kind]
  const parts = (text ?? '').split(ID_SEPARATOR)
  if (parts.length !== depth) throw new InvalidInputError(`'${text ?? ''}' is not a full ${kind} id (${depth} parts joined by ':').`)
  for (const part of parts) checkName(kind, part)
  return parts.join(ID_SEPARATOR)
}

/** A compare key: '<run id>#<point>'. */
export function parseRunKey(key: string): { id: string; point: number } {
  const cut = key.lastIndexOf('#')
  const id = checkedId(cut > 0 ? key.slice(0, cut) : key, 'run')
  const point = cut > 0 ? Number(key.slice(cut + 1)) : 0
  if (!Number.isInteger(point) || point < 0) throw new InvalidInputError(`'${key}' is not a run key: expected <run id>#<grid point>.`)
  return { id, point }
}
