/** One train/test partition of the dataset's rows; both index arrays sorted ascending. */
export interface Split {
  index: number
  train: Int32Array
  test: Int32Array
  /** Repeated k-fold (repeats > 1): the repeat and the fold within it; index = repeat × folds + fold. */
  repeat?: number
  fold?: number
}

/** What a split function in a definition file receives: row count, targets (class indices for classification), seed. */
export interface SplitContext {
  n: number
  y: Float64Array
  seed: number
}

/** A split as the user writes it (explicit lists, or a split function's output): row indices. */
export interface UserSplit {
  train: ArrayLike<number>
  test: ArrayLike<number>
}

export type SplitFunction = (ctx: SplitContext) => UserSplit[]

export const DEFAULT_FOLDS = 5
export const DEFAULT_TEST_RATIO = 0.25
/** leaveOneOut fits one model per row: above this many rows, padre asks for k-fold instead. */
export const MAX_LEAVE_ONE_OUT_ROWS = 1000
