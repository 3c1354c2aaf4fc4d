/// The type of a dataset column, inferred on import and overridable by the analyst.
public enum ColumnType: String, Sendable, Codable, CaseIterable {
    case integer
    case decimal
    case boolean
    case text
    /// A calendar date, stored as `YYYY-MM-DD`.
    case date
    /// A local date and time, stored as `YYYY-MM-DDTHH:MM:SS` (Korean data carries no zone; KST is implied).
    case dateTime
    /// WGS84 longitude in degrees.
    case longitude
    /// WGS84 latitude in degrees.
    case latitude
    /// An administrative code (MOIS 10, 8, 5 or 2 digits), linked to the region registry.
    case regionCode

    /// The SQLite storage class of the column.
    public var sqlType: String {
        switch self {
        case .integer, .boolean: "INTEGER"
        case .decimal, .longitude, .latitude: "REAL"
        case .text, .date, .dateTime, .regionCode: "TEXT"
        }
    }

    /// True for types whose values are numbers (min/max/mean make sense).
    public var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .longitude, .latitude: true
        default: false
        }
    }

    public var koreanName: String {
        switch self {
        case .integer: "정수"
        case .decimal: "실수"
        case .boolean: "참/거짓"
        case .text: "문자"
        case .date: "날짜"
        case .dateTime: "날짜·시각"
        case .longitude: "경도"
        case .latitude: "위도"
        case .regionCode: "행정코드"
        }
    }
}
