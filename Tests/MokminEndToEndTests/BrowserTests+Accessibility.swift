import Foundation
import MokminTestSupport
import Testing

/// axe-core, in headless Chromium, on every page a person reaches on the demo: signed out (home, sign-in, catalog,
/// regions, an error page), then as the demo admin (home, catalog, a dataset page and its edit form, the import upload
/// and review pages, regions, every admin page, the board and the wall, alerts, feeds, alert rules, analyses and a
/// finished run of each analysis). Each page must have no violation axe rates serious or critical. axe's script is the
/// one bundled in the pip package `axe-selenium-python` (never fetched, never committed); screenshots of the board,
/// the alerts and the feeds pages land in `.build/e2e-screenshots/`.
/// (A test of ``BrowserTests``, which runs its browser tests one after another.)
extension BrowserTests {
    static let accessibilityScript = #"""
        import json, os, sys, time, traceback
        import axe_selenium_python
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        base, password, folder, upload = sys.argv[1:5]
        AXE = open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js"), encoding="utf8").read()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1600", "--lang=ko-KR"]:
            options.add_argument(a)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        try:
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        except Exception:
            time.sleep(3)
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.set_script_timeout(60)
        out = {"pages": {}, "console": []}
        def wait(condition, seconds):
            end = time.time() + seconds
            while time.time() < end:
                try:
                    if driver.execute_script(condition):
                        return True
                except Exception:
                    pass
                time.sleep(0.25)
            return False
        RUN = ("var done = arguments[arguments.length - 1];"
               "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); },"
               " function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });")
        def audit(name, path=None, shot=False):
            if path is not None:
                driver.get(base + path)
            wait("return document.readyState === 'complete'", 20)
            if driver.find_elements(By.ID, "board"):
                wait("return document.querySelector('#connection').dataset.state === 'live'", 30)
                time.sleep(1.5)
            driver.execute_script(AXE)
            violations = driver.execute_async_script(RUN)
            out["pages"][name] = [
                {"id": v["id"], "impact": v.get("impact"), "help": v.get("help"),
                 "nodes": [{"target": n.get("target"), "html": n.get("html", "")[:160],
                            "summary": (n.get("failureSummary") or "")[:300]} for n in v.get("nodes", [])[:4]]}
                for v in violations if v.get("impact") in ("serious", "critical")]
            if shot:
                driver.save_screenshot(folder + "/a11y-" + name.strip("/").replace("/", "-") + ".png")
            # SEVERE console entries: script errors and Content-Security-Policy refusals (the error page's own 404 aside).
            out["console"] += [name + ": " + e["message"] for e in driver.get_log("browser")
                               if e["level"] == "SEVERE" and not (name.endswith("/no-such-page") and "404" in e["message"])]
        try:
            for path in ["/", "/login", "/datasets", "/regions", "/no-such-page", "/participate/proposals", "/participate",
                         "/participate/verify", "/participate/polls/1", "/participate/polls/2", "/participate/budget/1", "/participate/budget/2"]:
                audit("anonymous " + path, path)
            driver.get(base + "/login?lang=ko")
            driver.find_element(By.NAME, "login").send_keys("admin")
            driver.find_element(By.NAME, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            end = time.time() + 60
            while "/login" in driver.current_url and time.time() < end:
                time.sleep(0.25)
            for path in ["/", "/datasets", "/datasets/sejong-air-stations", "/datasets/sejong-air-stations/edit", "/regions",
                         "/admin/users", "/admin/tokens", "/admin/harvests", "/admin/audit", "/admin/settings", "/admin/alerts",
                         "/analyses", "/plan?period=2020Q2", "/plan/tasks/9?period=2020Q2", "/plan/readiness?period=2020Q2",
                         "/plan/practices", "/plan/import", "/plan/briefing?period=2020Q2", "/admin/proposals", "/admin/participation",
                         "/admin/participation/polls/1", "/admin/participation/rounds/1", "/admin/participation/rounds/2"]:
                audit(path, path)
            for path in ["/board", "/alerts", "/admin/feeds"]:
                audit(path, path, shot=True)
            driver.set_window_size(1920, 1080)
            audit("/board/wall", "/board/wall", shot=True)
            driver.set_window_size(1400, 1600)
            audit("/datasets/import", "/datasets/import")
            driver.find_element(By.NAME, "file").send_keys(upload)
            driver.find_element(By.CSS_SELECTOR, "form[enctype] button[type=submit]").click()
            wait("return !!document.querySelector('form[action$=\"/publish\"]')", 60)
            audit("import review")
            for kind in ["living-population", "ev", "shelter"]:
                button = "form[action='/analyses/%s'] button[type=submit]" % kind
                driver.get(base + "/analyses")
                wait("return !!document.querySelector(\"%s\")" % button, 60)
                driver.find_element(By.CSS_SELECTOR, button).click()
                wait("var c = document.querySelector('p.meta .chip'); return !!c && /run-(done|failed)/.test(c.className)", 180)
                out["run " + kind] = driver.execute_script("var c = document.querySelector('p.meta .chip'); return c ? c.className : ''")
                audit("run " + kind, shot=kind == "living-population")
        except Exception:
            out["exception"] = traceback.format_exc()[-1500:]
        finally:
            driver.quit()
        print(json.dumps(out, ensure_ascii=False))
        """#

    /// The pages the script audits; each must be reached (a missing one means the script stopped early).
    static let auditedPages = [
        "anonymous /", "anonymous /login", "anonymous /datasets", "anonymous /regions", "anonymous /no-such-page", "anonymous /participate/proposals",
        "anonymous /participate", "anonymous /participate/verify", "anonymous /participate/polls/1", "anonymous /participate/polls/2",
        "anonymous /participate/budget/1", "anonymous /participate/budget/2", "/", "/datasets",
        "/datasets/sejong-air-stations", "/datasets/sejong-air-stations/edit", "/regions", "/admin/users", "/admin/tokens", "/admin/harvests",
        "/admin/audit", "/admin/settings", "/admin/alerts", "/analyses", "/plan?period=2020Q2", "/plan/tasks/9?period=2020Q2",
        "/plan/readiness?period=2020Q2", "/plan/practices", "/plan/import", "/plan/briefing?period=2020Q2", "/admin/proposals", "/admin/participation",
        "/admin/participation/polls/1", "/admin/participation/rounds/1", "/admin/participation/rounds/2", "/board", "/alerts", "/admin/feeds", "/board/wall",
        "/datasets/import", "import review", "run living-population", "run ev", "run shelter",
    ]

    @Test(.enabled(if: BrowserTestTools.shouldRun(axe: true), "needs the mokmin binary, chromium, chromedriver, selenium and axe-selenium-python"))
    func everyPageHasNoSeriousOrCriticalAccessibilityViolation() async throws {
        let python = try BrowserTestTools.requirePython(axe: true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-a11y-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shots = Fixtures.packageRoot.appendingPathComponent(".build/e2e-screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let upload = folder.appendingPathComponent("수질측정.csv")
        try Data("측정소,수온,측정일\n연기,12.5,2026-11-01\n부강,13.1,2026-11-01\n".utf8).write(to: upload)

        let server = try ServerProcess(database: folder.appendingPathComponent("a11y.sqlite").path, demo: true)
        defer { server.terminate() }
        try await server.waitUntilHealthy(timeout: 180)
        let line = try #require(server.standardOutput.split(separator: "\n").first { $0.hasPrefix("demo admin: admin ") })
        let password = String(line.dropFirst("demo admin: admin ".count))
        let (status, output) = try await runProcess(python, ["-c", Self.accessibilityScript, server.base, password, shots.path, upload.path])
        #expect(status == 0, "the browser script failed: \(output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(result["exception"] == nil, "the browser script stopped: \(result["exception"] ?? "")")
        for kind in ["living-population", "ev", "shelter"] {
            #expect((result["run \(kind)"] as? String)?.contains("run-done") == true, "the \(kind) run did not finish, so its page was not audited")
        }
        let pages = result["pages"] as? [String: [[String: Any]]] ?? [:]
        for page in Self.auditedPages {
            let violations = try #require(pages[page], "\(page) was not audited")
            #expect(violations.isEmpty, "\(page): \(violations)")
        }
        #expect((result["console"] as? [Any])?.isEmpty == true, "browser errors (a CSP refusal shows here): \(result["console"] ?? "")")
        server.terminate()
        #expect(try await server.waitForExit() == 0)
    }
}
