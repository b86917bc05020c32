// Placeholder until BatonFeaturesTests lands.
