import Foundation
import MokminBase
import MokminServices
import MokminTestSupport
import Testing

/// PDF through headless Chromium: a Korean A4 page with page breaks prints as a PDF of three pages; a page that never
/// finishes is stopped at the timeout, a cancelled print stops, and the page gets no network. Without Chromium the
/// answer is the bilingual "install Chromium" error, and a Chromium that fails is quoted. On a person's machine without
/// Chromium the print tests are skipped; under CI (`CI=true`) a missing Chromium fails them.
@Suite(.serialized) struct PDFRendererTests {
    static let runs = PDFRenderer().isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"
    static let needsChromium = "needs chromium (apt-get install chromium fonts-noto-cjk)"

    /// A renderer that must have found Chromium.
    static func chromium() throws -> PDFRenderer {
        let renderer = PDFRenderer()
        try #require(renderer.isAvailable, "chromium is missing: .ci/run installs it (apt-get install chromium fonts-noto-cjk)")
        return renderer
    }

    /// The pages of a PDF: `/Type /Page` objects, not the `/Type /Pages` tree.
    static func pageCount(_ data: Data) throws -> Int {
        let text = String(decoding: data, as: UTF8.self)
        return try NSRegularExpression(pattern: #"/Type\s*/Page(?!s)"#).numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    @Test(.enabled(if: runs, Comment(rawValue: needsChromium)))
    func aKoreanPageWithTwoBreaksPrintsAsThreePages() async throws {
        let html = """
            <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="stylesheet" href="page.css"></head>
            <body><h1>혁신실적 점검회의</h1><p>세종특별자치시 2026년 2분기</p>
            <h2 class="next">지연 과제</h2><p>스마트 버스정류장 확대 — 예산 집행 지연</p>
            <h2 class="next">우수사례</h2><p>공공와이파이 구축</p></body></html>
            """
        let css = "@page { size: A4; margin: 15mm } body { font-family: 'Noto Sans CJK KR', sans-serif } .next { break-before: page }"
        let data = try await Self.chromium().pdf(html: html, files: ["page.css": Data(css.utf8)])
        #expect(data.starts(with: Array("%PDF-".utf8)))
        #expect(try Self.pageCount(data) == 3)
        // A4 is 595 × 842 points.
        #expect(String(decoding: data, as: UTF8.self).contains("/MediaBox [0 0 594.95996 841.91998]"))
    }

    @Test(.enabled(if: runs, Comment(rawValue: needsChromium)))
    func aPageThatNeverFinishesIsStoppedAtTheTimeout() async throws {
        var renderer = try Self.chromium()
        renderer.timeout = 3
        let started = ContinuousClock.now
        do {
            _ = try await renderer.pdf(html: "<!DOCTYPE html><p>끝나지 않는 쪽</p><script>while (true) {}</script>")
            Issue.record("a PDF of a page that never finishes loading")
        } catch let error as MokminError {
            #expect(error.kind == .unavailable)
            #expect(error.message.en.contains("within 3 s and was stopped"))
            #expect(error.message.ko.contains("3초 안에"))
        }
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test(.enabled(if: runs, Comment(rawValue: needsChromium)))
    func aCancelledPrintStops() async throws {
        let renderer = try Self.chromium()
        let started = ContinuousClock.now
        let print = Task { try await renderer.pdf(html: "<!DOCTYPE html><p>취소</p><script>while (true) {}</script>") }
        try await Task.sleep(for: .seconds(1))
        print.cancel()
        await #expect(throws: CancellationError.self) { try await print.value }
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test(.enabled(if: runs, Comment(rawValue: needsChromium)))
    func thePageGetsNoNetwork() async throws {
        let renderer = try Self.chromium()
        let server = RecordedResponseServer()
        server.set("/probe.css", .init(contentType: "text/css", body: "p { color: red }"))
        let data = try await server.withRunning { base in
            try await renderer.pdf(
                html: """
                    <!DOCTYPE html><html><head><link rel="stylesheet" href="\(base)/probe.css"></head>
                    <body><p>네트워크 없음</p><img src="\(base)/probe.png"><img src="\(base.replacingOccurrences(of: "127.0.0.1", with: "localhost"))/probe.png"></body></html>
                    """)
        }
        #expect(data.starts(with: Array("%PDF-".utf8)))
        #expect(server.requests == [])
    }

    @Test func withoutChromiumTheAnswerSaysWhatToInstall() async throws {
        let renderer = PDFRenderer(executable: "/nonexistent/chromium")
        #expect(!renderer.isAvailable)
        do {
            _ = try await renderer.pdf(html: "<p>x</p>")
            Issue.record("a PDF without chromium")
        } catch let error as MokminError {
            #expect(error.kind == .unavailable)
            #expect(error.message.ko.contains("Chromium이 필요합니다") && error.message.ko.contains("apt-get install chromium fonts-noto-cjk"))
            #expect(error.message.en.contains("needs Chromium") && error.message.en.contains("apt-get install chromium fonts-noto-cjk"))
        }
    }

    /// A folder for fake Chromium scripts, removed when the value goes away.
    final class FakeChromium {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-fake-chromium-\(UUID().uuidString)")

        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }

        /// A renderer whose "Chromium" is this shell script.
        func renderer(_ name: String, _ script: String, concurrentPrints: Int = 2) throws -> PDFRenderer {
            let url = folder.appendingPathComponent(name)
            try Data(("#!/bin/sh\n" + script + "\n").utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            return PDFRenderer(executable: url.path, concurrentPrints: concurrentPrints)
        }
    }

    @Test func aChromiumThatFailsIsQuoted() async throws {
        let fake = try FakeChromium()
        let failing = try fake.renderer(
            "failing", "echo '[1:1:ERROR:dbus/bus.cc] noise' >&2; echo 'cannot open display: font config missing' >&2; exit 3")
        let silent = try fake.renderer("silent", "exit 0")
        await #expect {
            try await failing.pdf(html: "<p>x</p>")
        } throws: { error in
            guard let error = error as? MokminError else { return false }
            return error.kind == .unavailable && error.message.en == "Chromium made no PDF (exit status 3): cannot open display: font config missing"
                && error.message.ko == "Chromium이 PDF를 만들지 못했습니다 (종료 코드 3): cannot open display: font config missing"
        }
        await #expect {
            try await silent.pdf(html: "<p>x</p>")
        } throws: { error in
            (error as? MokminError)?.message.en == "Chromium made no PDF (exit status 0, no file)"
        }
    }

    @Test func atMostTwoPrintsRunAtOnce() async throws {
        let fake = try FakeChromium()
        let log = fake.folder.appendingPathComponent("log").path
        // Each print notes its start and end (appends of a few bytes do not interleave) and makes a one-line "PDF".
        let renderer = try fake.renderer(
            "slow",
            """
            echo start >> '\(log)'; sleep 0.5; echo end >> '\(log)'
            for a in "$@"; do case "$a" in --print-to-pdf=*) echo '%PDF-1.4' > "${a#--print-to-pdf=}";; esac; done
            """)
        let pdfs = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<5 { group.addTask { try await renderer.pdf(html: "<p>x</p>") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(pdfs.count == 5 && pdfs.allSatisfy { $0.starts(with: Array("%PDF-".utf8)) })
        var running = 0, most = 0
        for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
            running += line == "start" ? 1 : -1
            most = max(most, running)
        }
        #expect(most == 2)
    }

    @Test func aPrintWaitingItsTurnCanBeCancelled() async throws {
        let fake = try FakeChromium()
        // The first print takes 10 s: a cancelled second print that waited for it is told apart from one that did not
        // by seconds, not by milliseconds, even when a loaded machine is slow to run the cancellation.
        let renderer = try fake.renderer("slow", "sleep 10; exit 1", concurrentPrints: 1)
        let first = Task { try await renderer.pdf(html: "<p>first</p>") }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        let second = Task { try await renderer.pdf(html: "<p>second</p>") }
        try await Task.sleep(for: .milliseconds(200))
        second.cancel()
        await #expect(throws: CancellationError.self) { try await second.value }
        #expect(ContinuousClock.now - started < .seconds(6), "the cancelled print did not wait for the first")
        _ = try? await first.value
    }
}
