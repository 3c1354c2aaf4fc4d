/// The envelope Korean public APIs answer in, `{"response": {"header": {"resultCode", "resultMsg"}, "body": …}}`:
/// what its result code means, for the feeds and for imported or harvested JSON files alike.
enum PublicAPIEnvelope {
    /// Result codes that mean success: data.go.kr `00`, ITS `0`, Seoul Open API `INFO-000`.
    static let okCodes: Set<String> = ["0", "00", "000", "INFO-0", "INFO-000"]
    /// Result codes that mean "no data for this request": an empty list, not a failure (data.go.kr `03`
    /// NODATA_ERROR, Seoul `INFO-200`).
    static let noDataCodes: Set<String> = ["03", "INFO-200"]

    enum Status: Equatable {
        case ok
        case noData
        case failed(code: String, message: String)
    }

    /// What a `header` object's `resultCode` says; `.ok` when there is no header or no code.
    static func status(of header: OrderedJSON?) -> Status {
        guard let header, let code = header["resultCode"]?.fieldText?.trimmingCharacters(in: .whitespaces) else { return .ok }
        if okCodes.contains(code) { return .ok }
        if noDataCodes.contains(code) { return .noData }
        return .failed(code: code, message: header["resultMsg"]?.fieldText ?? header["errorMsg"]?.fieldText ?? "")
    }
}
