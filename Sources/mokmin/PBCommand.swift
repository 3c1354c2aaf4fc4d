import ArgumentParser
import Foundation
import MokminBase
import MokminBudget

struct PBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pb",
        abstract: "Count a participatory-budgeting election from a Pabulib file / 주민참여예산 투표 결과를 계산합니다.",
        discussion: """
            FILE is a Pabulib .pb file (META, PROJECTS, VOTES). RULE is greedy, mes (Method of Equal Shares), \
            mes-add1 (MES, the voters' shares raised by one unit until exhaustive), mes-add1-greedy (that, then \
            greedy) or mes-step (MES, the budget raised by 1 % at a time, then greedy); every outcome is the same set \
            pabutools 1.2.3 selects (Cost_Sat for approval and choose-1, Additive_Cardinal_Sat for cumulative, \
            Additive_Borda_Sat for ordinal ballots; ties on the project id).

            The answer is JSON on standard output: file, rule, selected (project ids in the order the rule bought \
            them), total_cost and budget (exact decimals), seconds (the rule alone, without reading the file); with \
            --explain also each project's fate (price paid by each group of supporters, greedy rank and the budget \
            left, why it was not funded, and a sentence in Korean and English). Exit status 0 with an answer, 2 for a \
            file that cannot be read (each problem with its line and field on standard error).
            """)

    @Argument(help: "The .pb file.") var file: String
    @Option(help: "greedy, mes, mes-add1, mes-add1-greedy or mes-step.") var rule: String = "mes-add1-greedy"
    @Flag(help: "Explain each project's fate.") var explain = false

    func fail(_ message: LocalizedText) -> ExitCode {
        FileHandle.standardError.write(Data("오류 / error: \(message.description)\n".utf8))
        return ExitCode(2)
    }

    func run() throws {
        guard let chosen = PBRule(rawValue: rule) else {
            let rules = PBRule.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(LocalizedText(ko: "규칙은 \(rules) 중 하나입니다: '\(rule)'", en: "the rule must be one of \(rules): '\(rule)'"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail(LocalizedText(ko: "파일을 읽을 수 없습니다: \(file)", en: "cannot read the file: \(file)"))
        }
        let name = (file as NSString).lastPathComponent
        let election: PBElection
        do {
            election = try PBFile.parse(String(decoding: data, as: UTF8.self), fileName: name)
        } catch {
            throw fail(error.message)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = PBRules.run(election, rule: chosen)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var out: [UInt8] = []
        out += Array("{\"file\":".utf8)
        JSONValue.writeString(name, into: &out)
        out += Array(",\"rule\":\"\(chosen.rawValue)\",\"selected\":[".utf8)
        for (i, id) in outcome.selected.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(id, into: &out)
        }
        out += Array("],\"total_cost\":\"\(decimal(outcome.totalCost))\",\"budget\":\"\(decimal(outcome.budget))\",\"seconds\":".utf8)
        JSONValue.writeNumber((seconds * 1e6).rounded() / 1e6, into: &out)
        if explain {
            out += Array(",\"explanation\":".utf8)
            JSONValue.array(outcome.explanation.map(Self.json)).write(into: &out)
        }
        out += Array("}\n".utf8)
        FileHandle.standardOutput.write(Data(out))
    }

    func decimal(_ value: Rational) -> String { value.exactDecimalString ?? value.decimalString(scale: 6) }

    static func json(_ fate: PBProjectFate) -> JSONValue {
        func amount(_ r: Rational?) -> JSONValue {
            guard let r else { return .null }
            return .string(r.exactDecimalString ?? r.decimalString(scale: 6))
        }
        return .object([
            "id": .string(fate.id),
            "cost": amount(fate.cost),
            "selected": .bool(fate.selected),
            "stage": fate.stage.map { .string($0.rawValue) } ?? .null,
            "order": fate.order.map { .number(Double($0)) } ?? .null,
            "supporters": .number(Double(fate.supporters)),
            "greedy_rank": fate.greedyRank.map { .number(Double($0)) } ?? .null,
            "remaining_before": amount(fate.remainingBefore),
            "remaining_after": amount(fate.remainingAfter),
            "payers": .number(Double(fate.payments.count)),
            "payments": .array(fate.paymentSummary.map { .object(["amount": amount($0.amount), "payers": .number(Double($0.payers))]) }),
            "supporters_left": amount(fate.supportersLeft),
            "ko": .string(fate.sentence.ko),
            "en": .string(fate.sentence.en),
        ])
    }
}
