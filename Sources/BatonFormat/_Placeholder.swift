// Placeholder until BatonFormat lands.
