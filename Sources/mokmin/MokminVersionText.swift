import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminDemo
import MokminServices

enum MokminVersionText {
    static let current = MokminVersion.current
}
