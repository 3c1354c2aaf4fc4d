import MokminGeo
import MokminGeoTestSupport
import MokminSVG
import Testing

@Suite("Choropleth classification")
struct ClassificationTests {
    @Test("equal intervals split the range evenly")
    func equalInterval() {
        #expect(Classification.equalInterval(4).breaks(for: [0, 3, 10, 7, 1]) == [0, 2.5, 5, 7.5, 10])
    }

    @Test("quantiles put the same number of values in each class")
    func quantiles() {
        let values = (1...20).map(Double.init)
        let breaks = Classification.quantiles(4).breaks(for: values)
        #expect(breaks == [1, 5.75, 10.5, 15.25, 20])
        let counts = (0..<4).map { i in values.filter { Classification.classIndex(of: $0, breaks: breaks) == i }.count }
        #expect(counts == [5, 5, 5, 5])
        // Heavily repeated values merge coinciding quantiles instead of making empty classes.
        let merged = Classification.quantiles(5).breaks(for: [1, 1, 1, 1, 1, 1, 1, 2, 3])
        #expect(merged.count == 3 && merged[0] == 1 && abs(merged[1] - 1.4) < 1e-12 && merged[2] == 3)
    }

    @Test("natural breaks find the obvious clusters")
    func naturalBreaksClusters() {
        let values: [Double] = [22, 1, 11, 3, 2, 21, 10, 12, 20]
        #expect(Classification.naturalBreaks(3).breaks(for: values) == [1, 3, 12, 22])
        // The textbook example of Jenks (1977) style data: two groups far apart.
        #expect(Classification.naturalBreaks(2).breaks(for: [4, 5, 9, 10, 100, 101]) == [4, 10, 101])
    }

    @Test("natural breaks are optimal: no other grouping of a small series has less squared deviation")
    func naturalBreaksAreOptimal() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<30 {
            let values = (0..<9).map { _ in Double(Int.random(in: 0...100, using: &random)) }
            let breaks = Classification.naturalBreaks(3).breaks(for: values)
            let sorted = Array(Set(values)).sorted()
            guard sorted.count >= 3 else { continue }
            let found = deviation(values, breaks: breaks)
            var best = Double.infinity
            for i in 0..<(sorted.count - 2) {
                for j in (i + 1)..<(sorted.count - 1) {
                    best = min(best, deviation(values, breaks: [sorted[0], sorted[i], sorted[j], sorted.last!]))
                }
            }
            #expect(abs(found - best) < 1e-9, "\(values): \(breaks)")
        }
    }

    /// Total squared deviation from the class means.
    private func deviation(_ values: [Double], breaks: [Double]) -> Double {
        var classes: [Int: [Double]] = [:]
        for v in values { classes[Classification.classIndex(of: v, breaks: breaks) ?? -1, default: []].append(v) }
        return classes.values.reduce(0) { total, members in
            let mean = members.reduce(0, +) / Double(members.count)
            return total + members.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
    }

    @Test("degenerate inputs")
    func degenerate() {
        #expect(Classification.naturalBreaks(5).breaks(for: []).isEmpty)
        #expect(Classification.quantiles(5).breaks(for: [7, 7, 7]) == [7, 7])
        #expect(Classification.naturalBreaks(5).breaks(for: [1, 2]) == [1, 1, 2])
        #expect(Classification.equalInterval(2).breaks(for: [.nan, 1, 3, .infinity]) == [1, 2, 3])
        #expect(Classification.classIndex(of: 7, breaks: [7, 7]) == 0)
        #expect(Classification.classIndex(of: 4, breaks: [1, 2, 3]) == nil)
        #expect(Classification.classIndex(of: 1, breaks: [1, 2, 3]) == 0)
        #expect(Classification.classIndex(of: 2, breaks: [1, 2, 3]) == 0)
        #expect(Classification.classIndex(of: 2.5, breaks: [1, 2, 3]) == 1)
    }
}
