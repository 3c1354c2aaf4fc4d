import Foundation
import MokminTestSupport
import Testing

/// A resident on a 360-px phone, in Chromium against the real demo server: verifies with one of the demo's printed
/// codes, votes in the open live poll, ranks projects of the budget round in voting, and reads the finished round's
/// results with their explanation. No page scrolls sideways (nothing needs zooming). Screenshots are kept in
/// `.build/e2e-screenshots/`.
extension BrowserTests {
    static let participationScript = #"""
        import json, sys, time, traceback
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
        base, code, folder = sys.argv[1:4]
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=ko-KR", "--hide-scrollbars"]:
            options.add_argument(a)
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 780, "pixelRatio": 2.0},
            "userAgent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36"})
        try:
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        except Exception:
            time.sleep(3)
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        out = {"wide": {}}
        def look(name):
            out[name + "_text"] = driver.execute_script("return document.body.innerText")
            out["wide"][name] = driver.execute_script("return document.documentElement.scrollWidth")
            driver.save_screenshot(folder + "/" + name + ".png")
        def link(text):
            for a in driver.find_elements(By.TAG_NAME, "a"):
                if text in a.text:
                    return a.get_attribute("href")
            raise Exception("no link with " + text)
        try:
            driver.get(base + "/participate?lang=ko")
            look("phone_home")
            driver.get(base + "/participate/verify?lang=ko")
            driver.find_element(By.ID, "code").send_keys(code)
            driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
            time.sleep(0.5)
            look("phone_verified")
            driver.get(link("반려견 놀이터"))
            driver.find_elements(By.CSS_SELECTOR, "input[name=option]")[0].click()
            look("phone_poll_ballot")
            driver.find_element(By.CSS_SELECTOR, "form.ballot button[type=submit]").click()
            time.sleep(0.5)
            look("phone_poll_voted")
            driver.get(base + "/participate?lang=ko")
            driver.get(link("2027 세종 열린 시민참여예산"))
            selects = driver.find_elements(By.CSS_SELECTOR, "form.ballot select")
            out["rank_selects"] = len(selects)
            # Rank two projects in the resident's district and one city-wide: 1, 2 and 1.
            seen = {}
            for s in selects:
                section = s.find_element(By.XPATH, "ancestor::section").get_attribute("id")
                n = seen.get(section, 0)
                if n < 2:
                    Select(s).select_by_value(str(n + 1))
                    seen[section] = n + 1
            look("phone_round_ranked")
            driver.find_element(By.CSS_SELECTOR, "form.ballot button[type=submit]").click()
            time.sleep(0.5)
            look("phone_round_voted")
            driver.get(base + "/participate?lang=ko")
            driver.get(link("2026 세종 열린 시민참여예산"))
            look("phone_round_results")
            out["explanations"] = len(driver.find_elements(By.CSS_SELECTOR, "ol.fates li"))
        except Exception:
            out["exception"] = traceback.format_exc()[-1500:]
        finally:
            driver.quit()
        print(json.dumps(out, ensure_ascii=False))
        """#

    @Test(.enabled(if: BrowserTestTools.shouldRun(), "needs the mokmin binary, chromium, chromedriver and selenium"))
    func aResidentOnAPhoneVerifiesVotesRanksAndReadsTheResults() async throws {
        let python = try BrowserTestTools.requirePython()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-phone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shots = Fixtures.packageRoot.appendingPathComponent(".build/e2e-screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)

        let server = try ServerProcess(database: folder.appendingPathComponent("city.sqlite").path, demo: true)
        defer { server.terminate() }
        try await server.waitUntilHealthy(timeout: 180)
        let line = try #require(server.standardOutput.split(separator: "\n").first { $0.hasPrefix("demo resident codes: ") })
        let code = try #require(line.dropFirst("demo resident codes: ".count).split(separator: " ").first.map(String.init))

        let (status, output) = try await runProcess(python, ["-c", Self.participationScript, server.base, code, shots.path])
        #expect(status == 0, "the browser script failed: \(output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect(result["exception"] == nil, "the browser script stopped: \(result["exception"] ?? "")")
        let words = [
            "phone_home": ["주민참여", "진행 중인 정책 투표", "주민참여예산"],
            "phone_verified": ["인증된 주민"],
            "phone_poll_ballot": ["반려견 놀이터", "투표하기"],
            "phone_poll_voted": ["투표하셨습니다", "결과"],
            "phone_round_ranked": ["순위", "동 지역", "시 전체"],
            "phone_round_voted": ["투표하셨습니다"],
            "phone_round_results": ["선정 사업", "균등 분배", "남은 예산"],
        ]
        for (page, expected) in words {
            let text = result["\(page)_text"] as? String ?? ""
            for word in expected { #expect(text.contains(word), "\(page) shows no \(word)") }
            let size = (try? FileManager.default.attributesOfItem(atPath: shots.appendingPathComponent("\(page).png").path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(page).png is missing or blank (\(size) bytes)")
        }
        // Readable without zooming: no page is wider than the phone.
        for (page, width) in result["wide"] as? [String: Int] ?? [:] { #expect(width <= 360, "\(page) scrolls sideways: \(width) px") }
        #expect(result["rank_selects"] as? Int ?? 0 >= 4, "the round offers rankings")
        #expect(result["explanations"] as? Int ?? 0 >= 8, "the finished round explains each project")
    }
}
