// Placeholder until BatonDataTests lands.
