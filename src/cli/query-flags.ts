import { Flags } from '@oclif/core'
import { FORMATS } from '../core/export/formats.js'

/** --where/--filter/--sort/--limit/--columns/--format/--deleted, shared by run list, compare_metrics and experiment list. */
export const queryFlags = {
  where: Flags.string({ char: 'w', description: `Mongo-style JSON query, e.g. '{"metrics.accuracy": {"$gt": 0.9}}' ($and $or $in $nin $gt $gte $lt $lte $eq $ne $exists $regex)` }),
  filter: Flags.string({ char: 'f', description: "short query form, e.g. 'metrics.accuracy > 0.9 and params.knn.k in (3, 5) or status = failed'" }),
  deleted: Flags.boolean({ description: 'include soft-deleted runs' }),
}

export const formatFlag = Flags.string({ description: 'output format (json: the rows only, unlike --json)', options: [...FORMATS], default: 'table' })

export const columnsFlag = Flags.string({ description: 'comma-separated fields to show, e.g. run,status,params.knn.k,metrics.accuracy,metrics.accuracy.std', parse: async (s) => s })

export const splitColumns = (s: string | undefined) => (s ? s.split(',').map((c) => c.trim()).filter(Boolean) : undefined)
