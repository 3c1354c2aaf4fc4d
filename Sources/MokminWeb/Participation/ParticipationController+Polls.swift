import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminParticipation
import MokminSVG
import MokminServices

extension ParticipationController {
    /// Colours of options on the results map (the leading option's colour fills each 읍면동), colour-blind safe.
    static let optionColors = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    /// The poll as a page's values: its facts, the threshold, the answer, and the results when they may be shown.
    func pollValues(_ poll: Poll, results: PollResults?, language: String, now: Date) -> [String: Any] {
        let en = language == "en"
        var values: [String: Any] = [
            "id": poll.id, "question": poll.question, "description": poll.description, "is_demo": poll.isDemo, "opens": Self.format(poll.opensAt),
            "closes": Self.format(poll.closesAt), "participants": poll.participants, "multiple": poll.multipleChoice, "max_choices": poll.maxChoices,
            "is_named": poll.isNamed, "live": poll.liveResults, "min_age": poll.minAge, "has_min_age": poll.minAge > 0,
            "areas": poll.areas.map(areaName).joined(separator: ", "), "has_areas": !poll.areas.isEmpty,
            "state_open": poll.state(at: now) == .open, "state_closed": poll.state(at: now) == .closed,
            "state_upcoming": poll.state(at: now) == .upcoming,
            "answer": poll.answer as Any, "answered_at": poll.answeredAt.map(Self.format) as Any, "answer_due": poll.answerDue,
            "sealed": results == nil && poll.state(at: now) != .upcoming,
        ]
        if let threshold = poll.answerThreshold {
            values["threshold"] = ["target": threshold, "count": min(poll.participants, threshold), "reached": poll.participants >= threshold]
        }
        values["options"] = poll.options.enumerated().map { i, o in
            ["id": o.id, "label": o.label, "n": i % Self.optionColors.count] as [String: Any]
        }
        guard let results else { return values }
        let leader = results.leader(in: results.counts, options: poll.options)
        values["results"] =
            [
                "ballots": results.ballots,
                "rows": poll.options.enumerated().map { i, o in
                    let n = results.counts[o.id] ?? 0
                    return [
                        "label": o.label, "count": n, "share": Self.percent(n, of: results.ballots), "max": max(results.ballots, 1),
                        "leading": o.id == leader?.id, "n": i % Self.optionColors.count,
                    ] as [String: Any]
                },
                "by_band": results.ballotsByAgeBand.keys.sorted().map { band in
                    let ballots = results.ballotsByAgeBand[band] ?? 0
                    let counts = results.countsByAgeBand[band] ?? [:]
                    return [
                        "band": band.label.text(language), "ballots": ballots,
                        "cells": poll.options.map { o in ["share": Self.percent(counts[o.id] ?? 0, of: ballots)] },
                    ] as [String: Any]
                },
                "by_area": results.ballotsByArea.keys.sorted { areaName($0) < areaName($1) }.map { area in
                    let ballots = results.ballotsByArea[area] ?? 0
                    let counts = results.countsByArea[area] ?? [:]
                    return [
                        "area": areaName(area), "ballots": ballots,
                        "cells": poll.options.map { o in ["share": Self.percent(counts[o.id] ?? 0, of: ballots)] },
                    ] as [String: Any]
                },
                "age_chart": CategoryChart(
                    title: en ? "Ballots by age band" : "연령대별 투표자", unit: en ? "ballots" : "명", emptyText: en ? "No ballots" : "투표 없음"
                ).render(
                    categories: AgeBand.all.map { $0.label.text(language) }, values: AgeBand.all.map { Double(results.ballotsByAgeBand[$0] ?? 0) }),
                "map": resultsMap(poll, results, language: language),
            ] as [String: Any]
        return values
    }

    /// The 읍면동 of the served city, each filled with the colour of its leading option (grey without ballots).
    func resultsMap(_ poll: Poll, _ results: PollResults, language: String) -> String {
        let registry = regions.registry
        var codes = Set(results.ballotsByArea.keys).union(poll.areas)
        if codes.isEmpty { return "" }
        // Show the whole city around the areas that voted.
        let cities = Set(codes.compactMap { registry.regions[$0]?.parentCode })
        for city in cities { codes.formUnion(registry.children(of: city).map(\.code)) }
        let colors = Dictionary(uniqueKeysWithValues: poll.options.enumerated().map { ($1.id, Self.optionColors[$0 % Self.optionColors.count]) })
        let areas: [MapArea] = codes.sorted().compactMap { code in
            guard let region = registry.regions[code] else { return nil }
            let ballots = results.ballotsByArea[code] ?? 0
            let counts = results.countsByArea[code] ?? [:]
            let leader = results.leader(in: counts, options: poll.options)
            var title = "\(region.name): \(ballots)" + (language == "en" ? " ballots" : "명")
            for o in poll.options { title += "\n\(o.label) \(Self.percent(counts[o.id] ?? 0, of: ballots))" }
            return MapArea(
                id: code, label: region.name, title: title, geometry: region.boundary, value: nil, href: nil,
                fill: leader.flatMap { colors[$0.id] } ?? "#e8e8e8")
        }
        guard !areas.isEmpty else { return "" }
        return SVGMap(width: 640, height: 520, projection: .utmK, credit: Strings.text("credit", language)).render(areas: areas)
    }

    @Sendable func poll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        return try await renderPoll(id, request, context)
    }

    func renderPoll(_ id: Int64, _ request: Request, _ context: AppRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok)
        async throws
        -> Response
    {
        let now = Date()
        let poll = try await polls.poll(id)
        var values = pollValues(poll, results: try await polls.results(poll, now: now), language: context.language, now: now)
        if let resident = context.resident {
            let voted = try await polls.hasVoted(pollID: id, resident: resident)
            values["voted"] = voted
            if !voted, poll.state(at: now) == .open {
                if let refusal = poll.refusal(for: resident, at: now) {
                    values["refusal"] = refusal.message.text(context.language)
                } else {
                    values["may_vote"] = true
                }
            }
        } else if poll.state(at: now) == .open {
            values["verify_link"] = "/participate/verify?next=" + URLText.component("/participate/polls/\(id)")
        }
        if let error { values["error"] = error }
        return page("participate_poll", ["poll": values], request, context, status: status)
    }

    @Sendable func vote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let resident = context.resident else { return Self.verifyRedirect("/participate/polls/\(id)") }
        let form = try await request.formFields()
        let choices = try form.all(Input.option).compactMap(Int64.init)
        do {
            try await polls.vote(pollID: id, choices: choices, resident: resident)
        } catch let error as MokminError where error.kind == .invalidInput || error.kind == .conflict || error.kind == .forbidden {
            let status: HTTPResponse.Status = error.kind == .conflict ? .conflict : (error.kind == .forbidden ? .forbidden : .badRequest)
            return try await renderPoll(id, request, context, error: error.message.text(context.language), status: status)
        }
        return Response(status: .seeOther, headers: [.location: "/participate/polls/\(id)"])
    }
}
