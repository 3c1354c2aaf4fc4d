import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminServices

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts / 계정을 관리합니다.",
        subcommands: [Add.self, List.self, Passwd.self, Disable.self, City.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account / 계정을 만듭니다.",
            discussion: "Without --password-stdin the password is asked twice on the terminal, without echo.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The login: 2–64 lowercase letters, digits, '.', '_' or '-'.") var login: String
        @Option(help: "The person's name as shown on pages.") var name: String
        @Option(help: "admin (users, settings), analyst (load data, run analyses) or official (read everything internal).")
        var role: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func validate() throws {
            do {
                try AccountRules.checkLogin(login)
                try AccountRules.checkName(name)
                _ = try AccountRules.parseRole(role)
            } catch let error as MokminError {
                throw ValidationError(error.message.description)
            }
        }

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                let password = try PasswordInput.read(fromStdin: passwordStdin, confirm: true)
                let user = try await services.accounts.createUser(
                    login: login, name: name, role: try AccountRules.parseRole(role), password: password, actor: nil)
                print("created \(user.login) (\(user.role.rawValue)) / 계정을 만들었습니다")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts / 계정 목록을 보여 줍니다.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                print(["LOGIN", "ROLE", "STATUS", "CITY", "NAME"].joined(separator: "\t"))
                for user in try await services.accounts.listUsers() {
                    print(
                        [user.login, user.role.rawValue, user.disabled ? "disabled" : "active", user.city ?? "all", user.name].joined(separator: "\t")
                    )
                }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password / 비밀번호를 바꿉니다.",
            discussion: "Ends the account's browser sessions. Without --password-stdin the password is asked twice on the terminal.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The account's login.") var login: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                guard try await services.accounts.userExists(login: login) else {
                    throw MokminError(.notFound, ko: "없는 로그인입니다: \(login)", en: "No such login: \(login)")
                }
                let password = try PasswordInput.read(fromStdin: passwordStdin, confirm: true)
                try await services.accounts.changePassword(login: login, password: password, actor: nil)
                print("password changed for \(login) / 비밀번호를 바꿨습니다")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account / 계정 사용을 중지합니다.",
            discussion: "The account can no longer sign in; its sessions end and its API tokens are revoked. Nothing is deleted.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The account's login.") var login: String

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                try await services.accounts.disable(login: login, actor: nil)
                print("disabled \(login) / 사용을 중지했습니다")
            }
        }
    }

    struct City: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an account in one of the served cities / 계정의 시군구를 정합니다.",
            discussion: """
                When a server serves several cities (`mokmin regions city CODE…`), an account in one of them sees that \
                city's pages; an account in none (--all) sees every served city, as a province's staff do.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The account's login.") var login: String
        @Argument(help: "A served city's 5- or 10-digit code.") var code: String?
        @Flag(help: "No city of its own: the account sees every served city.") var all = false

        func validate() throws {
            if (code == nil) == !all { throw ValidationError("시군구 코드나 --all 중 하나를 주세요 / Give a city code or --all") }
        }

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                if let city = try await services.regions.setUserCity(login: login, code: all ? nil : code, actor: nil) {
                    print("\(login): \(city.code) \(city.fullName)")
                } else {
                    print("\(login): 서비스하는 모든 시군구 / every served city")
                }
            }
        }
    }
}
