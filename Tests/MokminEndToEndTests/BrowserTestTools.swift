import Foundation
import Testing

/// The Python interpreter that drives a browser test, or nil when something it needs is missing (the release binary,
/// chromium, chromium-driver or Python's selenium): the test is skipped on a person's machine and saying so, and
/// fails under CI (`CI=true`), where `.ci/run` must have installed them.
func browserTestPython(_ test: String) -> URL? {
    let underCI = ProcessInfo.processInfo.environment["CI"] == "true"
    guard ServerProcess.binaryExists else {
        if underCI { Issue.record("the mokmin binary is missing") }
        print("SKIPPED: mokmin binary not built — \(test) did not run")
        return nil
    }
    let browser =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    guard let python = which("python3"), browser, (try? runProcess(python, ["-c", "import selenium"]).status) == 0 else {
        if underCI { Issue.record("chromium, chromium-driver or Python's selenium is missing: .ci/run must install them") }
        print("SKIPPED: chromium, chromium-driver or Python's selenium is not installed — \(test) did not run")
        return nil
    }
    return python
}
