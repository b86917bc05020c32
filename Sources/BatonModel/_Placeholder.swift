// Placeholder until BatonModel lands.
