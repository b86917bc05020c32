/// The colours and the style sheet of every report: inline, so the file opens anywhere,
/// offline, and can be attached to a ticket as it is.
enum ReportStyle {
    /// Version A (the one compared against) and version B (the candidate): a blue and an
    /// orange that stay apart for the common forms of colour blindness.
    static let colorA = "#4c72b0"
    static let colorB = "#dd8452"
    static let better = "#1a7f37"
    static let worse = "#c62828"
    static let grid = "#e3e3e3"
    static let axis = "#555555"
    static let text = "#1f2328"
    static let dark = "#333333"
    static let muted = "#888888"
    static let stripe = "#f6f8fa"
    static let border = "#d0d7de"
    static let white = "#ffffff"

    static let css = """
        body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #1f2328;
               margin: 24px auto; max-width: 1320px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
        p.meta { color: #57606a; margin-top: 0; }
        p.note { color: #57606a; font-size: 13px; max-width: 900px; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
        th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
        th { background: #f6f8fa; }
        td.name, th.name { text-align: left; }
        td.better { color: \(better); font-weight: 600; }
        td.worse { color: \(worse); font-weight: 600; }
        .grid { display: flex; flex-wrap: wrap; gap: 24px; }
        .chart { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; background: #fff; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin: 0 4px 0 12px; vertical-align: -1px; }
        svg text { font-family: inherit; }
        ul.samples { margin: 2px 0; padding-left: 18px; font-size: 13px; color: #424a53; }
        """
}
