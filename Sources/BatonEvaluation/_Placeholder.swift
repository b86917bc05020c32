// Placeholder until BatonEvaluation lands.
