/// Colours, classes and legend text for an ``SVGMap``.
public struct MapStyle: Sendable {
    /// Class colours from low to high; sampled (and interpolated) to the number of classes.
    public var palette: [String]
    /// How area (and line) values are grouped; nil draws every area in ``neutralFill`` with no legend.
    public var classification: Classification?
    /// The legend heading, e.g. "인구 밀도".
    public var legendTitle: String?
    /// The unit after each legend range, e.g. "명/km²" or "%".
    public var unit: String?
    /// The fill of areas drawn when there is no classification.
    public var neutralFill: String
    /// The fill of areas without a value when there is a classification.
    public var noDataFill: String

    /// ColorBrewer YlGnBu (9 classes), a sequential palette that ColorBrewer marks safe for colour-blind readers.
    public static let yellowGreenBlue = [
        "#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58",
    ]

    /// Creates a style; by default YlGnBu, 5 quantile classes only when a classification is passed.
    public init(
        palette: [String] = MapStyle.yellowGreenBlue, classification: Classification? = nil, legendTitle: String? = nil,
        unit: String? = nil, neutralFill: String = "#d4dde8", noDataFill: String = "#e6e6e6"
    ) {
        self.palette = palette.isEmpty ? MapStyle.yellowGreenBlue : palette
        self.classification = classification
        self.legendTitle = legendTitle
        self.unit = unit
        self.neutralFill = neutralFill
        self.noDataFill = noDataFill
    }

    /// The colour of class `index` out of `count`, spread evenly over the palette with linear RGB interpolation
    /// between neighbouring palette entries (entries that are not `#rrggbb` are used as they are).
    public func colour(forClass index: Int, of count: Int) -> String {
        let t = count <= 1 ? 0.5 : Double(index) / Double(count - 1)
        let position = t * Double(palette.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, palette.count - 1)
        let fraction = position - Double(lower)
        if fraction < 1e-9 { return palette[lower] }
        guard let a = MapStyle.rgb(palette[lower]), let b = MapStyle.rgb(palette[upper]) else { return palette[lower] }
        let mixed = (0..<3).map { Int((Double(a[$0]) + (Double(b[$0]) - Double(a[$0])) * fraction).rounded()) }
        return "#" + mixed.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    private static func rgb(_ hex: String) -> [Int]? {
        guard hex.count == 7, hex.hasPrefix("#"), let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]
    }
}

extension String {
    /// The string padded on the left with zeros to `length`.
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
