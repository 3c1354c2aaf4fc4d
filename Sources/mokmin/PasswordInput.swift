import Foundation
import MokminBase
import MokminCore
import MokminServices

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a password from standard input or, interactively, from the terminal without echo.
enum PasswordInput {
    static func read(fromStdin: Bool, confirm: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true) else {
                throw MokminError(.invalidInput, ko: "표준 입력에 비밀번호가 없습니다", en: "No password on standard input")
            }
            try AccountRules.checkPassword(line)
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw MokminError(
                .invalidInput, ko: "터미널이 아닙니다: --password-stdin을 쓰세요", en: "Standard input is not a terminal: use --password-stdin")
        }
        let first = try prompt("비밀번호 / Password: ")
        try AccountRules.checkPassword(first)
        if confirm {
            let second = try prompt("비밀번호 확인 / Again: ")
            guard first == second else {
                throw MokminError(.invalidInput, ko: "두 비밀번호가 다릅니다", en: "The two passwords differ")
            }
        }
        return first
    }

    /// Prints `text` and reads a line with the terminal's echo turned off, restoring it afterwards.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw MokminError(.invalidInput, ko: "비밀번호를 읽지 못했습니다", en: "No password was read")
        }
        return line
    }
}
