import Foundation
import Testing

/// What the browser tests need: the `mokmin` binary `swift build` made, Debian's chromium and chromium-driver, and
/// Python with selenium (and axe-selenium-python, whose bundled axe-core the accessibility test injects).
///
/// A browser test is `.enabled(if: BrowserTestTools.shouldRun(…))`: on a person's machine without these tools it shows
/// as skipped, with the reason; under CI (`CI=true`), where `.ci/run` installs them, it runs and a missing tool fails it.
enum BrowserTestTools {
    static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static var browserInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    }

    /// The Python interpreter with selenium (and axe-selenium-python when `axe`), nil when it is missing.
    static func python(axe: Bool = false) -> URL? {
        guard let python = which("python3") else { return nil }
        let imports = axe ? "import selenium, axe_selenium_python" : "import selenium"
        return (try? runProcessBlocking(python, ["-c", imports]).status) == 0 ? python : nil
    }

    /// Whether a browser test runs here: always under CI, elsewhere only when every tool it needs is present.
    static func shouldRun(axe: Bool = false) -> Bool {
        underCI || (ServerProcess.binaryExists && browserInstalled && python(axe: axe) != nil)
    }

    /// The Python to drive the browser with; fails the test (naming what is missing) when a tool is absent.
    static func requirePython(axe: Bool = false) throws -> URL {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        try #require(browserInstalled, "chromium or chromium-driver is missing: .ci/run installs them")
        return try #require(python(axe: axe), "Python's selenium\(axe ? " or axe-selenium-python" : "") is missing: .ci/run installs them")
    }
}
