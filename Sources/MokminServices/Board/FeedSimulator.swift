import Foundation

/// A source of answers for the `simulator:` feed URLs (`simulator:airkorea`, `simulator:traffic`,
/// `simulator:disaster`), in the same layouts as the public APIs they stand for. The demo city's simulator
/// (`CitySimulator` in MokminDemo) is the one implementation; the command line gives it to ``AppServices``. Without
/// one, a feed with a `simulator:` URL fails its runs with a clear message.
public protocol FeedSimulator: Sendable {
    /// The answer body of `url` at the simulated instant `date`, or nil when the URL is not one it serves.
    func response(for url: String, at date: Date) -> Data?
}
