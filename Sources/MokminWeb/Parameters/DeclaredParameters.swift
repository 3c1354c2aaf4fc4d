/// The parameters the route being handled declared, so that reading an undeclared one is caught in debug builds
/// (every test run): a handler cannot read a value the hostile-values walk does not know to send.
enum DeclaredParameters {
    @TaskLocal static var current: Set<String>?

    static func key(_ parameter: Parameter) -> String { "\(parameter.location.rawValue) \(parameter.name)" }

    static func assertDeclared(_ parameter: Parameter) {
        #if DEBUG
        if let current, !current.contains(key(parameter)) {
            assertionFailure("\(parameter) is read but was not declared when its route was registered")
        }
        #endif
    }
}

extension Parameter {
    /// Read by middleware on every route: the page language and the CSRF token of a form or an upload.
    public static let language = Parameter.choice("lang", ["ko", "en"])
    public static let csrfToken = Parameter.text("csrf_token", max: 100)
    public static let globals: [Parameter] = [language, csrfToken, csrfToken.inForm]
}
