// Placeholder until BatonEvaluationTests lands.
