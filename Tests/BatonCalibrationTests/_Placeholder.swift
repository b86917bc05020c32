// Placeholder until BatonCalibrationTests lands.
