/// An error a person reads, in Korean and English. Every module's input errors conform (`MokminError`, the readers'
/// `ReadError`, `GeoJSONError`, the analyses' `LocationInputError`, `SitingInputError`, `LivingPopulationError`, …),
/// so the web edge and the command line show all of them the same way: `message.text(language)` on a page,
/// `description` ("한국어 / English") on standard error.
public protocol BilingualError: Error, CustomStringConvertible {
    var message: LocalizedText { get }
}

extension BilingualError {
    public var description: String { message.description }
}
