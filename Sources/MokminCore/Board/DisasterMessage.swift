/// A disaster text message (재난문자) as the safety data portal publishes it (`DSSP-IF-00247`).
public struct DisasterMessage: Sendable, Hashable, Codable {
    /// The message's serial number (`SN`), unique per message: the key for de-duplication.
    public var serial: String
    /// When it was created (`CRT_DT`, `YYYY/MM/DD HH:mm:ss`), as local time `YYYY-MM-DDTHH:MM:SS`.
    public var createdAt: String
    /// The text (`MSG_CN`).
    public var text: String
    /// The receiving regions (`RCPTN_RGN_NM` split on commas, trimmed), e.g. `["충청남도 천안시", "세종특별자치시"]`.
    public var regions: [String]
    /// The emergency level (`EMRG_STEP_NM`).
    public var level: DisasterLevel
    /// The kind of disaster (`DST_SE_NM`: 호우, 폭염, 교통, 미세먼지, …), when given.
    public var kind: String?
    /// When it was registered (`REG_YMD`): `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when the portal gives a time; the
    /// text as published when it is in neither form.
    public var registeredOn: String?
    /// When it was last modified (`MDFCN_YMD`), in the same forms as ``registeredOn``.
    public var modifiedOn: String?

    public init(
        serial: String, createdAt: String, text: String, regions: [String], level: DisasterLevel, kind: String? = nil,
        registeredOn: String? = nil, modifiedOn: String? = nil
    ) {
        self.serial = serial
        self.createdAt = createdAt
        self.text = text
        self.regions = regions
        self.level = level
        self.kind = kind
        self.registeredOn = registeredOn
        self.modifiedOn = modifiedOn
    }

    /// The messages with each serial once, in the order their serials first appear. When a serial repeats, the copy
    /// modified last (by ``modifiedOn``, then the later copy) wins, so a corrected message replaces the first one.
    public static func deduplicated(_ messages: [DisasterMessage]) -> [DisasterMessage] {
        var position: [String: Int] = [:]
        var result: [DisasterMessage] = []
        for message in messages {
            guard let at = position[message.serial] else {
                position[message.serial] = result.count
                result.append(message)
                continue
            }
            if (message.modifiedOn ?? "") >= (result[at].modifiedOn ?? "") { result[at] = message }
        }
        return result
    }
}
