// BatonComparison: see Package.swift.
