import BatonFormat
import BatonModel
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Decides the tier of live chat messages with a published model version, and follows the
/// models folder's `current` link as the nightly job moves it.
///
/// Every version is loaded through ``BatonFormat/ModelFolderReader/load(from:)``, which checks
/// the format and every file's size and SHA-256 before anything is decoded, so a router never
/// scores with a damaged file. Thread-safe: any number of threads may call ``decide(_:)`` while
/// another reloads. Each decision takes the served version once, at its start, and finishes on
/// it; a reload builds the new version completely before swapping it in, so no decision ever
/// mixes two versions and none waits for a load.
///
/// ```swift
/// let router = try IntentRouter(modelsDirectory: URL(fileURLWithPath: "/srv/baton/models"))
/// router.startPolling(every: .seconds(30)) { print("baton: \($0)") }
/// let decision = router.decide("my invoice shows the wrong VAT number")
/// if let packet = router.handoffPacket(for: decision, conversation: turns, customer: context) { … }
/// ```
public final class IntentRouter: Sendable {
    /// Where versions come from.
    private enum Source: Sendable {
        /// A models folder whose `current` link is followed.
        case following(directory: URL)
        /// One version folder, never reloaded.
        case pinned(folder: URL)
    }

    /// What a reload remembers between checks. Held for the whole of one reload, so reloads
    /// never overlap; decisions never take this lock.
    private struct ReloadBookkeeping {
        enum Refused: Equatable {
            case nothing
            /// `current` was missing or led nowhere.
            case missingLink
            /// The version `current` pointed at (its link text) failed verification.
            case target(String)
        }
        /// What the last check refused; not tried again until `current` changes or a reload
        /// is forced.
        var refused: Refused = .nothing
    }

    private let source: Source
    /// The version decisions start on. Held only to copy or replace one reference.
    private let served: Mutex<ServedVersion>
    private let reloads = Mutex(ReloadBookkeeping())
    /// The tier policy of every version this router has served, for explaining old decisions.
    private let policies: Mutex<[String: TierPolicy]>
    private let poller = Mutex<DispatchSourceTimer?>(nil)

    /// A router that serves the version `modelsDirectory/current` points at, and can follow it
    /// (``reloadIfChanged(force:)``, ``startPolling(every:onOutcome:)``).
    ///
    /// - Throws: ``RouterError`` when there is no `current` to follow;
    ///   ``BatonFormat/ModelFormatError`` (naming the file and the problem) when the version it
    ///   points at fails verification.
    public init(modelsDirectory: URL) throws {
        let target = try Self.currentTarget(in: modelsDirectory)
        let version = try Self.load(target: target, in: modelsDirectory)
        source = .following(directory: modelsDirectory)
        served = Mutex(version)
        policies = Mutex([version.version: version.loaded.manifest.tiers])
    }

    /// A router pinned to one version folder (for example `models/v7`). It never reloads.
    ///
    /// - Throws: ``BatonFormat/ModelFormatError`` naming the file and the problem when the
    ///   folder fails verification.
    public init(versionFolder: URL) throws {
        let loaded = try LoadedModel(artifacts: ModelFolderReader.load(from: versionFolder))
        let version = ServedVersion(loaded: loaded, linkTarget: nil)
        source = .pinned(folder: versionFolder)
        served = Mutex(version)
        policies = Mutex([version.version: loaded.manifest.tiers])
    }

    deinit {
        poller.withLock { timer in timer?.cancel() }
    }

    // MARK: - Deciding

    /// The version new decisions use ("v7").
    public var currentVersion: String { served.withLock { $0.version } }

    /// The manifest of the version new decisions use: intents, temperature, tier policy.
    public var currentManifest: ModelManifest { served.withLock { $0.loaded.manifest } }

    /// The intent, calibrated confidence, runner-ups and tier of one message.
    public func decide(_ text: String) -> RoutingDecision {
        served.withLock { $0 }.decide(text)
    }

    /// Messages processed per unit of parallel work in ``decide(_:)-([String])``.
    static let batchChunk = 64

    /// Decisions for many messages, in input order, all made by the same version, using every
    /// core. Each equals ``decide(_:)-(String)`` of the same message on that version.
    public func decide(_ texts: [String]) -> [RoutingDecision] {
        let version = served.withLock { $0 }
        let count = texts.count
        let chunks = (count + Self.batchChunk - 1) / Self.batchChunk
        guard chunks > 1 else { return texts.map(version.decide) }
        return [RoutingDecision](unsafeUninitializedCapacity: count) { out, initialized in
            // Every chunk initializes only its own, disjoint range of `out`.
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * Self.batchChunk
                for index in start..<min(count, start + Self.batchChunk) {
                    out.initializeElement(at: index, to: version.decide(texts[index]))
                }
            }
            initialized = count
        }
    }

    // MARK: - Handoff

    /// The packet for the agent when `decision` is not resolved by the bot alone (tier 2 or
    /// 3); nil for tier 1.
    ///
    /// `conversation` and `customer` are copied into the packet as given: the router adds no
    /// customer data of its own.
    public func handoffPacket(
        for decision: RoutingDecision, conversation: [ConversationTurn], customer: CustomerContext?
    ) -> HandoffPacket? {
        guard decision.tier != 1 else { return nil }
        let policy = policies.withLock { $0[decision.version] }
        return HandoffPacket(
            version: decision.version, tier: decision.tier, reason: decision.reason, detectedIntent: decision.intent,
            confidence: decision.confidence, runnerUps: decision.runnerUps,
            handoffReason: HandoffPacket.explanation(for: decision, policy: policy), conversation: conversation,
            customer: customer)
    }

    // MARK: - Hot reload

    /// Checks where `current` points and, if it moved, loads and verifies that version on the
    /// calling thread, then swaps it in atomically. Decisions keep running meanwhile, on the
    /// version they started with.
    ///
    /// A version that fails verification is refused: the router keeps serving what it had and
    /// returns ``ReloadOutcome/failed(version:reason:)``; later checks return
    /// ``ReloadOutcome/unchanged`` without reading it again until `current` moves. `force`
    /// loads and verifies whatever `current` points at, refused or already served. A pinned
    /// router always returns ``ReloadOutcome/unchanged``.
    @discardableResult
    public func reloadIfChanged(force: Bool = false) -> ReloadOutcome {
        guard case .following(let directory) = source else { return .unchanged }
        return reloads.withLock { bookkeeping -> ReloadOutcome in
            let serving = served.withLock { $0 }
            let target: String
            do {
                target = try Self.currentTarget(in: directory)
            } catch {
                if !force && bookkeeping.refused == .missingLink { return .unchanged }
                bookkeeping.refused = .missingLink
                return .failed(version: Self.currentLinkName, reason: "\(error)")
            }
            if !force {
                if target == serving.linkTarget {
                    // Back on the served version: a later move to a refused one is news again.
                    bookkeeping.refused = .nothing
                    return .unchanged
                }
                if bookkeeping.refused == .target(target) { return .unchanged }
            }
            let next: ServedVersion
            do {
                next = try Self.load(target: target, in: directory)
            } catch {
                bookkeeping.refused = .target(target)
                return .failed(version: target, reason: "\(error)")
            }
            policies.withLock { $0[next.version] = next.loaded.manifest.tiers }
            served.withLock { $0 = next }
            bookkeeping.refused = .nothing
            return .reloaded(from: serving.version, to: next.version)
        }
    }

    /// Calls ``reloadIfChanged(force:)`` every `interval` on a background queue, and
    /// `onOutcome` with each outcome other than ``ReloadOutcome/unchanged`` (a reload or a
    /// refused version). Replaces any earlier polling; stopped by ``stopPolling()`` or when the
    /// router is released. Does nothing for a pinned router.
    public func startPolling(every interval: Duration, onOutcome: @escaping @Sendable (ReloadOutcome) -> Void = { _ in }) {
        guard case .following = source else { return }
        let (seconds, attoseconds) = interval.components
        // At least a millisecond, at most about 146 years: never a busy loop, never an overflow.
        let nanoseconds = min(Double(Int64.max / 2), max(1e6, Double(seconds) * 1e9 + Double(attoseconds) / 1e9))
        let period = DispatchTimeInterval.nanoseconds(Int(nanoseconds))
        poller.withLock { current in
            current?.cancel()
            // Made inside the lock: the timer is not Sendable, so it never leaves this region.
            let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "baton.router.reload"))
            timer.schedule(deadline: .now() + period, repeating: period)
            timer.setEventHandler { [weak self] in
                guard let self else { return }
                let outcome = self.reloadIfChanged()
                if outcome != .unchanged { onOutcome(outcome) }
            }
            timer.resume()
            current = timer
        }
    }

    /// Stops the polling started by ``startPolling(every:onOutcome:)``; a check already running
    /// finishes.
    public func stopPolling() {
        poller.withLock { current in
            current?.cancel()
            current = nil
        }
    }

    // MARK: - Loading

    /// The link in a models folder that names the served version.
    public static let currentLinkName = "current"

    /// The text of `directory/current`.
    private static func currentTarget(in directory: URL) throws(RouterError) -> String {
        let link = directory.appendingPathComponent(Self.currentLinkName).path
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return readlink(link, base, Int(PATH_MAX))
        }
        guard count > 0 else {
            var status = stat()
            if count < 0 && errno == EINVAL && lstat(link, &status) == 0 {
                throw .currentIsNotALink(directory: directory.path)
            }
            throw .noCurrentVersion(directory: directory.path)
        }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Loads and verifies the version that the `current` text `target` names, resolved once.
    private static func load(target: String, in directory: URL) throws -> ServedVersion {
        let folder = target.hasPrefix("/") ? URL(fileURLWithPath: target) : directory.appendingPathComponent(target)
        let loaded = try LoadedModel(artifacts: ModelFolderReader.load(from: folder))
        let folderName = folder.standardizedFileURL.lastPathComponent
        guard loaded.manifest.version == folderName else {
            throw RouterError.versionNameMismatch(
                directory: directory.path, folder: folderName, manifestVersion: loaded.manifest.version)
        }
        return ServedVersion(loaded: loaded, linkTarget: target)
    }
}
