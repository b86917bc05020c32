import BatonFormat
import BatonHTMLReport
import BatonRegistry

/// Every published version's headline metrics from its manifest, oldest first, for the
/// "across versions" chart of the HTML reports.
enum ModelTrend {
    /// Versions whose manifest cannot be read are left out (and said so on stderr).
    static func points(_ registry: ModelRegistry) -> [VersionTrendPoint] {
        let versions = (try? registry.versions()) ?? []
        return versions.compactMap { version in
            do {
                let manifest = try registry.manifest(of: version)
                return VersionTrendPoint(
                    version: version, createdAt: manifest.createdAt, macroF1: manifest.metrics.macroF1,
                    tier1Coverage: manifest.metrics.tier1Coverage, tier1Precision: manifest.metrics.tier1Precision)
            } catch {
                Console.error("baton: \(version) left out of the chart across versions: \(error)")
                return nil
            }
        }
    }
}
