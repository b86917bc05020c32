import BatonComparison

/// Horizontal F1 bars per intent: two bars (A, B) per intent with the difference at the right,
/// or one bar per intent for a single version.
enum IntentF1Chart {
    struct Row {
        var intent: String
        var support: Int
        var values: [Double?]
        /// B − A, for two versions.
        var delta: Double?
    }

    static let labelWidth = 300.0
    static let barWidth = 520.0
    static let maximumLabelLength = 42

    static func render(_ rows: [Row], versions: [String], colors: [String], title: String) -> String {
        let bars = max(versions.count, 1)
        let rowHeight = bars == 1 ? 16.0 : 20.0
        let height = 70 + Double(rows.count) * rowHeight + 20
        let width = labelWidth + barWidth + 130
        var chart = SVGChart(
            width: width, height: height, xRange: 0...1, yRange: 0...1,
            margins: (left: labelWidth, top: 70, right: 130, bottom: 20))
        let plotTop = chart.top
        // Top axis: ticks, gridlines, title.
        for tick in SVGChart.ticks(0, 1, step: 0.2) {
            let px = chart.x(tick)
            chart.add(#"<line x1="\#(HTMLText.coordinate(px))" y1="\#(HTMLText.coordinate(plotTop - 4))" x2="\#(HTMLText.coordinate(px))" y2="\#(HTMLText.coordinate(chart.bottom))" stroke="\#(ReportStyle.grid)"/>"#)
            chart.label(HTMLText.number(tick, digits: 1), atPixel: px, plotTop - 8, size: 11, color: ReportStyle.axis)
        }
        chart.label("F1 score", atPixel: (chart.left + chart.right) / 2, plotTop - 24, size: 12)
        if versions.count > 1 {
            chart.label("Δ F1 (points)", atPixel: chart.right + 60, plotTop - 8, size: 11, color: ReportStyle.axis)
        } else {
            chart.label("support", atPixel: chart.right + 60, plotTop - 8, size: 11, color: ReportStyle.axis)
        }
        // Legend along the top.
        var legendX = chart.left
        for (index, version) in versions.enumerated() {
            chart.add(#"<rect x="\#(HTMLText.coordinate(legendX))" y="34" width="14" height="10" fill="\#(colors[index % colors.count])"/>"#)
            chart.label(version, atPixel: legendX + 19, 43, size: 11, anchor: "start")
            legendX += 30 + Double(version.count) * 7
        }
        for (index, row) in rows.enumerated() {
            let y0 = plotTop + Double(index) * rowHeight
            if index % 2 == 1 {
                chart.add(#"<rect x="0" y="\#(HTMLText.coordinate(y0))" width="\#(Int(width))" height="\#(HTMLText.coordinate(rowHeight))" fill="\#(ReportStyle.stripe)"/>"#)
            }
            let shown = row.intent.count > maximumLabelLength ? String(row.intent.prefix(maximumLabelLength - 1)) + "…" : row.intent
            chart.add(
                #"<text x="\#(HTMLText.coordinate(chart.left - 8))" y="\#(HTMLText.coordinate(y0 + rowHeight / 2 + 4))" font-size="11" text-anchor="end" fill="\#(ReportStyle.text)"><title>\#(HTMLText.escape("\(row.intent) (support \(row.support))"))</title>\#(HTMLText.escape(shown))</text>"#)
            let barHeight = bars == 1 ? 10.0 : 7.0
            for (bar, value) in row.values.enumerated() {
                let by = y0 + 3 + Double(bar) * (barHeight + 1)
                guard let value else { continue }
                let color = colors[bar % colors.count]
                chart.add(
                    #"<rect x="\#(HTMLText.coordinate(chart.left))" y="\#(HTMLText.coordinate(by))" width="\#(HTMLText.coordinate(max(chart.x(value) - chart.left, 0.5)))" height="\#(barHeight)" fill="\#(color)"><title>\#(HTMLText.escape("\(row.intent) \(versions[min(bar, versions.count - 1)]): F1 \(HTMLText.percent(value))"))</title></rect>"#)
            }
            if let delta = row.delta {
                let color = delta > 1e-9 ? ReportStyle.better : (delta < -1e-9 ? ReportStyle.worse : ReportStyle.axis)
                chart.label(HTMLText.points(delta), atPixel: chart.right + 60, y0 + rowHeight / 2 + 4, size: 11, color: color, bold: abs(delta) >= 0.05)
            } else {
                chart.label(String(row.support), atPixel: chart.right + 60, y0 + rowHeight / 2 + 4, size: 11, color: ReportStyle.axis)
            }
        }
        chart.add(#"<line x1="\#(HTMLText.coordinate(chart.left))" y1="\#(HTMLText.coordinate(plotTop))" x2="\#(HTMLText.coordinate(chart.left))" y2="\#(HTMLText.coordinate(chart.bottom))" stroke="\#(ReportStyle.axis)"/>"#)
        return chart.render(title: title)
    }
}
