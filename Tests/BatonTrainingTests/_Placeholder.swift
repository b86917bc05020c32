// Placeholder until BatonTrainingTests lands.
