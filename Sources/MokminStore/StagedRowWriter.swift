import MokminCore

/// The ``DatasetRowWriter`` of a staged import: keeps the appended batches (not copies of them) until they make up
/// one transaction's worth of rows (``DatasetStaging/rowsPerTransaction``), then stores them in one short write
/// transaction. Between two transactions the importer works on (profiles, converts) with the writer free.
struct StagedRowWriter: DatasetRowWriter {
    let staging: DatasetStaging
    private var pending: [DatasetRowBatch] = []
    private var pendingRows = 0
    /// Rows appended one at a time, gathered into a batch.
    private var loose: DatasetRowBatch
    private(set) var profile: [ColumnProfile]?

    init(_ staging: DatasetStaging) {
        self.staging = staging
        loose = DatasetRowBatch(columnCount: staging.version.columns.count)
    }

    mutating func useProfile(_ profile: [ColumnProfile]) {
        self.profile = profile
    }

    mutating func append(_ values: ArraySlice<TypedValue>, line: Int, region: String?, geometry: String?) throws {
        let columns = staging.version.columns.count
        guard values.count == columns else {
            throw MokminStoreError(
                ko: "\(line)행: 값 \(values.count)개, 열 \(columns)개", en: "\(values.count) values for \(columns) columns (line \(line))")
        }
        loose.append(values, line: line, region: region, geometry: geometry)
        if loose.count >= 1024 { try append(takeLoose()) }
    }

    mutating func append(_ batch: DatasetRowBatch) throws {
        let columns = staging.version.columns.count
        guard batch.columnCount == columns, batch.values.count == batch.count * columns,
            batch.regions.count == batch.count, batch.geometries.count == batch.count
        else {
            throw MokminStoreError(
                ko: "행 묶음의 값이 열 \(columns)개에 맞지 않습니다", en: "A batch's values do not fit \(columns) columns (line \(batch.lines.first ?? 0))")
        }
        if loose.count > 0 { pend(takeLoose()) }
        pend(batch)
        if pendingRows >= staging.rowsPerTransaction { try flush() }
    }

    /// Stores whatever is still pending; call once the last row was appended.
    mutating func finish() throws {
        if loose.count > 0 { pend(takeLoose()) }
        try flush()
    }

    private mutating func pend(_ batch: DatasetRowBatch) {
        guard batch.count > 0 else { return }
        pending.append(batch)
        pendingRows += batch.count
    }

    private mutating func takeLoose() -> DatasetRowBatch {
        defer { loose = DatasetRowBatch(columnCount: staging.version.columns.count) }
        return loose
    }

    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        try staging.store(pending)
        pending.removeAll()
        pendingRows = 0
    }
}
