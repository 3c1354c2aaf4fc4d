import Foundation
import GRDB
import MokminCore

struct UserRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "user"
    var id: Int64?
    var login: String
    var name: String
    var role: String
    var passwordHash: String
    var disabled: Bool
    var createdAt: Date
    var city: String?

    enum Columns {
        static let login = Column(CodingKeys.login)
        static let id = Column(CodingKeys.id)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var user: User {
        User(id: id ?? 0, login: login, name: name, role: Role(rawValue: role) ?? .official, disabled: disabled, createdAt: createdAt, city: city)
    }
}
