// BatonRouter: see Package.swift.
