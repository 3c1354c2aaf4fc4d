/// One square cell of a ``Grid``.
public struct GridCell: Hashable, Sendable {
    /// A stable id built from the cell size and its south-west corner in the grid's projection, e.g.
    /// `"250m_E953000_N1952250"`. The same cell gets the same id whatever area it was generated for.
    public var id: String
    /// Column: floor(easting / size).
    public var column: Int
    /// Row: floor(northing / size).
    public var row: Int
    /// The cell centre.
    public var center: GeoPoint
    /// The cell centre in the grid's projection.
    public var projectedCenter: ProjectedPoint
    /// The cell outline: its four corners unprojected, counter-clockwise from the south-west.
    public var polygon: Polygon
}
