import MokminCore
import MokminPlan
import Testing

/// The task file: good rows become a draft; every bad cell is named with its line and column, and nothing is returned.
@Suite struct PlanFileParserTests {
    let header = [
        "역점분야", "과제번호", "과제명", "담당부서", "담당자", "시작일", "종료일", "예산(천원)", "마일스톤", "평가지표", "성과지표", "단위", "기준값", "목표값",
        "방향", "가중치", "데이터셋", "집계", "값열", "날짜열", "주기",
    ]

    @Test func continuationRowsAddIndicatorsToTheirTask() throws {
        var parser = PlanFileParser(fileName: "plan.csv")
        let draft = try parser.parse(
            header: header,
            rows: [
                (
                    2,
                    [
                        "스마트 도시", "3-1", "수요응답형 버스 두루타", "대중교통과", "김주무관", "2020-01-01", "2020.12.31", "1,200,000",
                        "2020-03-31 노선 설계 (완료 2020-03-25); 2020-06-30 운행 개시", "2-1; 3-2", "월 이용객", "명", "0", "20000", "높을수록", "2",
                        "duruta-ridership", "합계", "이용객수", "운행일", "월",
                    ]
                ),
                (3, ["", "3-1", "", "", "", "", "", "", "", "", "평균 대기시간", "분", "30", "15", "낮을수록", "", "", "", "", "", ""]),
            ])
        #expect(draft.areas == ["스마트 도시"])
        let task = try #require(draft.tasks.first)
        #expect(draft.tasks.count == 1)
        #expect(task.end == "2020-12-31")
        #expect(task.budget == 1_200_000)
        #expect(task.evaluation == ["2-1", "3-2"])
        #expect(task.milestones == [.init(title: "노선 설계", due: "2020-03-31", doneOn: "2020-03-25"), .init(title: "운행 개시", due: "2020-06-30")])
        #expect(task.indicators.count == 2)
        #expect(task.indicators[0].weight == 2)
        #expect(
            task.indicators[0].source
                == .dataset(
                    slug: "duruta-ridership",
                    query: AggregateQuery(measures: [.init(.sum, column: "이용객수")], period: .init(column: "운행일", unit: .month))))
        #expect(task.indicators[1].direction == .lower)
        #expect(task.indicators[1].source == .manual)
    }

    @Test func everyBadCellIsNamedWithItsLineAndColumn() {
        var parser = PlanFileParser(fileName: "bad.csv")
        do {
            _ = try parser.parse(
                header: header,
                rows: [
                    (2, ["A", "1-1", "과제", "부서", "", "2020-13-01", "2020-12-31", "-5", "", "", "지표", "", "10", "5", "높을수록", "", "", "", "", "", ""]),
                    (3, ["A", "", "과제2", "부서", "", "2020-01-01", "2020-12-31", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]),
                    (
                        4,
                        [
                            "A", "1-2", "과제3", "부서", "", "2020-01-01", "2020-12-31", "", "", "", "지표", "", "0", "1", "옆으로", "0", "ds", "중앙값", "", "",
                            "",
                        ]
                    ),
                ])
            Issue.record("a bad file was accepted")
        } catch let error as PlanFileError {
            let places = error.issues.map { "\($0.line):\($0.column)" }
            #expect(places == ["2:시작일", "2:예산(천원)", "2:목표값", "3:과제번호", "4:방향", "4:가중치", "4:집계"])
            #expect(error.message.ko.contains("아무것도 저장하지 않았습니다"))
            #expect(error.message.en.contains("line 2, column '시작일'"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func tooLongTextIsRefusedNeverCut() {
        var parser = PlanFileParser(fileName: "long.csv")
        let long = String(repeating: "가", count: 4_001)
        do {
            _ = try parser.parse(
                header: ["역점분야", "과제번호", "과제명", "담당부서", "과제내용", "시작일", "종료일"],
                rows: [(2, ["A", "1-1", "과제", "부서", long, "2020-01-01", "2020-12-31"])])
            Issue.record("a 4,001-character description was accepted")
        } catch let error as PlanFileError {
            #expect(error.issues.map { "\($0.line):\($0.column)" } == ["2:과제내용"])
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aMissingRequiredColumnOrUnknownHeaderIsRefused() {
        var parser = PlanFileParser(fileName: "x.csv")
        #expect(throws: PlanFileError.self) { try parser.parse(header: ["역점분야", "과제명", "모르는열"], rows: [(2, ["a", "b", "c"])]) }
        var english = PlanFileParser(fileName: "en.csv")
        let draft = try? english.parse(
            header: ["area", "code", "title", "department", "start", "end"], rows: [(2, ["Area", "1", "Task", "Dept", "2020-01-01", "2020-06-30"])])
        #expect(draft?.tasks.first?.department == "Dept")
    }

    @Test func periodsParseAndSpanTheirDays() throws {
        let q = try #require(Period("2020Q1"))
        #expect(q.startDay == "2020-01-01" && q.endDay == "2020-03-31")
        #expect(Period("2020-02")!.endDay == "2020-02-29")
        #expect(Period("2020-q4")?.description == "2020Q4")
        #expect(Period("2020Q5") == nil && Period("2020-13") == nil && Period("") == nil && Period("99999") == nil)
        #expect(q.contains(Period("2020-03")!) && !q.contains(Period("2020-04")!))
        #expect(Period("2020Q1")!.previous == Period("2019Q4"))
        #expect(q.periods(of: .month).map(\.description) == ["2020-01", "2020-02", "2020-03"])
        #expect(Period(containing: "2020-08-15T10:00:00", unit: .quarter) == Period("2020Q3"))
    }
}
