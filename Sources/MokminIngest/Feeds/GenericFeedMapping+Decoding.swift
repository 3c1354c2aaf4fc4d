extension GenericFeedMapping {
    enum CodingKeys: String, CodingKey {
        case format, itemsPath, seriesPrefix, seriesField, sourceField, valueFields, timeField, timeFormat, longitudeField, latitudeField,
            regionField
    }

    /// Reads a mapping as an analyst writes it: `seriesPrefix` defaults to `feed` and `sourceField` to the series field.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            format: try c.decodeIfPresent(Format.self, forKey: .format), itemsPath: try c.decodeIfPresent(String.self, forKey: .itemsPath),
            seriesPrefix: try c.decodeIfPresent(String.self, forKey: .seriesPrefix) ?? "feed", seriesField: try c.decode(String.self, forKey: .seriesField),
            sourceField: try c.decodeIfPresent(String.self, forKey: .sourceField), valueFields: try c.decode([String].self, forKey: .valueFields),
            timeField: try c.decode(String.self, forKey: .timeField), timeFormat: try c.decodeIfPresent(String.self, forKey: .timeFormat),
            longitudeField: try c.decodeIfPresent(String.self, forKey: .longitudeField),
            latitudeField: try c.decodeIfPresent(String.self, forKey: .latitudeField), regionField: try c.decodeIfPresent(String.self, forKey: .regionField))
    }
}
