import BatonCalibration
import BatonComparison
import BatonData
import BatonFormat
import BatonJob
import BatonRegistry
import BatonRouter
import BatonStore
import Foundation

/// Dispatches `baton <command>` and maps every error to one documented exit code.
enum BatonCommandLine {
    static func run(_ arguments: [String]) -> ExitCode {
        guard let command = arguments.first else {
            Console.error(Usage.text)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "retrain": return try RetrainCommand.run(rest)
            case "ingest": return try IngestCommand.run(rest)
            case "eval": return try EvalCommand.run(rest)
            case "demo": return try DemoCommand.run(rest)
            case "models": return try ModelsCommand.run(rest)
            case "status": return try StatusCommand.run(rest)
            case "route": return try RouteCommand.run(rest)
            case "compare": return try CompareCommand.run(rest)
            case "promote": return try PromoteCommand.run(rest)
            case "rollback": return try RollbackCommand.run(rest)
            case "help", "--help", "-h":
                Console.output(Usage.text)
                return .success
            case "version", "--version":
                Console.output(BatonVersionText.line)
                return .success
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch {
            Console.error("baton: error: \(error)")
            return exitCode(for: error)
        }
    }

    /// The single place where errors become exit codes (see the README's table).
    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case is UsageError: return .usage
        case is JobLockError: return .locked
        case let error as RetrainError:
            switch error {
            case .notEnoughData: return .nothingToTrain
            case .privacyAuditFailed, .publishFailed: return .publishFailed
            }
        case is StoreError, is DataFileError, is ModelFormatError, is RegistryError, is PolicyFileError, is RouterError, is CocoaError,
            is RegistryChangeError, is HistoryError, is ComparisonError:
            return .inputError
        default: return .internalError
        }
    }
}

/// Where output goes: results on stdout, progress and errors on stderr.
enum Console {
    static func output(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
