import MokminBase

/// What one voter paid for a project under the Method of Equal Shares.
public struct PBPayment: Sendable, Hashable {
    public var voterID: String
    public var amount: Rational

    public init(voterID: String, amount: Rational) {
        self.voterID = voterID
        self.amount = amount
    }
}

/// How many supporters paid one amount: the compact form of a project's payments.
public struct PBPaymentGroup: Sendable, Hashable {
    public var amount: Rational
    public var payers: Int

    public init(amount: Rational, payers: Int) {
        self.amount = amount
        self.payers = payers
    }
}

/// Why and how one project was or was not funded: the numbers a results page shows, and a sentence in Korean and
/// English built from them (`sentence`).
public struct PBProjectFate: Sendable, Hashable {
    public enum Stage: String, Sendable, Hashable {
        /// Bought by the Method of Equal Shares.
        case mes
        /// Bought by the greedy rule that completes MES.
        case completion = "completion-greedy"
        /// Bought by the greedy rule alone.
        case greedy
    }

    public var id: String
    public var cost: Rational
    public var selected: Bool
    /// Which rule bought it (nil when not selected).
    public var stage: Stage?
    /// 1-based position in the selection order (nil when not selected).
    public var order: Int?
    /// Voters with positive satisfaction from it (for approval ballots: its approvals).
    public var supporters: Int
    /// Their total satisfaction (approval: approvals × cost; cumulative: points; ordinal: Borda score).
    public var score: Rational

    /// Greedy (alone or completing MES): 1-based place in the greedy order, and the budget left before its turn
    /// (and after, when bought). Nil when the greedy stage did not consider it.
    public var greedyRank: Int?
    public var remainingBefore: Rational?
    public var remainingAfter: Rational?

    /// MES: the price per unit of satisfaction it was bought at, every supporter's payment (in ballot order), and the
    /// payments grouped by amount (largest first).
    public var price: Rational?
    public var payments: [PBPayment]
    public var paymentSummary: [PBPaymentGroup]
    /// MES, not bought: what all its supporters had left together when MES stopped (less than the cost).
    public var supportersLeft: Rational?

    /// The explanation in both languages, with amounts rounded to whole units.
    public var sentence: LocalizedText {
        func money(_ r: Rational) -> String { r.decimalString(scale: r.isInteger ? 0 : 2) }
        var ko: [String] = []
        var en: [String] = []
        if stage == .mes && payments.isEmpty {
            ko.append("지지자가 있는 무료 사업이라 바로 선정")
            en.append("free and supported, so bought first")
        } else if stage == .mes {
            let groups = paymentSummary.map { "\($0.payers)명 × \(money($0.amount))" }.joined(separator: ", ")
            let groupsEN = paymentSummary.map { "\($0.payers) × \(money($0.amount))" }.joined(separator: ", ")
            ko.append("균등 분배 방식으로 선정: 지지자 \(payments.count)명이 비용 \(money(cost))을 나눠 냈습니다(\(groups))")
            en.append("bought by equal shares: \(payments.count) supporter(s) paid its cost \(money(cost)) between them (\(groupsEN))")
        }
        if supporters == 0 && !selected {
            ko.append("지지자가 없습니다")
            en.append("nobody supported it")
        } else if let supportersLeft, !selected || stage == .completion {
            ko.append("균등 분배에서 지지자 \(supporters)명에게 남은 돈이 모두 \(money(supportersLeft))로 비용 \(money(cost))에 못 미쳤습니다")
            en.append("under equal shares its \(supporters) supporter(s) had only \(money(supportersLeft)) left in total; it costs \(money(cost))")
        }
        if let greedyRank, let remainingBefore {
            let completing = stage == .completion || (!selected && supportersLeft != nil)
            let who = completing ? "보완 단계" : "득표순"
            let whoEN = completing ? "in the greedy completion" : "in greedy order"
            if selected && (stage == .greedy || stage == .completion) {
                ko.append("\(who) \(greedyRank)위로 선정: 남은 예산 \(money(remainingBefore)) → \(money(remainingAfter ?? remainingBefore))")
                en.append(
                    "bought at place \(greedyRank) \(whoEN): budget left \(money(remainingBefore)) → \(money(remainingAfter ?? remainingBefore))")
            } else if !selected {
                ko.append("\(who) \(greedyRank)위 차례에 비용 \(money(cost))이 남은 예산 \(money(remainingBefore))보다 컸습니다")
                en.append("at place \(greedyRank) \(whoEN) its cost \(money(cost)) was more than the \(money(remainingBefore)) left")
            }
        }
        return LocalizedText(ko: "사업 \(id): " + ko.joined(separator: "; "), en: "project \(id): " + en.joined(separator: "; "))
    }
}
