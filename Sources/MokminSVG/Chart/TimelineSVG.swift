import MokminBase

/// A task's milestones on a line from its start to its end, with a mark for the day the page is about: done
/// milestones filled, open ones hollow, overdue ones red. Labels alternate above and below the line so that close
/// milestones do not overlap; each mark has a `<title>` with its day, title and state.
public enum TimelineSVG {
    /// One mark on the line.
    public struct Mark: Sendable, Hashable {
        public enum State: String, Sendable { case done, open, overdue }
        /// `YYYY-MM-DD`.
        public var day: String
        public var title: String
        public var state: State

        public init(day: String, title: String, state: State) {
            self.day = day
            self.title = title
            self.state = state
        }
    }

    /// The timeline of `marks` between `start` and `end` (`YYYY-MM-DD`), with a vertical line at `today` when it falls inside.
    public static func render(start: String, end: String, today: String, marks: [Mark], label: String, todayLabel: String = "기준일") -> String {
        let (w, h, left, right) = (640.0, 120.0, 16.0, 16.0)
        let s = LocalTime.day(parsing: start) ?? 0
        let e = max(LocalTime.day(parsing: end) ?? s, s + 1)
        func x(_ day: String) -> Double {
            let d = min(max(LocalTime.day(parsing: day) ?? s, s), e)
            return left + (w - left - right) * Double(d - s) / Double(e - s)
        }
        let lineY = 60.0
        var svg =
            "<svg class=\"timeline\" viewBox=\"0 0 \(SVGText.number(w)) \(SVGText.number(h))\" role=\"img\" aria-label=\"\(SVGText.escape(label))\""
        svg += " xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"11\"><title>\(SVGText.escape(label))</title>"
        svg +=
            "<line x1=\"\(SVGText.number(left))\" x2=\"\(SVGText.number(w - right))\" y1=\"\(SVGText.number(lineY))\" y2=\"\(SVGText.number(lineY))\""
        svg += " stroke=\"#888\" stroke-width=\"2\"/>"
        svg += "<text x=\"\(SVGText.number(left))\" y=\"\(SVGText.number(h - 4))\" fill=\"#555\">\(SVGText.escape(start))</text>"
        svg +=
            "<text x=\"\(SVGText.number(w - right))\" y=\"\(SVGText.number(h - 4))\" text-anchor=\"end\" fill=\"#555\">\(SVGText.escape(end))</text>"
        if today >= start && today <= end {
            let tx = x(today)
            svg +=
                "<line class=\"today\" x1=\"\(SVGText.number(tx))\" x2=\"\(SVGText.number(tx))\" y1=\"20\" y2=\"100\" stroke=\"#2f6fb2\" stroke-dasharray=\"3 3\"/>"
            svg +=
                "<text x=\"\(SVGText.number(tx))\" y=\"14\" text-anchor=\"middle\" fill=\"#2f6fb2\">\(SVGText.escape(todayLabel)) \(SVGText.escape(today))</text>"
        }
        for (i, mark) in marks.sorted(by: { $0.day < $1.day }).enumerated() {
            let mx = x(mark.day)
            let colour = mark.state == .overdue ? "#c62828" : mark.state == .done ? "#2e7d32" : "#555"
            let fill = mark.state == .open ? "#fff" : colour
            svg +=
                "<circle class=\"milestone \(mark.state.rawValue)\" cx=\"\(SVGText.number(mx))\" cy=\"\(SVGText.number(lineY))\" r=\"6\" fill=\"\(fill)\""
            svg +=
                " stroke=\"\(colour)\" stroke-width=\"2\"><title>\(SVGText.escape(mark.day)) \(SVGText.escape(mark.title)) (\(mark.state.rawValue))</title></circle>"
            let ty = i % 2 == 0 ? lineY - 14 : lineY + 22
            let anchor = mx < 80 ? "start" : mx > w - 80 ? "end" : "middle"
            let short = mark.title.count > 14 ? String(mark.title.prefix(13)) + "…" : mark.title
            svg +=
                "<text x=\"\(SVGText.number(mx))\" y=\"\(SVGText.number(ty))\" text-anchor=\"\(anchor)\" fill=\"\(colour)\">\(SVGText.escape(short))</text>"
        }
        return svg + "</svg>"
    }
}
