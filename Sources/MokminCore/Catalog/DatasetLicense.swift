import Foundation

/// The licences Korean public data is published under: 공공누리 types 1–4 and the Creative Commons licences.
public enum DatasetLicense: String, Sendable, Codable, CaseIterable {
    case kogl1 = "KOGL-1"
    case kogl2 = "KOGL-2"
    case kogl3 = "KOGL-3"
    case kogl4 = "KOGL-4"
    case ccBy = "CC-BY-4.0"
    case ccBySa = "CC-BY-SA-4.0"
    case ccByNc = "CC-BY-NC-4.0"
    case cc0 = "CC0-1.0"
    case other = "other"

    public var title: String {
        switch self {
        case .kogl1: "공공누리 제1유형 (출처표시)"
        case .kogl2: "공공누리 제2유형 (출처표시, 상업적 이용금지)"
        case .kogl3: "공공누리 제3유형 (출처표시, 변경금지)"
        case .kogl4: "공공누리 제4유형 (출처표시, 상업적 이용금지, 변경금지)"
        case .ccBy: "Creative Commons Attribution 4.0"
        case .ccBySa: "Creative Commons Attribution-ShareAlike 4.0"
        case .ccByNc: "Creative Commons Attribution-NonCommercial 4.0"
        case .cc0: "CC0 1.0 (Public Domain Dedication)"
        case .other: "기타 / Other"
        }
    }
}
