import Foundation

// Top-level code is main-actor isolated; the program itself lives in BatonCommandLine.
exit(BatonCommandLine.run(Array(CommandLine.arguments.dropFirst())).rawValue)
