import type { Split } from './types.js'

/** Repeat r's seed: repeat 0 keeps the experiment's seed (so repeats: 1 splits exactly as before), later ones derive their own. */
export function repeatSeed(seed: number, repeat: number): number {
  return repeat === 0 ? seed : (Math.trunc(seed) + Math.imul(repeat, 0x85ebca6b)) | 0
}

/** k folds per repeat, each repeat reshuffled; split index repeat × k + fold, labelled with both. */
export function repeated(repeats: number, seed: number, folds: (seed: number) => Split[]): Split[] {
  if (repeats === 1) return folds(seed)
  return Array.from({ length: repeats }, (_, r) => folds(repeatSeed(seed, r)).map((s, f, all) => ({ ...s, index: r * all.length + f, repeat: r, fold: f }))).flat()
}
