// Placeholder until BatonStore lands.
