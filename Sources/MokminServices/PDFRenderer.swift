import Foundation
import MokminBase

/// Prints self-contained HTML to PDF with headless Chromium, where it is installed (Debian: `apt-get install chromium
/// fonts-noto-cjk`). The page is written to a private temporary folder with its own browser profile, printed with
/// `--print-to-pdf` (A4 and page breaks come from the page's print CSS, no header or footer is added), and the folder
/// is removed afterwards. The browser gets no network: every `http(s)` request goes to a proxy that does not exist,
/// so a page can load only the files written beside it. A print that takes longer than ``timeout`` is stopped (see
/// `PDFRenderer+Run.swift`), and only a few run at once (``PrintGate``). Without Chromium the answer is a clear
/// 503-kind error, never a blank file.
public struct PDFRenderer: Sendable {
    /// The Chromium executable, or nil when none was found.
    public let executable: String?
    /// Seconds a print may take.
    public var timeout: Double = 60

    /// Where Chromium is looked for, after `MOKMIN_CHROMIUM`.
    public static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"]

    /// Shared by the copies of this renderer: at most so many prints at once (see ``PrintGate``).
    let gate: PrintGate

    /// Finds Chromium (`MOKMIN_CHROMIUM`, then the usual paths) unless `executable` names it; `concurrentPrints` prints
    /// run at once, the next ones wait their turn.
    public init(executable: String? = nil, concurrentPrints: Int = 2) {
        gate = PrintGate(limit: concurrentPrints)
        if let executable {
            self.executable = FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
        } else {
            let configured = ProcessInfo.processInfo.environment["MOKMIN_CHROMIUM"].map { [$0] } ?? []
            self.executable = (configured + Self.candidates).first { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }

    public var isAvailable: Bool { executable != nil }

    static let missing = MokminError(
        .unavailable, ko: "PDF를 만들려면 이 서버에 Chromium이 필요합니다 (apt-get install chromium fonts-noto-cjk). HTML 자료는 인쇄할 수 있습니다.",
        en: "Making a PDF needs Chromium on this server (apt-get install chromium fonts-noto-cjk). The HTML briefing can be printed.")

    /// The PDF of `html`; `files` (a stylesheet the page links by its relative name, …) are written beside it.
    public func pdf(html: String, files: [String: Data] = [:]) async throws -> Data {
        guard let executable else { throw Self.missing }
        try await gate.enter()
        defer { gate.leave() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let output = folder.appendingPathComponent("page.pdf")
        try Data(html.utf8).write(to: page)
        for (name, data) in files where !name.contains("/") && !name.hasPrefix(".") {
            try data.write(to: folder.appendingPathComponent(name))
        }
        let errors = folder.appendingPathComponent("stderr.txt")
        let status = try await run(
            executable, arguments: Self.arguments(page: page, output: output, profile: folder.appendingPathComponent("profile")), errors: errors)
        let data = try? Data(contentsOf: output)
        if status == 0, let data, data.starts(with: Array("%PDF-".utf8)) { return data }
        let said = Self.errorTail(of: errors).map { ": " + $0 } ?? ""
        let (koMade, enMade) = status != 0 ? ("", "") : data == nil ? (", 파일 없음", ", no file") : (", PDF가 아닌 파일", ", not a PDF")
        throw MokminError(
            .unavailable, ko: "Chromium이 PDF를 만들지 못했습니다 (종료 코드 \(status)\(koMade))\(said)",
            en: "Chromium made no PDF (exit status \(status)\(enMade))\(said)")
    }

    /// Chromium's command line. `--headless` is the new headless mode from Chromium 132 on (the old one is gone);
    /// `--no-pdf-header-footer` is the name since Chromium 111 and `--print-to-pdf-no-header` the one before (each
    /// version ignores the other's). The proxy that does not exist, with loopback no longer bypassing it, leaves the
    /// page no network; `file:` URLs are not proxied.
    static func arguments(page: URL, output: URL, profile: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-sync", "--mute-audio",
            "--proxy-server=127.0.0.1:0", "--proxy-bypass-list=<-loopback>",
            "--no-pdf-header-footer", "--print-to-pdf-no-header",
            "--user-data-dir=\(profile.path)", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
    }

    /// The last lines Chromium wrote to stderr, without the D-Bus complaints every headless run makes, at most 600
    /// characters; nil when it wrote nothing else.
    static func errorTail(of errors: URL) -> String? {
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).filter { line in
            !line.contains("dbus") && !line.hasPrefix("Unknown address type") && !line.contains("bytes written to file")
        }
        let tail = lines.suffix(6).joined(separator: "\n")
        return tail.isEmpty ? nil : String(tail.suffix(600))
    }
}
