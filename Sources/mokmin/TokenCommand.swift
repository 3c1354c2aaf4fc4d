import ArgumentParser
import Foundation
import MokminCore
import MokminServices

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens / API 토큰을 관리합니다.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token and print it once / API 토큰을 만들어 한 번만 보여 줍니다.",
            discussion: """
                The token acts as its account. Send it as `Authorization: Bearer <token>`, as a bare \
                `Authorization: <token>` or as `X-CKAN-API-Key: <token>`. A --display token is read-only and may open \
                only the status board pages (for wall displays).
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The account the token acts as.") var login: String
        @Flag(help: "A read-only token that may open only the board pages.") var display = false
        @Option(help: "A label to recognise the token by, e.g. the room of a wall display.") var label = ""

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                let (token, secret) = try await services.accounts.createToken(login: login, label: label, displayOnly: display, actor: nil)
                FileHandle.standardError.write(
                    Data("token \(token.id) for \(login)\(display ? " (display)" : ""); shown only now / 지금 한 번만 보입니다\n".utf8))
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API tokens (never the tokens themselves) / 토큰 목록.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                let formatter = ISO8601DateFormatter()
                print(["ID", "LOGIN", "KIND", "STATUS", "CREATED", "LAST USED", "LABEL"].joined(separator: "\t"))
                for t in try await services.accounts.listTokens() {
                    print(
                        [
                            String(t.id), t.login, t.displayOnly ? "display" : "api", t.revokedAt == nil ? "active" : "revoked",
                            formatter.string(from: t.createdAt), t.lastUsedAt.map(formatter.string) ?? "-", t.label,
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its ID / 토큰을 폐기합니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token's ID, as `mokmin token list` shows it.") var id: Int64

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                try await services.accounts.revokeToken(id: id, actor: nil)
                print("revoked token \(id) / 폐기했습니다")
            }
        }
    }
}
