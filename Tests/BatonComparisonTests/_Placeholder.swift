// Placeholder until BatonComparisonTests lands.
