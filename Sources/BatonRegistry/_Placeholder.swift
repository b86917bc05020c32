// Placeholder until BatonRegistry lands.
