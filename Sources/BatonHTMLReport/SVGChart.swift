/// A chart drawn as inline SVG: a plot area with linear axes, gridlines, tick labels, axis
/// titles and a legend. Every text is escaped; nothing refers to anything outside the file.
///
/// Data coordinates go through ``x(_:)`` and ``y(_:)``; the y axis points up.
struct SVGChart {
    struct LegendEntry {
        var label: String
        var color: String
        var dashed: Bool = false
        var bar: Bool = false
        var dot: Bool = false
    }

    let width: Double
    let height: Double
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    private(set) var elements: [String] = []

    init(
        width: Double, height: Double, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        margins: (left: Double, top: Double, right: Double, bottom: Double) = (56, 56, 16, 48)
    ) {
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        left = margins.left
        top = margins.top
        right = width - margins.right
        bottom = height - margins.bottom
    }

    func x(_ value: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        return left + (span > 0 ? (value - xRange.lowerBound) / span : 0.5) * (right - left)
    }

    func y(_ value: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        return bottom - (span > 0 ? (value - yRange.lowerBound) / span : 0.5) * (bottom - top)
    }

    mutating func add(_ element: String) { elements.append(element) }

    /// Gridlines, both axes, tick labels and axis titles.
    mutating func axes(
        xTicks: [Double], yTicks: [Double], xLabel: String, yLabel: String,
        xFormat: (Double) -> String = { HTMLText.number($0, digits: 1) },
        yFormat: (Double) -> String = { HTMLText.number($0, digits: 1) }
    ) {
        for tick in yTicks {
            let py = HTMLText.coordinate(y(tick))
            add(#"<line x1="\#(HTMLText.coordinate(left))" y1="\#(py)" x2="\#(HTMLText.coordinate(right))" y2="\#(py)" stroke="\#(ReportStyle.grid)"/>"#)
            add(#"<text x="\#(HTMLText.coordinate(left - 6))" y="\#(py)" dy="4" font-size="11" text-anchor="end" fill="\#(ReportStyle.axis)">\#(HTMLText.escape(yFormat(tick)))</text>"#)
        }
        for tick in xTicks {
            let px = HTMLText.coordinate(x(tick))
            add(#"<line x1="\#(px)" y1="\#(HTMLText.coordinate(bottom))" x2="\#(px)" y2="\#(HTMLText.coordinate(bottom + 4))" stroke="\#(ReportStyle.axis)"/>"#)
            add(#"<text x="\#(px)" y="\#(HTMLText.coordinate(bottom + 17))" font-size="11" text-anchor="middle" fill="\#(ReportStyle.axis)">\#(HTMLText.escape(xFormat(tick)))</text>"#)
        }
        add(#"<line x1="\#(HTMLText.coordinate(left))" y1="\#(HTMLText.coordinate(bottom))" x2="\#(HTMLText.coordinate(right))" y2="\#(HTMLText.coordinate(bottom))" stroke="\#(ReportStyle.axis)"/>"#)
        add(#"<line x1="\#(HTMLText.coordinate(left))" y1="\#(HTMLText.coordinate(top))" x2="\#(HTMLText.coordinate(left))" y2="\#(HTMLText.coordinate(bottom))" stroke="\#(ReportStyle.axis)"/>"#)
        add(#"<text x="\#(HTMLText.coordinate((left + right) / 2))" y="\#(HTMLText.coordinate(height - 8))" font-size="12" text-anchor="middle" fill="\#(ReportStyle.dark)">\#(HTMLText.escape(xLabel))</text>"#)
        let midY = HTMLText.coordinate((top + bottom) / 2)
        add(#"<text x="14" y="\#(midY)" font-size="12" text-anchor="middle" fill="\#(ReportStyle.dark)" transform="rotate(-90 14 \#(midY))">\#(HTMLText.escape(yLabel))</text>"#)
    }

    /// A polyline through data points; nil values break the line.
    mutating func line(_ points: [(Double, Double?)], color: String, dashed: Bool = false, width strokeWidth: Double = 2) {
        var segments: [[(Double, Double)]] = [[]]
        for (px, py) in points {
            if let py {
                segments[segments.count - 1].append((x(px), y(py)))
            } else if !(segments.last?.isEmpty ?? true) {
                segments.append([])
            }
        }
        for segment in segments where segment.count >= 2 {
            let path = segment.map { "\(HTMLText.coordinate($0.0)),\(HTMLText.coordinate($0.1))" }.joined(separator: " ")
            add(#"<polyline points="\#(path)" fill="none" stroke="\#(color)" stroke-width="\#(strokeWidth)"\#(dashed ? #" stroke-dasharray="6 4""# : "") stroke-linejoin="round"/>"#)
        }
    }

    /// A filled circle at a data point, with a tooltip.
    mutating func dot(_ px: Double, _ py: Double, color: String, radius: Double = 3.5, tooltip: String? = nil) {
        let title = tooltip.map { "<title>\(HTMLText.escape($0))</title>" } ?? ""
        add(#"<circle cx="\#(HTMLText.coordinate(x(px)))" cy="\#(HTMLText.coordinate(y(py)))" r="\#(radius)" fill="\#(color)">\#(title)</circle>"#)
    }

    /// Text at pixel coordinates.
    mutating func label(_ text: String, atPixel px: Double, _ py: Double, size: Double = 11, anchor: String = "middle", color: String = "#333", bold: Bool = false) {
        add(#"<text x="\#(HTMLText.coordinate(px))" y="\#(HTMLText.coordinate(py))" font-size="\#(size)" text-anchor="\#(anchor)" fill="\#(color)"\#(bold ? #" font-weight="600""# : "")>\#(HTMLText.escape(text))</text>"#)
    }

    /// A legend in one row between the title and the plot area, so it never covers data.
    mutating func legend(_ entries: [LegendEntry]) {
        var x0 = left
        let cy = 34.0
        for entry in entries {
            if entry.dot {
                add(#"<circle cx="\#(HTMLText.coordinate(x0 + 9))" cy="\#(HTMLText.coordinate(cy))" r="4.5" fill="\#(entry.color)"/>"#)
            } else if entry.bar {
                add(#"<rect x="\#(HTMLText.coordinate(x0))" y="\#(HTMLText.coordinate(cy - 5))" width="18" height="10" fill="\#(entry.color)"/>"#)
            } else {
                add(#"<line x1="\#(HTMLText.coordinate(x0))" y1="\#(HTMLText.coordinate(cy))" x2="\#(HTMLText.coordinate(x0 + 18))" y2="\#(HTMLText.coordinate(cy))" stroke="\#(entry.color)" stroke-width="2.5"\#(entry.dashed ? #" stroke-dasharray="5 3""# : "")/>"#)
            }
            label(entry.label, atPixel: x0 + 24, cy + 4, size: 11, anchor: "start")
            // Character count times an average glyph width: good enough to keep entries apart.
            x0 += 24 + Double(entry.label.count) * 6.2 + 18
        }
    }

    /// The finished `<svg>` element with a title for screen readers and a heading above the plot.
    func render(title: String) -> String {
        let heading = #"<text x="\#(HTMLText.coordinate(left))" y="20" font-size="14" font-weight="600" fill="\#(ReportStyle.text)">\#(HTMLText.escape(title))</text>"#
        return #"<svg width="\#(Int(width))" height="\#(Int(height))" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-label="\#(HTMLText.escape(title))">"#
            + "<title>\(HTMLText.escape(title))</title>" + heading + elements.joined() + "</svg>"
    }

    /// Evenly spaced ticks from `lower` to `upper` inclusive.
    static func ticks(_ lower: Double, _ upper: Double, step: Double) -> [Double] {
        guard step > 0, upper >= lower else { return [lower] }
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }
}
