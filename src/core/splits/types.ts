/** One train/test partition of the dataset's rows; both index arrays sorted ascending. */
export interface Split {
  index: number
  train: Int32Array
  test: Int32Array
}

export const DEFAULT_FOLDS = 5
export const DEFAULT_TEST_RATIO = 0.25
