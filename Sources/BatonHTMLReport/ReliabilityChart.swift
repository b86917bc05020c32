import BatonComparison

/// A reliability diagram: one bar per confidence bin at the share of its messages that were
/// right, against the diagonal of perfect calibration, with the bin's message count on top.
enum ReliabilityChart {
    static func render(_ diagram: ReliabilityDiagram, version: String, color: String) -> String {
        var chart = SVGChart(
            width: 440, height: 366, xRange: 0...1, yRange: 0...1, margins: (left: 56, top: 72, right: 16, bottom: 48))
        chart.axes(
            xTicks: SVGChart.ticks(0, 1, step: 0.2), yTicks: SVGChart.ticks(0, 1, step: 0.2),
            xLabel: "top-label confidence (15 equal-width bins)", yLabel: "accuracy in bin",
            xFormat: { HTMLText.number($0, digits: 1) }, yFormat: { HTMLText.percent($0, digits: 0) })
        for bin in diagram.bins where bin.count > 0 {
            let x0 = chart.x(bin.lower) + 1
            let x1 = chart.x(bin.upper) - 1
            let top = chart.y(bin.accuracy)
            let tooltip =
                "confidence \(HTMLText.number(bin.lower, digits: 2))–\(HTMLText.number(bin.upper, digits: 2)): \(bin.count) messages, "
                + "accuracy \(HTMLText.percent(bin.accuracy)), mean confidence \(HTMLText.percent(bin.meanConfidence))"
            chart.add(
                #"<rect x="\#(HTMLText.coordinate(x0))" y="\#(HTMLText.coordinate(top))" width="\#(HTMLText.coordinate(max(x1 - x0, 1)))" height="\#(HTMLText.coordinate(max(chart.bottom - top, 0)))" fill="\#(color)" fill-opacity="0.85"><title>\#(HTMLText.escape(tooltip))</title></rect>"#)
            // Counts sit in their own row above the plot, where neither the bars nor the diagonal reach.
            chart.label(String(bin.count), atPixel: (x0 + x1) / 2, chart.top - 7, size: 9, color: "#444")
        }
        chart.add(
            #"<line x1="\#(HTMLText.coordinate(chart.x(0)))" y1="\#(HTMLText.coordinate(chart.y(0)))" x2="\#(HTMLText.coordinate(chart.x(1)))" y2="\#(HTMLText.coordinate(chart.y(1)))" stroke="\#(ReportStyle.muted)" stroke-width="1.5" stroke-dasharray="5 4"/>"#)
        chart.label("n", atPixel: chart.left - 6, chart.top - 7, size: 9, anchor: "end", color: "#444")
        chart.legend(
            [
                .init(label: "accuracy (messages per bin above)", color: color, bar: true),
                .init(label: "perfect calibration", color: "#888", dashed: true),
            ])
        return chart.render(title: "Reliability of \(version): ECE \(HTMLText.percent(diagram.expectedCalibrationError))")
    }
}
