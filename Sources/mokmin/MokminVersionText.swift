import Foundation
import MokminCore

enum MokminVersionText {
    static let current = MokminVersion.current
}
