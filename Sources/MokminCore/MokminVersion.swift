/// The version `mokmin version` prints and `/health` reports.
public enum MokminVersion {
    public static let current = "0.1.0"
}
