import FieldSyncCore
import Foundation

/// One technician's calendar feed, as configured.
public struct ICalendarFeed: Sendable, Hashable {
    /// Where the feed is read from.
    public enum Location: Sendable, Hashable {
        /// A file on this machine.
        case file(path: String)
        /// An http(s) URL, fetched with conditional requests. Headers may carry credentials;
        /// neither they nor the URL's path or query are ever logged.
        case url(URL, headers: [String: String])
    }

    /// Stable name of the feed, unique within its source; part of every window's external id.
    public var name: String
    public var technician: TechnicianSpec
    public var location: Location
    /// Zone for floating times and all-day dates when the feed has no X-WR-TIMEZONE
    /// (defaults to the technician's zone).
    public var timeZone: String?

    public init(name: String, technician: TechnicianSpec, location: Location, timeZone: String? = nil) {
        self.name = name
        self.technician = technician
        self.location = location
        self.timeZone = timeZone
    }

    /// What an operator may see of the location: the path, or the URL with its secrets removed.
    public var displayLocation: String {
        switch location {
        case .file(let path): path
        case .url(let url, _): RedactedURL(url).description
        }
    }
}

/// The technician a feed belongs to, as the configuration names them.
public struct TechnicianSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var phone: String?
    public var email: String?
    public var skills: [String]
    public var timeZone: String?
    /// True when the technician is defined by another source (a field-service backend) and this
    /// feed only adds their calendar: the adapter then sends windows for the id, not a technician.
    public var isReference: Bool

    public init(
        id: String, name: String, phone: String? = nil, email: String? = nil, skills: [String] = [],
        timeZone: String? = nil, isReference: Bool = false
    ) {
        self.isReference = isReference
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.skills = skills
        self.timeZone = timeZone
    }
}
