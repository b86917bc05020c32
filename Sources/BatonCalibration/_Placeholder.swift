// BatonCalibration: see Package.swift.
