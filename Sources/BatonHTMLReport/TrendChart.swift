/// Macro-F1 and tier-1 coverage of every published version (as measured on its own holdout
/// when it was trained), with the versions under discussion highlighted.
enum TrendChart {
    static let macroF1Color = "#2f4b7c"
    static let coverageColor = "#a05195"

    static func render(_ points: [VersionTrendPoint], highlight: [String]) -> String {
        let count = max(points.count, 1)
        let values = points.map(\.macroF1) + points.compactMap(\.tier1Coverage)
        let lowest = values.min() ?? 0
        let floor = max(0, ((lowest - 0.05) * 10).rounded(.down) / 10)
        let width = max(560.0, min(1300.0, 120 + Double(count) * 44))
        let rotate = count > 14
        var chart = SVGChart(
            width: width, height: rotate ? 380 : 350, xRange: -0.5...(Double(count) - 0.5), yRange: floor...1,
            margins: (left: 56, top: 56, right: 16, bottom: rotate ? 78 : 48))
        let step = (1 - floor) > 0.5 ? 0.2 : 0.1
        chart.axes(
            xTicks: [], yTicks: SVGChart.ticks(floor, 1, step: step), xLabel: "version (oldest first)", yLabel: "holdout metric",
            yFormat: { HTMLText.percent($0, digits: 0) })
        for (index, point) in points.enumerated() {
            let px = chart.x(Double(index))
            if let which = highlight.firstIndex(of: point.version) {
                let bandWidth = max(chart.x(1) - chart.x(0), 12) * 0.8
                chart.add(#"<rect x="\#(HTMLText.coordinate(px - bandWidth / 2))" y="\#(HTMLText.coordinate(chart.top))" width="\#(HTMLText.coordinate(bandWidth))" height="\#(HTMLText.coordinate(chart.bottom - chart.top))" fill="\#(which == 0 ? ReportStyle.colorA : ReportStyle.colorB)" fill-opacity="0.15"/>"#)
            }
            if rotate {
                let ly = chart.bottom + 12
                chart.add(#"<text x="\#(HTMLText.coordinate(px))" y="\#(HTMLText.coordinate(ly))" font-size="11" text-anchor="end" fill="\#(ReportStyle.axis)" transform="rotate(-45 \#(HTMLText.coordinate(px)) \#(HTMLText.coordinate(ly)))">\#(HTMLText.escape(point.version))</text>"#)
            } else {
                chart.label(point.version, atPixel: px, chart.bottom + 17, size: 11, color: ReportStyle.axis)
            }
        }
        chart.line(points.enumerated().map { (Double($0.offset), $0.element.macroF1) }, color: macroF1Color)
        chart.line(points.enumerated().map { (Double($0.offset), $0.element.tier1Coverage) }, color: coverageColor, dashed: true)
        for (index, point) in points.enumerated() {
            chart.dot(Double(index), point.macroF1, color: macroF1Color, tooltip: "\(point.version) (\(point.createdAt)): macro-F1 \(HTMLText.percent(point.macroF1))")
            if let coverage = point.tier1Coverage {
                chart.dot(
                    Double(index), coverage, color: coverageColor,
                    tooltip: "\(point.version): tier-1 coverage \(HTMLText.percent(coverage)), precision \(HTMLText.percent(point.tier1Precision))")
            }
        }
        chart.legend(
            [.init(label: "macro-F1", color: macroF1Color), .init(label: "tier-1 coverage", color: coverageColor, dashed: true)])
        return chart.render(title: "Across versions (each on its own holdout at training time)")
    }
}
