import Testing

@testable import MokminIngest

@Suite("Air-quality grades")
struct AirQualityGradeTests {
    @Test("PM10 bands 0–30, 31–80, 81–150, 151+ at every boundary")
    func pm10() {
        let cases: [(Double, AirQualityGrade)] = [
            (0, .good), (30, .good), (31, .moderate), (80, .moderate), (81, .bad), (150, .bad), (151, .veryBad), (999, .veryBad),
        ]
        for (value, grade) in cases { #expect(AirQualityGrade.pm10(value) == grade, "PM10 \(value)") }
    }

    @Test("PM2.5 bands 0–15, 16–35, 36–75, 76+ at every boundary")
    func pm25() {
        let cases: [(Double, AirQualityGrade)] = [(0, .good), (15, .good), (16, .moderate), (35, .moderate), (36, .bad), (75, .bad), (76, .veryBad)]
        for (value, grade) in cases { #expect(AirQualityGrade.pm25(value) == grade, "PM2.5 \(value)") }
    }

    @Test("Gas and index bands; negative, non-finite and unknown metrics have no grade")
    func otherMetrics() {
        #expect(AirQualityGrade.grade(metric: "o3", value: 0.030) == .good)
        #expect(AirQualityGrade.grade(metric: "o3", value: 0.031) == .moderate)
        #expect(AirQualityGrade.grade(metric: "co", value: 9.01) == .bad)
        #expect(AirQualityGrade.grade(metric: "khai", value: 251) == .veryBad)
        #expect(AirQualityGrade.pm10(-1) == nil && AirQualityGrade.pm25(.nan) == nil)
        #expect(AirQualityGrade.grade(metric: "speed", value: 10) == nil)
    }

    @Test("Names, the AirKorea colours, codes and order")
    func presentation() {
        #expect(AirQualityGrade.allCases.map(\.koreanName) == ["좋음", "보통", "나쁨", "매우나쁨"])
        #expect(AirQualityGrade.allCases.map(\.colorHex) == ["#2359C4", "#01B56E", "#F5C441", "#DA3539"])
        #expect(AirQualityGrade(code: " 3") == .bad && AirQualityGrade(code: "5") == nil && AirQualityGrade(code: "") == nil)
        #expect(AirQualityGrade.good < .veryBad)
    }

    @Test("The CAI sub-index is continuous at band edges and reaches 500 at the top")
    func subIndex() {
        #expect(AirQualityGrade.subIndex(metric: "pm25", value: 15) == 50)
        #expect(AirQualityGrade.subIndex(metric: "pm25", value: 35) == 100)
        #expect(AirQualityGrade.subIndex(metric: "pm25", value: 75) == 250)
        #expect(AirQualityGrade.subIndex(metric: "pm10", value: 600) == 500)
        #expect(AirQualityGrade.subIndex(metric: "so2", value: 5) == 500)
    }
}
