// Placeholder until BatonTraining lands.
