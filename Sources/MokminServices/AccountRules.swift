import MokminBase
import MokminCore

/// What a login, a name and a password must look like; every entry point (command line, web, API) checks here.
public enum AccountRules {
    /// 2–64 characters: lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func checkLogin(_ login: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (2...64).contains(login.count), login.allSatisfy({ allowed.contains($0) }),
            let first = login.first, first.isLetter || first.isASCIIDigit
        else {
            throw MokminError(
                .invalidInput,
                ko: "로그인은 2~64자의 영문 소문자, 숫자, '.', '_', '-'로 쓰고 영문자나 숫자로 시작해야 합니다: '\(login)'",
                en: "A login is 2–64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit: '\(login)'")
        }
    }

    public static func checkName(_ name: String) throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw MokminError(.invalidInput, ko: "이름은 1~100자여야 합니다", en: "A name must be 1–100 characters")
        }
    }

    /// At least 8 characters and at most 72 bytes of UTF-8 (bcrypt reads no further; a Korean syllable is 3 bytes).
    public static func checkPassword(_ password: String) throws {
        if password.isEmpty {
            throw MokminError(.invalidInput, ko: "비밀번호가 비어 있습니다", en: "The password is empty")
        }
        if password.count < 8 {
            throw MokminError(.invalidInput, ko: "비밀번호는 8자 이상이어야 합니다", en: "The password must have at least 8 characters")
        }
        if password.utf8.count > 72 {
            throw MokminError(
                .invalidInput, ko: "비밀번호는 72바이트(한글 24자)를 넘을 수 없습니다",
                en: "The password must not exceed 72 bytes of UTF-8")
        }
    }

    public static func parseRole(_ raw: String) throws -> Role {
        guard let role = Role(rawValue: raw) else {
            throw MokminError(
                .invalidInput, ko: "역할은 admin, analyst, official 중 하나입니다: '\(raw)'",
                en: "The role must be admin, analyst or official: '\(raw)'")
        }
        return role
    }
}

import Foundation
