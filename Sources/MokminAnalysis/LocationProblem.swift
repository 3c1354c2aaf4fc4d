import Foundation

/// One location instance. `p` counts the *new* sites to open; `existing` sites (candidate ids) are always open
/// in addition and are never counted in `p`. LSCP ignores `p`.
public struct LocationProblem: Sendable {
    public var demand: [DemandPoint]
    public var candidates: [CandidateSite]
    public var existing: [String]
    public var p: Int
    /// Coverage radius (distance ≤ radius covers), needed by MCLP, LSCP and capacitated coverage.
    public var radius: Double?
    public var distances: DistanceSource

    public init(
        demand: [DemandPoint],
        candidates: [CandidateSite],
        existing: [String] = [],
        p: Int,
        radius: Double? = nil,
        distances: DistanceSource
    ) {
        self.demand = demand
        self.candidates = candidates
        self.existing = existing
        self.p = p
        self.radius = radius
        self.distances = distances
    }
}

extension LocationProblem {
    /// Candidate indices of the existing facilities, in the order given.
    func existingIndices() throws -> [Int] {
        var index: [String: Int] = [:]
        for (j, site) in candidates.enumerated() { index[site.id] = j }
        var seen = Set<Int>()
        var result: [Int] = []
        for id in existing {
            guard let j = index[id] else { throw LocationInputError.unknownExisting(id) }
            guard seen.insert(j).inserted else { throw LocationInputError.duplicateID(id, among: "existing") }
            result.append(j)
        }
        return result
    }

    /// Checks everything that would make an answer meaningless; throws the first problem found.
    public func validate(for kind: ProblemKind) throws {
        try checkUnique(demand.map(\.id), among: "demand")
        try checkUnique(candidates.map(\.id), among: "candidate")
        for point in demand {
            guard point.weight.isFinite else { throw LocationInputError.invalidNumber("weight", id: point.id) }
            guard point.weight >= 0 else { throw LocationInputError.negativeWeight(id: point.id, weight: point.weight) }
        }
        for site in candidates {
            guard let capacity = site.capacity else { continue }
            guard !capacity.isNaN else { throw LocationInputError.invalidNumber("capacity", id: site.id) }
            guard capacity >= 0 else {
                throw LocationInputError(
                    .invalidNumber,
                    korean: "후보지 \(site.id)의 용량(\(capacity))이 음수입니다",
                    english: "candidate \(site.id) has a negative capacity (\(capacity))"
                )
            }
        }
        let fixed = try existingIndices()
        let available = candidates.count - fixed.count
        if kind != .lscp {
            guard p >= 0 else {
                throw LocationInputError(.pInvalid, korean: "p(\(p))는 0 이상이어야 합니다", english: "p (\(p)) must be at least 0")
            }
            guard p <= available else { throw LocationInputError.pTooLarge(p: p, available: available) }
            if (kind == .pmedian || kind == .pcenter) && p + fixed.count == 0 {
                throw LocationInputError(
                    .pInvalid,
                    korean: "\(kind.rawValue) 문제에는 p ≥ 1 이거나 기존 시설이 있어야 합니다",
                    english: "\(kind.rawValue) needs p ≥ 1 or at least one existing facility"
                )
            }
        }
        if kind == .mclp || kind == .lscp || kind == .capacitated {
            guard let radius, radius.isFinite, radius >= 0 else { throw LocationInputError.missingRadius(kind) }
        }
        try validateDistances()
    }

    private func checkUnique(_ ids: [String], among: String) throws {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw LocationInputError.duplicateID(id, among: among)
        }
    }

    private func validateDistances() throws {
        switch distances {
        case .matrix(let matrix):
            guard matrix.rows == demand.count, matrix.columns == candidates.count else {
                throw LocationInputError(
                    .shapeMismatch,
                    korean: "거리 행렬 크기 \(matrix.rows)×\(matrix.columns)가 수요 \(demand.count) × 후보 \(candidates.count)와 다릅니다",
                    english: "distance matrix is \(matrix.rows)×\(matrix.columns) but there are \(demand.count) demand points "
                        + "and \(candidates.count) candidates"
                )
            }
            for i in 0..<matrix.rows {
                for j in 0..<matrix.columns {
                    let d = matrix[i, j]
                    guard !d.isNaN, d >= 0 else {
                        throw LocationInputError(
                            .invalidDistance,
                            korean: "거리 (\(demand[i].id), \(candidates[j].id))가 NaN이거나 음수입니다",
                            english: "distance (\(demand[i].id), \(candidates[j].id)) is NaN or negative"
                        )
                    }
                }
            }
        case .coordinates(let demandPoints, let candidatePoints, let metric):
            guard demandPoints.count == demand.count, candidatePoints.count == candidates.count else {
                throw LocationInputError(
                    .shapeMismatch,
                    korean: "좌표 수가 수요 지점 또는 후보지 수와 다릅니다",
                    english: "the number of coordinates differs from the number of demand points or candidates"
                )
            }
            for (point, id) in zip(demandPoints, demand.map(\.id)) { try checkCoordinate(point, id: id, metric: metric) }
            for (point, id) in zip(candidatePoints, candidates.map(\.id)) { try checkCoordinate(point, id: id, metric: metric) }
        }
    }

    private func checkCoordinate(_ point: PlanarPoint, id: String, metric: DistanceMetric) throws {
        guard point.x.isFinite else { throw LocationInputError.invalidNumber("x coordinate", id: id) }
        guard point.y.isFinite else { throw LocationInputError.invalidNumber("y coordinate", id: id) }
        if metric == .geodesic && (abs(point.y) > 90 || abs(point.x) > 180) {
            throw LocationInputError(
                .invalidNumber,
                korean: "\(id)의 경위도(\(point.x), \(point.y))가 범위를 벗어났습니다",
                english: "longitude/latitude of \(id) (\(point.x), \(point.y)) is out of range"
            )
        }
    }
}
