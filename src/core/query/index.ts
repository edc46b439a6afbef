// What the UI's filter box and the commands share: the document per (run, grid point) and its query.
export { documentFields, fieldValue, runDocuments, STATIC_FIELDS, type RunDocument } from './documents.js'
export { buildQuery, checkColumns, matchQuery, queryDocuments, sortDocuments, sortSpec, type QueryOptions } from './match.js'
export { parseFilter } from './filter.js'
export { checkQuery, parseWhere, type MongoQuery } from './where.js'
