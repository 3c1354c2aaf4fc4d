import Foundation
import MokminDemo
import Testing

@testable import MokminIngest

@Suite("CSV and TSV reading")
struct DelimitedReaderTests {
    @Test("UTF-8 with quoted commas, doubled quotes and line breaks inside quotes")
    func quoting() throws {
        let result = try readCSV("이름,주소,메모\n\"김, 철수\",\"서울 \"\"중구\"\"\",\"첫 줄\n둘째 줄\"\n박영희,부산,끝\n")
        #expect(result.header == ["이름", "주소", "메모"])
        #expect(result.values == [["김, 철수", "서울 \"중구\"", "첫 줄\n둘째 줄"], ["박영희", "부산", "끝"]])
        #expect(result.lines == [2, 4])
        #expect(result.issues.isEmpty)
        #expect(result.encoding == .utf8)
    }

    @Test("CRLF, LF and lone CR all end records; blank and trailing empty lines are not rows")
    func lineEndings() throws {
        let result = try readCSV("a,b\r\n1,2\r\n\r\n3,4\n5,6\r7,8\r\n\r\n")
        #expect(result.values == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect(result.lines == [2, 4, 5, 6])
    }

    @Test("A quoted line break with CRLF counts as one line")
    func quotedCRLF() throws {
        let result = try readCSV("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n")
        #expect(result.values == [["x\r\ny", "1"], ["z", "2"]])
        #expect(result.lines == [2, 4])
    }

    @Test("A UTF-8 byte order mark is dropped, so the first column's name is clean")
    func byteOrderMark() throws {
        let result = try readCSV([0xEF, 0xBB, 0xBF] + Array("행정동코드,인구\n11110515,100\n".utf8))
        #expect(result.header == ["행정동코드", "인구"])
        #expect(result.encoding == .utf8)
        let split = try readCSV([0xEF, 0xBB, 0xBF] + Array("a\n1\n".utf8), chunkSize: 1)
        #expect(split.header == ["a"])
    }

    @Test("CP949 is detected, and 서울 is BC AD BF EF in it")
    func cp949Detected() throws {
        #expect(try cp949("서울") == [0xBC, 0xAD, 0xBF, 0xEF])
        let bytes = try cp949("시도,인구\n서울,9386034\n부산,3293362\n")
        let result = try readCSV(bytes)
        #expect(result.encoding == .cp949)
        #expect(result.header == ["시도", "인구"])
        #expect(result.values == [["서울", "9386034"], ["부산", "3293362"]])
    }

    @Test("CP949 after a long ASCII start is still detected, from the first non-ASCII byte")
    func lateCP949() throws {
        let ascii = "code,name\n" + String(repeating: "1,abc\n", count: 20_000)
        let result = try readCSV(Array(ascii.utf8) + (try cp949("2,종로구\n")))
        #expect(result.encoding == .cp949)
        #expect(result.rows.last?.fields == ["2", "종로구"])
        #expect(result.rows.last?.line == 20_002)
    }

    @Test("The encoding can be forced; forcing UTF-8 on a CP949 file is an error naming the line")
    func forcedEncoding() throws {
        let bytes = Array("name,value\nabc,1\n".utf8) + (try cp949("서울,2\n"))
        let error = readError { _ = try readCSV(bytes, encoding: .utf8) }
        #expect(error?.code == .invalidEncoding)
        #expect(error?.line == 3)
        #expect(error?.message.en.contains("data.csv line 3") == true)
        #expect(error?.message.ko.contains("3번째 줄") == true)
        #expect(try readCSV(bytes, encoding: .cp949).values.last == ["서울", "2"])
    }

    @Test("A CP949 character split between chunks is carried over, for every chunk size")
    func chunkBoundary() throws {
        let bytes = try cp949("구분,이름\n1,가나다라마바사\n2,\"종로, 중구\"\n")
        for chunkSize in 1...9 {
            let result = try readCSV(bytes, chunkSize: chunkSize)
            #expect(result.encoding == .cp949, "chunk \(chunkSize)")
            #expect(result.values == [["1", "가나다라마바사"], ["2", "종로, 중구"]], "chunk \(chunkSize)")
        }
        let utf8 = try readCSV("구분,이름\n1,가나다\n", chunkSize: 2)
        #expect(utf8.values == [["1", "가나다"]])
    }

    @Test("An invalid CP949 sequence and a file cut inside a character are errors with the line")
    func invalidCP949() throws {
        let bad = (try cp949("이름,값\n가,1\n나,2\n")) + [0xFF, 0xFF] + Array(",3\n".utf8)
        let error = readError { _ = try readCSV(bad, encoding: .cp949) }
        #expect(error?.code == .invalidEncoding)
        #expect(error?.line == 4)
        #expect(error?.detail.en.contains("FF FF") == true)
        let truncated = Array((try cp949("이름,값\n가,1\n나,다")).dropLast())
        let cut = readError { _ = try readCSV(truncated, encoding: .cp949) }
        #expect(cut?.line == 3)
        #expect(cut?.detail.en.contains("ends in the middle") == true)
    }

    @Test("Ragged rows are reported with their lines and skipped, never padded")
    func raggedRows() throws {
        let result = try readCSV("a,b,c\n1,2,3\n4,5\n6,7,8,9\n\"x\ny\",1\n10,11,12\n")
        #expect(result.values == [["1", "2", "3"], ["10", "11", "12"]])
        #expect(result.issues.map(\.line) == [3, 4, 5])
        #expect(result.issues[0].reason.en == "has 2 fields, the header has 3")
        #expect(result.issues[1].reason.ko.contains("4개"))
        #expect(result.issues[0].description.hasPrefix("3번째 줄"))
    }

    @Test("An unterminated quote at the end is an issue at the line where the record started")
    func unterminatedQuote() throws {
        let result = try readCSV("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        #expect(result.values == [["1", "2"]])
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.line == 3)
        #expect(result.issues.first?.reason.en.contains("never closed") == true)
    }

    @Test("Text after a closing quote makes the record bad; a quote inside an unquoted field is text")
    func strayQuotes() throws {
        let result = try readCSV("a,b\n\"ab\"c,1\n12\",2\n")
        #expect(result.issues.map(\.line) == [2])
        #expect(result.values == [["12\"", "2"]])
    }

    @Test("Empty and repeated header names are made unique; an empty file has no header")
    func headerNames() throws {
        let result = try readCSV(" 이름 ,,이름,이름\n1,2,3,4\n")
        #expect(result.header == ["이름", "column_2", "이름 (2)", "이름 (3)"])
        #expect(readError { _ = try readCSV("\n\r\n") }?.code == .empty)
        #expect(readError { _ = try readCSV("\"a,b\n1,2\n") }?.line == 1)
    }

    @Test("TSV uses tabs and the same quoting")
    func tsv() throws {
        let result = try readCSV("이름\t값\n\"탭\t포함\"\t1\n쉼표,포함\t2\n", format: .tsv)
        #expect(result.values == [["탭\t포함", "1"], ["쉼표,포함", "2"]])
    }

    @Test("A runaway quote stops at the record limit with the record's line, instead of holding the file")
    func recordLimit() throws {
        let scratch = try Scratch()
        let url = try scratch.file("big.csv", text: "a,b\n1,2\n3,\"" + String(repeating: "x,y\n", count: 5_000))
        var options = ReaderOptions(format: .csv)
        options.limits.maxRecordBytes = 1024
        options.chunkSize = 256
        let error = readError { _ = try readAll(url, options) }
        #expect(error?.code == .recordTooLarge)
        #expect(error?.line == 3)
    }

    @Test("Formats are guessed from file names and encodings read from their common names")
    func names() {
        #expect(SourceFormat.guess(fileName: "인구.CSV") == .csv)
        #expect(SourceFormat.guess(fileName: "a.b.geojson") == .geojson)
        #expect(SourceFormat.guess(fileName: "x.xlsx") == .xlsx)
        #expect(SourceFormat.guess(fileName: "README") == nil)
        #expect(TextEncoding(name: "EUC-KR") == .cp949)
        #expect(TextEncoding(name: "utf-8") == .utf8)
        #expect(TextEncoding.detect([0xEF, 0xBB, 0xBF, 0xB0]) == .utf8)
        #expect(TextEncoding.detect([0x41, 0xEA, 0xB0]) == .utf8)
        #expect(TextEncoding.detect([0xBC, 0xAD, 0xBF, 0xEF]) == .cp949)
    }
}

@Suite("CSV streaming")
struct DelimitedStreamingTests {
    @Test("Memory holds one chunk and one record, however long the file")
    func flatBuffer() throws {
        let scratch = try Scratch()
        let url = scratch.folder.appendingPathComponent("people.csv")
        try LivingPopulationSample.writeCSV(to: url, rows: 3_000, dongCodes: ["11110515"], encoding: .cp949, seed: 3)
        var options = ReaderOptions(format: .csv)
        options.chunkSize = 4096
        let reader = try #require(try Readers.open(url, options: options) as? DelimitedReader)
        var largest = 0, rows = 0
        while try reader.next() != nil {
            largest = max(largest, reader.bufferedByteCount)
            rows += 1
        }
        let fileSize = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(rows == 3_000)
        #expect(fileSize > 600_000)
        #expect(largest < 3 * 4096)
    }

    @Test("A missing file is an error that names it")
    func missingFile() throws {
        let scratch = try Scratch()
        let error = readError { _ = try Readers.open(scratch.folder.appendingPathComponent("없음.csv"), options: ReaderOptions(format: .xlsx)) }
        #expect(error?.code == .unreadable)
        #expect(error?.message.ko == "없음.csv: 파일이 없습니다")
    }
}
