import Foundation
import MokminServices

extension CitySimulator: FeedSimulator {
    public func response(for url: String, at date: Date) -> Data? {
        switch url {
        case "simulator:airkorea": airKoreaResponse(at: date)
        case "simulator:traffic": trafficResponse(at: date)
        case "simulator:disaster": disasterResponse(at: date)
        default: nil
        }
    }
}
