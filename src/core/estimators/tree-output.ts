import { InvalidInputError } from '../errors.js'

export function notFitted(component: string): Error {
  return new Error(`${component}: predict called before fit`)
}

export function regressionHasNoProba(component: string): InvalidInputError {
  return new InvalidInputError(`${component}: predictProba is only available for classification`)
}
