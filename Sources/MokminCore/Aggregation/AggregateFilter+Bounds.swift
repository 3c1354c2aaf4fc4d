import MokminBase

extension AggregateFilter {
    /// The prefix a region filter's `code` matches the rows' derived 10-digit 읍면동 codes by: a shorter code as it
    /// is (`36110` for 세종시); a 10-digit code that names a 시도 or 시군구 (`3600000000`, `3611000000`) by its 2 or 5
    /// significant digits, so that it holds that area's 읍면동 and not only the rows coded with the area itself; any
    /// other 10-digit code whole.
    public static func regionPrefix(_ code: String) -> String {
        switch RegionLevel.of(code: code) {
        case .sido: String(code.prefix(2))
        case .sgg: String(code.prefix(5))
        case .emd, nil: code
        }
    }

    /// The day after `day` (`YYYY-MM-DD`), nil when `day` is not one: the exclusive upper bound of a date range
    /// that ends on `day`, for date columns and date-time columns alike (`2020-05-31T23:59:59` < `2020-06-01`).
    public static func dayAfter(_ day: String) -> String? {
        AggregateQuery.day(day).map { LocalTime.isoString(ofDay: $0 + 1) }
    }
}
