import Foundation
import MokminBase
import MokminServices
import Testing

/// PDF through headless Chromium: a Korean A4 page with a page break prints as a PDF of two pages; without Chromium the
/// answer is the bilingual "install Chromium" error. On a person's machine without Chromium the print test is skipped;
/// under CI (`CI=true`) a missing Chromium fails it.
@Suite struct PDFRendererTests {
    static let runs = PDFRenderer().isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: runs, "needs chromium (apt-get install chromium fonts-noto-cjk)"))
    func aKoreanPageWithABreakPrintsAsTwoPages() async throws {
        let renderer = PDFRenderer()
        try #require(renderer.isAvailable, "chromium is missing: .ci/run installs it")
        let html = """
            <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="stylesheet" href="page.css"></head>
            <body><h1>혁신실적 점검회의</h1><p>세종특별자치시</p><h2 class="next">둘째 쪽</h2></body></html>
            """
        let data = try await renderer.pdf(html: html, files: ["page.css": Data("@page { size: A4 } .next { break-before: page }".utf8)])
        #expect(data.starts(with: Array("%PDF-".utf8)))
        let text = String(decoding: data, as: UTF8.self)
        let pages = try NSRegularExpression(pattern: #"/Type\s*/Page[^s]"#).numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(pages == 2)
    }

    @Test func withoutChromiumTheAnswerSaysWhatToInstall() async throws {
        let renderer = PDFRenderer(executable: "/nonexistent/chromium")
        #expect(!renderer.isAvailable)
        do {
            _ = try await renderer.pdf(html: "<p>x</p>")
            Issue.record("a PDF without chromium")
        } catch let error as MokminError {
            #expect(error.kind == .unavailable)
            #expect(error.message.ko.contains("Chromium") && error.message.en.contains("apt-get install chromium"))
        }
    }
}
