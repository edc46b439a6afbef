// Atomic writing lives in src/core (core may not import backends); kept here for the backends' imports.
export { createJsonExclusive, writeFileAtomic, writeJsonAtomic } from '../../core/storage-atomic.js'
