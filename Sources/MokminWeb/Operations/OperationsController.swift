import Foundation
import Hummingbird
import MokminCore
import MokminServices
import Prometheus

/// `/health` for load balancers and `/metrics` for Prometheus.
struct OperationsController {
    let services: AppServices
    let registry: PrometheusCollectorRegistry
    let databaseSize: Gauge
    var regions: RegionService { services.regions }

    init(services: AppServices, registry: PrometheusCollectorRegistry) {
        self.services = services
        self.registry = registry
        self.databaseSize = registry.makeGauge(name: "mokmin_database_size_bytes", help: "Size of the SQLite database and its WAL on disk")
    }

    func register(on router: SecuredRouter) {
        router.get("/health", .public, use: health)
        // Operational figures are for administrators and their monitoring (an admin's API token), not for everyone.
        router.get("/metrics", .admin, use: metrics)
    }

    struct Health: ResponseEncodable {
        var status: String
        var database: String
        var regions: Int
        var version: String
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Health> {
        do {
            try await services.ping()
            return EditedResponse(
                status: .ok, response: Health(status: "ok", database: "ok", regions: regions.registry.regions.count, version: MokminVersion.current))
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            return EditedResponse(
                status: .serviceUnavailable,
                response: Health(status: "unavailable", database: "error", regions: regions.registry.regions.count, version: MokminVersion.current))
        }
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        databaseSize.set(Double((try? await services.databaseSize()) ?? 0))
        let text = registry.emitToBuffer()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }
}
