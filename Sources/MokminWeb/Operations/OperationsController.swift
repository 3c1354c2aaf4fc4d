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
    let poolInUse: Gauge
    let poolSize: Gauge
    var regions: RegionService { services.regions }

    init(services: AppServices, registry: PrometheusCollectorRegistry) {
        self.services = services
        self.registry = registry
        self.databaseSize = registry.makeGauge(
            name: "mokmin_database_size_bytes", help: "Size of the SQLite database and its WAL on disk, or of the PostgreSQL database")
        self.poolInUse = registry.makeGauge(name: "mokmin_database_pool_in_use", help: "PostgreSQL connections of this server in use (0 on SQLite)")
        self.poolSize = registry.makeGauge(name: "mokmin_database_pool_size", help: "The most PostgreSQL connections this server opens (0 on SQLite)")
    }

    func register(on router: SecuredRouter) {
        router.get("/health", .public, use: health)
        // Operational figures are for administrators and their monitoring (an admin's API token), not for everyone.
        router.get("/metrics", .admin, use: metrics)
    }

    struct Health: ResponseEncodable {
        var status: String
        var database: String
        /// `sqlite` or `postgresql`.
        var databaseKind: String
        /// `none`, `ok` or `down (reads use the primary)`.
        var replica: String
        var poolInUse: Int?
        var poolSize: Int?
        var regions: Int
        var version: String
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Health> {
        let regionCount = regions.registry.regions.count
        do {
            let storage = try await services.storageStatus()
            return EditedResponse(
                status: .ok,
                response: Health(
                    status: "ok", database: "ok", databaseKind: storage.kind, replica: storage.replica, poolInUse: storage.poolInUse,
                    poolSize: storage.poolSize, regions: regionCount, version: MokminVersion.current))
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            return EditedResponse(
                status: .serviceUnavailable,
                response: Health(
                    status: "unavailable", database: "error", databaseKind: services.databaseKind, replica: "unknown", regions: regionCount,
                    version: MokminVersion.current))
        }
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        databaseSize.set(Double((try? await services.databaseSize()) ?? 0))
        let storage = try? await services.storageStatus()
        poolInUse.set(Double(storage?.poolInUse ?? 0))
        poolSize.set(Double(storage?.poolSize ?? 0))
        let text = registry.emitToBuffer()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }
}
