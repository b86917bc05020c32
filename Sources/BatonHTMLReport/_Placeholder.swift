// BatonHTMLReport: see Package.swift.
