/// A technician from `settings/v2/tenant/{tenant}/export/technicians`
/// (`TenantSettings.V2.ExportTechnicianResponse`); only the fields fieldsync uses.
struct STTechnician: Decodable, Sendable {
    var id: STID
    var name: String?
    var firstName: String?
    var lastName: String?
    var email: String?
    var phoneNumber: String?
    var mobilePhone: String?
    var mainZoneId: STID?
    var zoneIds: [STID]?
    var home: STAddress?
    var skills: [STNamedReference]?
    var active: Bool?
    var modifiedOn: String?
}
