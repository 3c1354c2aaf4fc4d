import Foundation
import MokminBase
import MokminCore
import MokminPlan
import MokminStore

extension PlanService: DatasetPublishObserver {
    /// Recomputes the indicators that read `slug` from the new version; a failure is logged (the version stays
    /// published, and the indicator keeps the values of the versions before).
    public func published(_ version: DatasetVersion, of slug: String) async {
        do {
            let started = ContinuousClock.now
            let count = try await recompute(datasetSlug: slug, version: version)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if count > 0 {
                logger.info(
                    "plan indicators recomputed",
                    metadata: [
                        "dataset": "\(slug)", "version": "\(version.number)", "indicators": "\(count)",
                        "seconds": "\(String(format: "%.3f", seconds))",
                    ])
            }
        } catch {
            logger.error("plan indicators not recomputed", metadata: ["dataset": "\(slug)", "version": "\(version.number)", "error": "\(error)"])
        }
    }

    /// Computes every indicator that reads `slug` from `version` (its newest version when nil) and keeps the values
    /// with that version. Returns how many indicators were computed.
    @discardableResult
    public func recompute(datasetSlug slug: String, version: DatasetVersion? = nil) async throws -> Int {
        let indicators = try await store.computedIndicators(datasetSlug: slug)
        guard !indicators.isEmpty else { return 0 }
        var target = version
        if target == nil, let record = try await datasets.dataset(slug: slug) {
            target = try await datasets.versions(datasetID: record.id).max { $0.number < $1.number }
        }
        guard let target else { return 0 }
        var errors: [String] = []
        // Indicators that ask the same question of the rows (filters, period, grouping) and differ only in their
        // measure are answered by one query, a few measures at a time: one pass over the table instead of one each.
        var shapes: [AggregateQuery: [(Indicator, AggregateQuery.Measure)]] = [:]
        var order: [AggregateQuery] = []
        for indicator in indicators {
            guard case .dataset(_, let query) = indicator.source, query.measures.count == 1 else { continue }
            var shape = query
            shape.measures = []
            if shapes[shape] == nil { order.append(shape) }
            shapes[shape, default: []].append((indicator, query.measures[0]))
        }
        let now = Date()
        for shape in order {
            let members = shapes[shape] ?? []
            for start in stride(from: 0, to: members.count, by: AggregateQuery.maxParts) {
                let chunk = Array(members[start..<min(start + AggregateQuery.maxParts, members.count)])
                var query = shape
                query.measures = chunk.map(\.1)
                do {
                    let result = try await datasets.aggregate(query, of: target)
                    for (i, (indicator, _)) in chunk.enumerated() {
                        try await store.recordComputed(indicatorID: indicator.id, version: target, values: Self.values(result, measure: i), at: now)
                    }
                } catch is BilingualError {
                    // One indicator no longer fits the data (a renamed column): compute each alone, so the rest are kept.
                    for (indicator, _) in chunk {
                        do {
                            try await store.recordComputed(
                                indicatorID: indicator.id, version: target, values: try await compute(indicator, from: target), at: now)
                        } catch let error as BilingualError {
                            errors.append("\(indicator.name): \(error.message.description)")
                        }
                    }
                }
            }
        }
        if !errors.isEmpty {
            throw MokminError(
                .invalidInput, ko: "지표를 계산하지 못했습니다: " + errors.joined(separator: "; "),
                en: "Indicators not computed: " + errors.joined(separator: "; "))
        }
        return indicators.count
    }

    /// The indicator's value per period in one dataset version.
    public func compute(_ indicator: Indicator, from version: DatasetVersion) async throws -> [Period: Double] {
        guard case .dataset(_, let query) = indicator.source else { return [:] }
        return Self.values(try await datasets.aggregate(query, of: version), measure: 0)
    }

    /// The values of one measure of a result, by period.
    static func values(_ result: AggregateResult, measure: Int) -> [Period: Double] {
        var values: [Period: Double] = [:]
        for row in result.rows {
            guard let text = row.period, let period = Period(text), measure < row.values.count, let value = row.values[measure] else { continue }
            values[period] = value
        }
        return values
    }

    /// Recomputes every computed indicator of a plan from the newest versions of their datasets (after an import of
    /// the task list). Returns the problems, one per dataset that could not be read (missing, or the query no longer fits).
    public func recomputeAll(_ snapshot: PlanSnapshot) async -> [String] {
        let slugs = Set(snapshot.indicators.values.joined().compactMap(\.source.datasetSlug))
        var problems: [String] = []
        for slug in slugs.sorted() {
            do {
                guard try await datasets.dataset(slug: slug) != nil else {
                    problems.append("\(slug): 데이터셋이 아직 없습니다 / no such dataset yet")
                    continue
                }
                try await recompute(datasetSlug: slug)
            } catch {
                problems.append("\(slug): \(error)")
            }
        }
        return problems
    }
}
