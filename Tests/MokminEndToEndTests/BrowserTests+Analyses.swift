import Foundation
import MokminTestSupport
import Testing

/// The three analyses run on the demo city from their pages in headless Chromium: an analyst signs in, submits each
/// form with the demo's synthetic inputs, waits for the run to finish, and the page shows a map and a table without
/// script errors (screenshots in `.build/e2e-screenshots/`). Skipped with a message where Chromium or Selenium is
/// missing, except under CI, where that is a failure.
/// (A test of ``BrowserTests``, which runs its browser tests one after another.)
extension BrowserTests {
    static let analysisScript = #"""
        import json, sys, time
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        base, password, folder = sys.argv[1:4]
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,2000"]:
            options.add_argument(a)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        import traceback
        try:
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        except Exception:
            time.sleep(3)
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        out = {}
        try:
            driver.get(base + "/login?lang=ko")
            driver.find_element(By.NAME, "login").send_keys("admin")
            driver.find_element(By.NAME, "password").send_keys(password)
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            # Signing in hashes the password (bcrypt): wait until the browser has left the sign-in page.
            end = time.time() + 60
            while "/login" in driver.current_url and time.time() < end:
                time.sleep(0.25)
            for name, action in [("living-population", "/analyses/living-population"), ("ev", "/analyses/ev"), ("shelter", "/analyses/shelter")]:
                driver.get(base + "/analyses")
                end = time.time() + 60
                while not driver.find_elements(By.CSS_SELECTOR, "form[action='%s'] button[type=submit]" % action) and time.time() < end:
                    time.sleep(0.25)
                    driver.get(base + "/analyses")
                driver.find_element(By.CSS_SELECTOR, "form[action='%s'] button[type=submit]" % action).click()
                started = time.time()
                status = ""
                while time.time() - started < 120:
                    # One script call, so that a refresh in between cannot leave a stale element in hand.
                    try:
                        status = driver.execute_script("var c = document.querySelector('p.meta .chip'); return c ? c.className : ''") or ""
                    except Exception:
                        status = ""
                    if "run-done" in status or "run-failed" in status:
                        break
                    time.sleep(0.5)
                out[name + "_status"] = status
                out[name + "_seconds"] = round(time.time() - started, 1)
                out[name + "_maps"] = len(driver.find_elements(By.CSS_SELECTOR, "svg.mokmin-map"))
                out[name + "_rows"] = len(driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr"))
                out[name + "_text"] = driver.execute_script("return document.body.innerText")[:4000]
                if name == "living-population":
                    slider = driver.find_element(By.ID, "hour-slider")
                    driver.execute_script("arguments[0].value = 3; arguments[0].dispatchEvent(new Event('input'))", slider)
                    time.sleep(1.5)
                    out["slider_map"] = "03:00" in driver.find_element(By.ID, "lp-map").get_attribute("innerHTML")
                driver.save_screenshot(folder + "/analysis-" + name + ".png")
            out["errors"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        except Exception:
            out["exception"] = traceback.format_exc()[-1500:]
        finally:
            driver.quit()
        print(json.dumps(out, ensure_ascii=False))
        """#

    @Test(.enabled(if: BrowserTestTools.shouldRun(), "needs the mokmin binary, chromium, chromedriver and selenium"))
    func theThreeAnalysesRunOnTheDemoCityInChromium() async throws {
        let python = try BrowserTestTools.requirePython()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-analyses-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shots = Fixtures.packageRoot.appendingPathComponent(".build/e2e-screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let server = try ServerProcess(database: folder.appendingPathComponent("a.sqlite").path, demo: true)
        defer { server.terminate() }
        try await server.waitUntilHealthy(timeout: 180)
        let line = try #require(server.standardOutput.split(separator: "\n").first { $0.hasPrefix("demo admin: admin ") })
        let password = String(line.dropFirst("demo admin: admin ".count))
        let (status, output) = try await runProcess(python, ["-c", Self.analysisScript, server.base, password, shots.path])
        #expect(status == 0, "the browser script failed: \(output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(result["exception"] == nil, "the browser script stopped: \(result["exception"] ?? "")")
        for (name, word) in [("living-population", "생활인구"), ("ev", "설치 후 충족"), ("shelter", "대피소 미도달")] {
            #expect((result["\(name)_status"] as? String)?.contains("run-done") == true, "\(name) did not finish: \(result["\(name)_text"] ?? "")")
            #expect(result["\(name)_maps"] as? Int == 1, "\(name) shows no map")
            #expect((result["\(name)_rows"] as? Int ?? 0) >= 10, "\(name) shows no table")
            let text = result["\(name)_text"] as? String ?? ""
            #expect(text.contains(word) && text.contains("합성 데이터"), "\(name) lacks \(word) or the synthetic label")
            print("\(name): finished in \(result["\(name)_seconds"] ?? "?") s from the button")
        }
        #expect(result["slider_map"] as? Bool == true, "the hour slider did not redraw the map")
        #expect((result["errors"] as? [Any])?.isEmpty == true, "browser errors: \(result["errors"] ?? "")")
        server.terminate()
        #expect(try await server.waitForExit() == 0)
    }
}
