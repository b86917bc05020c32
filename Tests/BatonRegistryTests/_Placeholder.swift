// Placeholder until BatonRegistryTests lands.
