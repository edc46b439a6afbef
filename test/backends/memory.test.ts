import { MemoryStorage } from '../../src/backends/memory/memory-storage.js'
import { storageContract } from './contract.js'

storageContract('memory', { open: async () => ({ storage: new MemoryStorage() }) })
