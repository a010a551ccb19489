/// A service zone from `dispatch/v2/tenant/{tenant}/zones` (`Dispatch.V2.ZoneResponse`).
struct STZone: Decodable, Sendable {
    var id: STID
    var name: String?
    var active: Bool?
}
