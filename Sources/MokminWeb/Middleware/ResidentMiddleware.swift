import Hummingbird
import MokminServices

/// Finds the verified resident of a participation session: its own cookie, apart from staff sessions, never giving
/// access to any staff route (``Access`` looks only at the staff principal).
struct ResidentMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let residents: ResidentService
    let regions: RegionService
    static let cookie = "mokmin_resident"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let value = request.cookies[Self.cookie]?.value, !value.isEmpty, let session = try await residents.session(forCookie: value) {
            context.resident = session.resident
            context.residentCSRF = session.csrfToken
            context.residentAreaName = regions.registry.regions[session.resident.emdCode]?.name ?? session.resident.emdCode
        }
        return try await next(request, context)
    }
}
