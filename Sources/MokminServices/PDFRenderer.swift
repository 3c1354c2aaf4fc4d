import Foundation
import MokminBase

/// Prints self-contained HTML to PDF with headless Chromium, where it is installed (Debian: `apt-get install chromium
/// fonts-noto-cjk`). The page is written to a private temporary folder with its own browser profile, printed with
/// `--print-to-pdf` (A4 and page breaks come from the page's print CSS), and the folder is removed afterwards. A run that
/// takes longer than ``timeout`` is stopped. Without Chromium the answer is a clear 503-kind error, never a blank file.
public struct PDFRenderer: Sendable {
    /// The Chromium executable, or nil when none was found.
    public let executable: String?
    /// Seconds a print may take.
    public var timeout: Double = 60

    /// Where Chromium is looked for, after `MOKMIN_CHROMIUM`.
    public static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"]

    /// Finds Chromium (`MOKMIN_CHROMIUM`, then the usual paths) unless `executable` names it.
    public init(executable: String? = nil) {
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let output = folder.appendingPathComponent("page.pdf")
        try Data(html.utf8).write(to: page)
        for (name, data) in files where !name.contains("/") && !name.hasPrefix(".") {
            try data.write(to: folder.appendingPathComponent(name))
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run", "--no-pdf-header-footer",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        let errors = folder.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: MokminError(.unavailable, ko: "Chromium을 실행하지 못했습니다: \(error)", en: "Chromium did not start: \(error)"))
                return
            }
            let timeout = self.timeout
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        guard status == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF-".utf8)) else {
            let tail = (try? String(contentsOf: errors, encoding: .utf8)).map { String($0.suffix(400)) } ?? ""
            throw MokminError(
                .unavailable, ko: "Chromium이 PDF를 만들지 못했습니다 (종료 코드 \(status)): \(tail)", en: "Chromium made no PDF (exit status \(status)): \(tail)")
        }
        return data
    }
}
