import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells a running import's staging table from one that a crashed import left behind.
///
/// While a staging table exists, the process filling it holds an exclusive `flock` on `<database>-<table>.lock`
/// (created before the table, removed after the table was published or dropped). The kernel releases the lock when
/// that process ends, `kill -9` included, so whoever can take the lock knows the table is abandoned. The lock is
/// per open file, so it also tells two imports of one process apart.
final class StagingLock: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    static func path(database: String, table: String) -> String { "\(database)-\(table).lock" }

    /// Creates and locks the file for a new staging table (before the table is created).
    static func acquire(database: String, table: String) throws -> StagingLock {
        let path = path(database: database, table: table)
        for _ in 0..<3 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { break }
            // A cleaner may have removed the file between open and flock: the lock must be on the file at `path`.
            if flock(fd, LOCK_EX | LOCK_NB) == 0, isFile(fd, at: path) { return StagingLock(path: path, descriptor: fd) }
            close(fd)
        }
        throw MokminStoreError(
            ko: "가져오기 잠금 파일을 만들 수 없습니다: \(path)", en: "Cannot create the import's lock file \(path): \(String(cString: strerror(errno)))")
    }

    /// The lock of an existing staging table when its import is gone (nil while that import still runs). The caller
    /// drops the table, then releases the lock. A missing lock file means the import is gone too (it is removed only
    /// after the table, or the database was copied without it).
    static func takeOver(database: String, table: String) -> StagingLock? {
        let path = path(database: database, table: table)
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? StagingLock(path: path, descriptor: -1) : nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return StagingLock(path: path, descriptor: fd)
    }

    /// Removes the file and lets the lock go (once the table is published or dropped). Safe to call twice.
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    private static func isFile(_ fd: Int32, at path: String) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_ino == named.st_ino && opened.st_dev == named.st_dev
    }
}
