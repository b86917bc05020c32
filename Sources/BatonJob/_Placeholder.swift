// Placeholder until BatonJob lands.
