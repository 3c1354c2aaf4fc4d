import Foundation
import MokminTestSupport
import Testing

/// The unmodified `ckanapi` Python client (PyPI) lists, searches, shows and pages through datastore rows on a live
/// server. Skipped with a message where Python's ckanapi is missing, except under CI, where that is a failure.
@Suite(.serialized) struct CKANClientTests {
    static let script = #"""
        import json, sys, ckanapi
        url, token = sys.argv[1], sys.argv[2]
        anon = ckanapi.RemoteCKAN(url)
        out = {}
        out["list"] = anon.action.package_list()
        search = anon.action.package_search(q="대기", fq="organization:환경정책과", rows=10, **{"facet.field": ["tags"]})
        out["search_count"] = search["count"]
        out["search_names"] = [p["name"] for p in search["results"]]
        out["facet_tags"] = search["search_facets"]["tags"]["items"]
        show = anon.action.package_show(id="air")
        out["resources"] = len(show["resources"])
        out["org"] = show["organization"]["title"]
        rid = show["resources"][0]["id"]
        rows, offset = [], 0
        while True:
            page = anon.action.datastore_search(resource_id=rid, limit=10, offset=offset, sort="PM10 desc")
            if not page["records"]:
                break
            rows += page["records"]
            offset += 10
        out["paged_rows"] = len(rows)
        out["first_pm10"] = rows[0]["PM10"]
        out["total"] = page["total"]
        try:
            anon.action.package_show(id="secret")
            out["hidden"] = False
        except ckanapi.NotFound:
            out["hidden"] = True
        out["with_token"] = ckanapi.RemoteCKAN(url, apikey=token).action.package_show(id="secret")["private"]
        print(json.dumps(out, ensure_ascii=False))
        """#

    /// Python with ckanapi, nil when either is missing.
    static var python: URL? {
        guard let python = which("python3"), (try? runProcessBlocking(python, ["-c", "import ckanapi"]).status) == 0 else { return nil }
        return python
    }

    @Test(.enabled(if: BrowserTestTools.underCI || (ServerProcess.binaryExists && python != nil), "needs the mokmin binary and Python's ckanapi"))
    func ckanapiReadsTheCatalog() async throws {
        try #require(ServerProcess.binaryExists, "the mokmin binary is missing: run swift build first")
        let python = try #require(Self.python, "Python's ckanapi is missing: .ci/run installs it (pip install ckanapi)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mokmin-ckan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("hub.sqlite").path
        var csv = "측정소명,행정동코드,PM10\n"
        let stations = [("조치원읍", "3611025000"), ("아름동", "3611053000"), ("보람동", "3611056000")]
        for i in 0..<57 { csv += "\(stations[i % 3].0),\(stations[i % 3].1),\(20 + i)\n" }
        let file = folder.appendingPathComponent("air.csv")
        try Data(csv.utf8).write(to: file)
        #expect(try await runMokmin(["import", file.path, "--dataset", "air", "--title", "대기질 측정 정보", "--org", "환경정책과", "--tags", "대기,환경", "--visibility", "public", "--db", db]).status == 0)
        #expect(try await runMokmin(["import", file.path, "--dataset", "secret", "--title", "내부 자료", "--db", db]).status == 0)
        #expect(try await runMokmin(["user", "add", "--login", "reader", "--name", "읽는 사람", "--role", "official", "--password-stdin", "--db", db], input: "long-password-1\n").status == 0)
        let token = try await runMokmin(["token", "create", "--login", "reader", "--db", db]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("mkm_"))

        let server = try ServerProcess(database: db)
        defer { server.terminate() }
        try await server.waitUntilHealthy()
        let (status, output) = try await runProcess(python, ["-c", Self.script, server.base, token])
        #expect(status == 0, "ckanapi failed: \(output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(result["list"] as? [String] == ["air"])
        #expect(result["search_count"] as? Int == 1)
        #expect(result["search_names"] as? [String] == ["air"])
        #expect((result["facet_tags"] as? [[String: Any]])?.count == 2)
        #expect(result["resources"] as? Int == 1)
        #expect(result["org"] as? String == "환경정책과")
        #expect(result["paged_rows"] as? Int == 57)
        #expect(result["first_pm10"] as? Int == 76)
        #expect(result["total"] as? Int == 57)
        #expect(result["hidden"] as? Bool == true)
        #expect(result["with_token"] as? Bool == true)
        server.terminate()
        _ = try await server.waitForExit()
    }
}
