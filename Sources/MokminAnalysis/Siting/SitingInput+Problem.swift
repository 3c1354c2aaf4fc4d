import MokminGeo

extension SitingInput {
    /// What both siting analyses check and build before solving: the existing sites followed by the candidates,
    /// every location projected, and the engine's problem (existing sites kept open).
    struct Setup {
        var sites: [Facility]
        var placePoints: [PlanarPoint]
        var sitePoints: [PlanarPoint]
        var problem: LocationProblem
    }

    /// The roles a siting analysis names in its errors.
    struct Roles {
        var places: Role
        var existing: Role
        var candidates: Role
        var all: Role
    }

    /// Checks the input (throwing `SitingInputError`) and builds the ``Setup``: places non-empty and valid, `radius`
    /// finite and above 0 (else `radiusError`), facilities valid (with capacities when `needCapacity`), ids unique
    /// across existing and candidate sites, `count` within 1…candidates, and a time limit of at least 0.
    static func setup(
        places: [WeightedPlace], existing: [Facility], candidates: [Facility], roles: Roles, needCapacity: Bool,
        radius: Double, radiusError: (Double) -> SitingInputError,
        count: (letter: String, value: Int, ko: String, en: String), timeLimit: Double
    ) throws -> Setup {
        try checkPlaces(places, as: roles.places)
        guard radius.isFinite, radius > 0 else { throw radiusError(radius) }
        try checkFacilities(existing, as: roles.existing, needCapacity: needCapacity)
        try checkFacilities(candidates, as: roles.candidates, needCapacity: needCapacity)
        try checkUnique((existing + candidates).map(\.id), among: roles.all)
        try checkCount(count.letter, count.value, available: candidates.count, ko: count.ko, en: count.en)
        try checkTimeLimit(timeLimit)
        let sites = existing + candidates
        let placePoints = places.map { planar($0.location) }
        let sitePoints = sites.map { planar($0.location) }
        let problem = LocationProblem(
            demand: places.map { DemandPoint(id: $0.id, weight: $0.weight) },
            candidates: sites.map { CandidateSite(id: $0.id, capacity: needCapacity ? $0.capacity : nil) },
            existing: existing.map(\.id), p: count.value, radius: radius,
            distances: .coordinates(demand: placePoints, candidates: sitePoints, metric: .euclidean)
        )
        return Setup(sites: sites, placePoints: placePoints, sitePoints: sitePoints, problem: problem)
    }
}
