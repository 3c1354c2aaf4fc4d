import ArgumentParser
import Foundation
import MokminCore
import MokminServices

/// `mokmin settings …`: server settings kept in the database.
struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Server settings / 서버 설정.", subcommands: [InsideHostsCommand.self])
}

/// `mokmin settings inside-hosts`: the hosts feeds, harvests and webhooks may reach although they are inside.
struct InsideHostsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inside-hosts", abstract: "Hosts allowed inside / 내부 접속 허용 호스트.",
        discussion: """
            Feeds, harvests and webhooks refuse URLs whose host is or resolves to an inside address (loopback, private \
            networks, link-local, carrier-grade NAT, multicast, reserved) unless the host name or the address is on this \
            list. Cloud metadata addresses can never be listed. Every change is written to the audit log.
            """,
        subcommands: [List.self, Add.self, Remove.self, Replace.self], defaultSubcommand: List.self)

    static func setting(_ database: DatabaseOptions) async throws -> InsideHostsSetting {
        try await database.open().insideHosts
    }

    static func show(_ hosts: InsideHosts) {
        if hosts.entries.isEmpty { print("(none / 없음)") }
        for entry in hosts.entries { print(entry) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the list / 목록을 봅니다.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors { show(try await setting(database).current()) }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Allow hosts / 호스트를 허용합니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Host names or IP addresses (api.county.local, 10.20.0.5).") var hosts: [String]

        func run() async throws {
            try await reportingErrors { show(try await setting(database).add(hosts, actor: nil)) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop allowing hosts / 허용을 거둡니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Host names or IP addresses on the list.") var hosts: [String]

        func run() async throws {
            try await reportingErrors { show(try await setting(database).remove(hosts, actor: nil)) }
        }
    }

    struct Replace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Replace the list (none given: empty it) / 목록을 바꿉니다.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The whole list.") var hosts: [String] = []

        func run() async throws {
            try await reportingErrors { show(try await setting(database).replace(with: hosts.joined(separator: "\n"), actor: nil)) }
        }
    }
}
