import BatonComparison

/// Risk–coverage curves of one or more versions on one chart: the error rate among the
/// messages answered, answering the most confident first, as coverage grows. Each version's
/// tier-1 operating point (its tier-1 coverage and error rate) is marked.
enum RiskCoverageChart {
    struct Series {
        var version: String
        var curve: RiskCoverageCurve
        var color: String
        var dashed: Bool
        /// Tier-1 coverage and tier-1 error rate (1 − precision), when any message is tier 1.
        var operatingPoint: (coverage: Double, risk: Double)?
    }

    static func render(_ series: [Series]) -> String {
        let highest = series.flatMap { $0.curve.points.map(\.risk) + ($0.operatingPoint.map { [$0.risk] } ?? []) }.max() ?? 0
        let step = highest > 0.4 ? 0.1 : (highest > 0.2 ? 0.05 : (highest > 0.08 ? 0.02 : 0.01))
        let top = max(step * (highest / step).rounded(.up), step)
        var chart = SVGChart(width: 560, height: 350, xRange: 0...1, yRange: 0...top)
        chart.axes(
            xTicks: SVGChart.ticks(0, 1, step: 0.2), yTicks: SVGChart.ticks(0, top, step: step),
            xLabel: "coverage (share answered, most confident first)", yLabel: "risk (error rate among answered)",
            xFormat: { HTMLText.percent($0, digits: 0) }, yFormat: { HTMLText.percent($0, digits: step < 0.02 ? 1 : 0) })
        var legend: [SVGChart.LegendEntry] = []
        for entry in series {
            chart.line([(0, nil)] + entry.curve.points.map { ($0.coverage, $0.risk) }, color: entry.color, dashed: entry.dashed)
            legend.append(.init(label: "\(entry.version) (AURC \(HTMLText.number(entry.curve.areaUnderCurve, digits: 3)))", color: entry.color, dashed: entry.dashed))
        }
        // Labels are stacked above and to the left of the points, in the empty region over the
        // curves (risk rises with coverage), each tied to its point by a thin leader line.
        let points = series.compactMap { entry in entry.operatingPoint.map { (entry, $0) } }
        let topPixel = points.map { chart.y($0.1.risk) }.min() ?? chart.top
        for (index, (entry, point)) in points.enumerated() {
            let px = chart.x(point.coverage)
            let py = chart.y(point.risk)
            let labelY = max(chart.top + 12, topPixel - 22 - Double(points.count - 1 - index) * 15)
            let labelX = max(chart.left + 90, px - 28)
            chart.add(
                #"<line x1="\#(HTMLText.coordinate(labelX + 3))" y1="\#(HTMLText.coordinate(labelY - 3))" x2="\#(HTMLText.coordinate(px))" y2="\#(HTMLText.coordinate(py))" stroke="\#(entry.color)" stroke-width="1"/>"#)
            chart.dot(
                point.coverage, point.risk, color: entry.color, radius: 5,
                tooltip: "\(entry.version) tier 1: coverage \(HTMLText.percent(point.coverage)), error rate \(HTMLText.percent(point.risk))")
            chart.label(
                "\(entry.version) tier 1: \(HTMLText.percent(point.coverage, digits: 0)) answered, \(HTMLText.percent(point.risk)) wrong",
                atPixel: labelX, labelY, size: 10, anchor: "end", color: entry.color, bold: true)
        }
        if series.contains(where: { $0.operatingPoint != nil }) {
            legend.append(.init(label: "tier-1 operating point", color: "#555555", dot: true))
        }
        chart.legend(legend)
        return chart.render(title: "Risk–coverage")
    }
}
