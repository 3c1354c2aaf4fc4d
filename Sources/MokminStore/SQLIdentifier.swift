import MokminCore

/// The one place SQL identifiers are made: only generated names (`ds_12_v3`, `c7`, `_row`) pass, quoted.
/// Column names from files never reach SQL; they are labels mapped to these.
public enum SQLIdentifier {
    public static func quoted(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 64,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw MokminStoreError(ko: "잘못된 SQL 식별자", en: "invalid SQL identifier: \(name.debugDescription)")
        }
        return "\"\(name)\""
    }

    public static func table(datasetID: Int64, version: Int) -> String { "ds_\(datasetID)_v\(version)" }

    public static func column(_ index: Int) -> String { "c\(index + 1)" }
}
