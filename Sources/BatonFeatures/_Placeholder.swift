// Placeholder until BatonFeatures lands.
