import Foundation

/// The JSON instance format of `mokmin solve`:
/// `{"demand": [{"id", "x", "y", "weight"}], "candidates": [{"id", "x", "y", "capacity"?}], "existing": [ids],
///   "p": 3, "radius": 500, "metric": "euclidean" | "geodesic"}`.
/// Ids may be strings or integers. A number written as the string "NaN" or "Infinity" is read, then rejected by name.
public enum JSONInstance: Sendable {
    struct FlexibleID: Decodable {
        let value: String
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                value = text
            } else if let number = try? container.decode(Int.self) {
                value = String(number)
            } else {
                value = String(try container.decode(Double.self))
            }
        }
    }

    struct Demand: Decodable {
        var id: FlexibleID
        var x: Double
        var y: Double
        var weight: Double?
    }

    struct Candidate: Decodable {
        var id: FlexibleID
        var x: Double
        var y: Double
        var capacity: Double?
    }

    struct Instance: Decodable {
        var demand: [Demand]
        var candidates: [Candidate]
        var existing: [FlexibleID]?
        var p: Int?
        var radius: Double?
        var metric: String?
    }

    /// Parses a JSON instance; a missing `weight` is 1, a missing `metric` is euclidean, a missing `p` is 0.
    public static func parse(_ data: Data) throws -> LocationProblem {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let instance: Instance
        do {
            instance = try decoder.decode(Instance.self, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw LocationInputError(.malformedJSON, korean: "JSON을 읽을 수 없습니다", english: "the JSON cannot be read: \(error)")
        }
        let metricName = instance.metric ?? DistanceMetric.euclidean.rawValue
        guard let metric = DistanceMetric(rawValue: metricName) else { throw LocationInputError.unknownMetric(metricName) }
        return LocationProblem(
            demand: instance.demand.map { DemandPoint(id: $0.id.value, weight: $0.weight ?? 1) },
            candidates: instance.candidates.map { CandidateSite(id: $0.id.value, capacity: $0.capacity) },
            existing: (instance.existing ?? []).map(\.value),
            p: instance.p ?? 0,
            radius: instance.radius,
            distances: .coordinates(
                demand: instance.demand.map { PlanarPoint(x: $0.x, y: $0.y) },
                candidates: instance.candidates.map { PlanarPoint(x: $0.x, y: $0.y) },
                metric: metric
            )
        )
    }

    private static func path(_ codingPath: [CodingKey]) -> String {
        let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(top level)" : text)
    }

    private static func describe(_ error: DecodingError) -> LocationInputError {
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return LocationInputError(.malformedJSON, korean: "JSON에 \(at) 항목이 없습니다", english: "the JSON has no \(at)")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let at = path(context.codingPath)
            return LocationInputError(
                .malformedJSON, korean: "JSON의 \(at) 값의 형식이 잘못되었습니다 (\(type) 필요)",
                english: "\(at) in the JSON has the wrong type (expected \(type))"
            )
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return LocationInputError(
                .malformedJSON, korean: "JSON이 올바르지 않습니다 (\(at))",
                english: "the JSON is not valid at \(at): \(context.debugDescription)"
            )
        @unknown default:
            return LocationInputError(.malformedJSON, korean: "JSON을 읽을 수 없습니다", english: "the JSON cannot be read")
        }
    }
}
