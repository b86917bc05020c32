import BatonJob
import BatonRegistry
import BatonStore
import Foundation

/// A temp folder with a real SQLite store, a real models folder and a seeded corpus.
struct JobFixture {
    let root: URL
    let store: FeedbackStore
    let registry: ModelRegistry

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baton-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        store = try FeedbackStore(path: root.appendingPathComponent("store.sqlite").path)
        registry = try ModelRegistry(directory: root.appendingPathComponent("models"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func job(force: Bool = false, settings: RetrainSettings = .init(), faultHook: ((PublishStep) throws -> Void)? = nil) -> RetrainJob {
        RetrainJob(store: store, registry: registry, settings: settings, force: force, publishFaultHook: faultHook)
    }

    /// Writes `contents` to a file in the fixture folder and returns its URL.
    func write(_ name: String, _ contents: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A seeded transcripts CSV: four intents, templated messages, one conversation per row.
    static func transcriptsCSV(rows: Int = 240, seed: UInt64 = 1) -> String {
        let templates: [(String, [String])] = [
            ("password_reset", ["I forgot my password", "how do I reset my password", "password reset link expired", "cannot remember my password"]),
            ("mfa_reset", ["lost my phone and need to reset MFA", "two factor codes not working", "reset my authenticator app", "new phone, MFA broken"]),
            ("refund_request", ["I want a refund for last month", "please refund the duplicate charge", "refund my annual plan", "charged twice, need money back"]),
            ("integration_quickbooks", ["QuickBooks sync is failing", "connect QuickBooks to my account", "invoices not syncing to QuickBooks", "QuickBooks integration setup"]),
        ]
        let extras = ["please", "today", "asap", "thanks", "again", "since monday", "for my team", "urgent", "hi there", "it says error"]
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines = ["conversation_id,text,intent"]
        for row in 0..<rows {
            let (intent, phrases) = templates[row % templates.count]
            let text = "\(phrases[next(phrases.count)]) \(extras[next(extras.count)]) \(extras[next(extras.count)])"
            lines.append("c-\(String(format: "%05d", row)),\"\(text)\",\(intent)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
