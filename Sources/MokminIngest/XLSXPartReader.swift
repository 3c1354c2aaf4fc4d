import Foundation
import ZIPFoundation

/// Inflates the parts of an XLSX package within ``ReaderLimits``, counting every byte as it comes out of the
/// inflater: the sizes a ZIP directory claims are never trusted to allow more.
///
/// Three bounds apply: each part's inflated size, the total of every part read from the package, and each part's
/// compression ratio once it has inflated past ``ReaderLimits/xlsxRatioFloorBytes``. The ratio is taken against the
/// part's claimed compressed size, but never against more than the whole package's size on disk, so a directory that
/// lies about it only makes the check stricter.
final class XLSXPartReader {
    let archive: Archive
    /// The package's file name, for messages.
    let file: String
    let limits: ReaderLimits
    /// The package's size on disk: no part honestly has more compressed bytes than this.
    private let packageBytes: Int64
    /// The bytes inflated so far from every part read.
    private(set) var totalInflated: Int64 = 0

    /// Why a part stopped inflating early; thrown from inside the inflater's consumer to stop it at once.
    private enum Stop: Error {
        case part(limit: Int64)
        case total
        case ratio
        /// The inflated bytes could not be kept (a temporary file could not be written).
        case consumer(any Error)
    }

    init(url: URL, limits: ReaderLimits) throws {
        file = url.lastPathComponent
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ReadError(.malformed, file: file, ko: "XLSX(ZIP) 파일이 아닙니다", en: "not an XLSX (ZIP) file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        packageBytes = max(1, size ?? 1)
    }

    /// The part at `path`, or nil when the package has none.
    func entry(_ path: String) -> Entry? {
        archive[path]
    }

    /// A small part inflated into memory (workbook, relationships, styles), within
    /// ``ReaderLimits/maxXLSXMetadataPartBytes``.
    func data(of entry: Entry, path: String) throws -> Data {
        var data = Data()
        try inflate(entry, path: path, partLimit: limits.maxXLSXMetadataPartBytes) { data.append($0) }
        return data
    }

    /// A large part (a sheet, the shared strings) inflated to a new file at `url`, within
    /// ``ReaderLimits/maxXLSXPartBytes``. The caller removes the file.
    func unpack(_ entry: Entry, path: String, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
            throw ReadError(.unreadable, file: file, ko: "임시 파일을 만들 수 없습니다", en: "cannot create a temporary file")
        }
        defer { try? handle.close() }
        try inflate(entry, path: path, partLimit: limits.maxXLSXPartBytes) { try handle.write(contentsOf: $0) }
    }

    private func inflate(_ entry: Entry, path: String, partLimit: Int64, into consumer: (Data) throws -> Void) throws {
        let claimed = Int64(clamping: entry.compressedSize)
        let compressed = max(1, min(claimed, packageBytes))
        let (product, overflow) = compressed.multipliedReportingOverflow(by: limits.maxXLSXCompressionRatio)
        let ratioBound = max(limits.xlsxRatioFloorBytes, overflow ? .max : product)
        var inflated: Int64 = 0
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                let count = Int64(chunk.count)
                inflated += count
                totalInflated += count
                if inflated > partLimit { throw Stop.part(limit: partLimit) }
                if totalInflated > limits.maxXLSXTotalBytes { throw Stop.total }
                if inflated > ratioBound { throw Stop.ratio }
                do {
                    try consumer(chunk)
                } catch {
                    throw Stop.consumer(error)
                }
            }
        } catch let stop as Stop {
            throw error(stop, path: path)
        } catch {
            throw ReadError(.malformed, file: file, ko: "XLSX의 \(path) 부분을 풀 수 없습니다", en: "cannot unpack \(path) from the XLSX package")
        }
    }

    private func error(_ stop: Stop, path: String) -> ReadError {
        switch stop {
        case .part(let limit):
            let size = LimitText.bytes(limit)
            return ReadError(
                .tooLarge, file: file,
                ko: "XLSX의 \(path) 부분을 풀면 \(size.ko)를 넘습니다. 시트를 나누거나 CSV로 저장해 올려 주세요",
                en: "\(path) in the XLSX package inflates to more than \(size.en); split the sheet or save it as CSV")
        case .total:
            let size = LimitText.bytes(limits.maxXLSXTotalBytes)
            return ReadError(
                .tooLarge, file: file,
                ko: "XLSX에서 읽는 부분들을 풀면 모두 \(size.ko)를 넘습니다 (\(path) 부분에서 넘었습니다)",
                en: "the parts read from the XLSX package inflate to more than \(size.en) in all (passed in \(path))")
        case .ratio:
            let ratio = LimitText.count(limits.maxXLSXCompressionRatio)
            return ReadError(
                .tooLarge, file: file,
                ko: "XLSX의 \(path) 부분이 압축된 크기의 \(ratio)배 넘게 풀립니다. 압축 폭탄(ZIP bomb)으로 보여 읽지 않습니다",
                en: "\(path) in the XLSX package inflates to more than \(ratio) times its compressed size; it looks like a ZIP bomb and is not read")
        case .consumer(let error):
            return ReadError(
                .unreadable, file: file, ko: "XLSX의 \(path) 부분을 임시 파일에 풀 수 없습니다 (\(error.localizedDescription))",
                en: "cannot unpack \(path) to a temporary file (\(error.localizedDescription))")
        }
    }
}
