import Foundation
import GRDB
import MokminBase

/// A storage failure a person can read; never contains a secret.
public struct MokminStoreError: BilingualError, Sendable {
    public var message: LocalizedText

    public init(ko: String, en: String) {
        message = LocalizedText(ko: ko, en: en)
    }
}
