// Placeholder until BatonStoreTests lands.
