import Foundation
import MokminTestSupport
import Testing

/// The demo's innovation plan in Chromium: an official of the planning office (the demo admin) opens the plan overview,
/// the 두루타 task with its charts, the readiness view and the briefing, sees Korean text and SVG charts, and the
/// briefing PDF comes back with pages, from the page's link and from `mokmin plan briefing`. Screenshots are kept in
/// `.build/e2e-screenshots/`.
extension BrowserTests {
    static let planScript = #"""
        import json, sys, time, traceback
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        base, password, folder = sys.argv[1:4]
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,2200", "--lang=ko-KR"]:
            options.add_argument(a)
        try:
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        except Exception:
            time.sleep(3)
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        out = {}
        def look(name):
            out[name + "_text"] = driver.execute_script("return document.body.innerText")
            out[name + "_svgs"] = len(driver.find_elements(By.CSS_SELECTOR, "svg"))
            out[name + "_errors"] = driver.execute_script("return window.__mokminErrors || []")
            driver.save_screenshot(folder + "/" + name + ".png")
        try:
            driver.get(base + "/login?lang=ko")
            driver.find_element(By.NAME, "login").send_keys("admin")
            driver.find_element(By.NAME, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            end = time.time() + 60
            while "/login" in driver.current_url and time.time() < end:
                time.sleep(0.25)
            driver.get(base + "/plan?period=2020Q2")
            look("plan_overview")
            driver.find_element(By.LINK_TEXT, "수요응답형 버스 두루타").click()
            look("plan_task")
            out["task_charts"] = len(driver.find_elements(By.CSS_SELECTOR, "svg.category-chart"))
            out["task_timeline"] = len(driver.find_elements(By.CSS_SELECTOR, "svg.timeline"))
            driver.get(base + "/plan/readiness?period=2020Q2")
            look("plan_readiness")
            driver.get(base + "/plan/briefing?period=2020Q2")
            look("plan_briefing")
            pdf = driver.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "fetch('/plan/briefing.pdf?period=2020Q2', {credentials: 'same-origin'}).then(function (r) {"
                "  return r.arrayBuffer().then(function (b) { var s = new TextDecoder('latin1').decode(new Uint8Array(b));"
                "    done({status: r.status, size: b.byteLength, head: s.slice(0, 5), pages: (s.match(/\\/Type\\s*\\/Page[^s]/g) || []).length}); }); },"
                "  function (e) { done({error: String(e)}); });")
            out["pdf"] = pdf
        except Exception:
            out["exception"] = traceback.format_exc()[-1500:]
        finally:
            driver.quit()
        print(json.dumps(out, ensure_ascii=False))
        """#

    @Test(.enabled(if: BrowserTestTools.shouldRun(), "needs the mokmin binary, chromium, chromedriver and selenium"))
    func theDemoPlanItsTaskReadinessAndBriefingShowInChromium() async throws {
        let python = try BrowserTestTools.requirePython()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("plan.sqlite").path
        let shots = Fixtures.packageRoot.appendingPathComponent(".build/e2e-screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)

        let server = try ServerProcess(database: db, demo: true)
        defer { server.terminate() }
        try await server.waitUntilHealthy(timeout: 180)
        let line = try #require(server.standardOutput.split(separator: "\n").first { $0.hasPrefix("demo admin: admin ") })
        let password = String(line.dropFirst("demo admin: admin ".count))

        let (status, output) = try await runProcess(python, ["-c", Self.planScript, server.base, password, shots.path])
        #expect(status == 0, "the browser script failed: \(output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(result["exception"] == nil, "the browser script stopped: \(result["exception"] ?? "")")
        let words = [
            "plan_overview": ["정부혁신 실행계획", "데모", "주의가 필요한 과제", "수요응답형 버스 두루타"],
            "plan_task": ["월 이용객", "sejong-duruta-ridership", "마일스톤", "실적 보고"],
            "plan_readiness": ["정부혁신 평가 대비", "국민참여 정책 결정", "예상 점수"],
            "plan_briefing": ["혁신실적 점검회의 자료", "주요 추진 실적", "지연·위험 과제와 대응", "우수사례"],
        ]
        for (page, expected) in words {
            let text = result["\(page)_text"] as? String ?? ""
            for word in expected { #expect(text.contains(word), "\(page) shows no \(word)") }
            #expect((result["\(page)_errors"] as? [Any])?.isEmpty == true, "\(page): script errors")
            let size = (try? FileManager.default.attributesOfItem(atPath: shots.appendingPathComponent("\(page).png").path)[.size] as? Int) ?? 0
            #expect(size > 20_000, "\(page).png is missing or blank (\(size) bytes)")
        }
        #expect(result["task_charts"] as? Int ?? 0 >= 2 && result["task_timeline"] as? Int == 1, "the task shows its indicator charts and timeline")
        let pdf = try #require(result["pdf"] as? [String: Any], "no PDF answer")
        #expect(pdf["status"] as? Int == 200 && pdf["head"] as? String == "%PDF-", "the briefing PDF: \(pdf)")
        #expect(pdf["pages"] as? Int ?? 0 >= 3, "the briefing PDF has its pages: \(pdf)")

        let out = folder.appendingPathComponent("briefing.pdf")
        let cli = try await runMokmin(["plan", "briefing", "--period", "2020Q2", "--out", out.path, "--db", db])
        #expect(cli.status == 0, "mokmin plan briefing: \(cli.output)")
        let data = try Data(contentsOf: out)
        #expect(data.starts(with: Array("%PDF-".utf8)) && data.count > 20_000)
        try? data.write(to: shots.appendingPathComponent("plan_briefing.pdf"))
    }
}
