/// How fieldsync books into one source (its `booking:` block).
///
/// ```yaml
/// - name: lakeshore-st
///   type: servicetitan
///   booking:
///     shadow: false                 # true: decide everything, record what would be sent, write nothing
///     recheck_after_minutes: 10     # re-read the technician's appointments when the cache is older
///     write_timeout_seconds: 30     # give up on one booking request after this long
///     campaign_id: 61               # ServiceTitan: the campaign booked jobs are attributed to
///     application_guid: "…"         # ServiceTitan: the external-data GUID (fieldsync's own by default)
/// ```
///
/// A live ServiceTitan source needs `campaign_id`: without it the configuration still loads and
/// shadow bookings work, but a live booking is refused with a message that says to set it.
public struct SourceBookingSettings: Sendable, Hashable {
    /// Record what would be written instead of writing it.
    public var shadow: Bool
    /// How old the cache's view of a technician may be before the backend is asked again.
    public var recheckAfter: Duration
    /// How long one booking request (create, look up, re-check) may take before it is given up.
    /// It also bounds how long an unanswered request may still land in the backend: after a
    /// timeout, a lost reply or a crash, the booking is looked for only once this much (plus a
    /// margin) has passed, so that a request still on its way is found rather than written twice.
    public var writeTimeout: Duration
    /// ServiceTitan: the `campaignId` of every booked job.
    public var campaignID: Int64?
    /// ServiceTitan: the `externalData.applicationGuid` marking what fieldsync created (nil: the
    /// writer's default).
    public var applicationGUID: String?

    public init(
        shadow: Bool = false, recheckAfter: Duration = .seconds(600), writeTimeout: Duration = .seconds(30),
        campaignID: Int64? = nil, applicationGUID: String? = nil
    ) {
        self.shadow = shadow
        self.recheckAfter = recheckAfter
        self.writeTimeout = writeTimeout
        self.campaignID = campaignID
        self.applicationGUID = applicationGUID
    }

    /// Seconds to wait after an unanswered request (or a crashed attempt) before looking for the
    /// booking, and so before it may be written again: the write timeout plus a margin for the
    /// backend's own queueing.
    public var settle: Double {
        Double(writeTimeout.components.seconds) + 2
    }
}
