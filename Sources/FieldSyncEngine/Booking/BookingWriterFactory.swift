import FieldSyncCore
import FieldSyncHousecallPro
import FieldSyncServiceTitan

/// Builds the ``FieldSyncCore/BookingWriter`` of a configured source: the same connection
/// settings the sync uses, plus the source's `booking:` block.
///
/// ```swift
/// for source in config.sources {
///     if let writer = BookingWriterFactory.writer(for: source, transport: URLSessionTransport()) { … }
/// }
/// ```
public enum BookingWriterFactory {
    /// The writer for `source`; nil for sources fieldsync cannot book into (calendar feeds).
    public static func writer(for source: FieldSyncConfig.SourceConfig, transport: any HTTPTransport) -> (any BookingWriter)? {
        switch source.kind {
        case .icalendar:
            return nil
        case .serviceTitan(var configuration, _):
            // Booking requests get the booking's own timeout, which also bounds the settle wait.
            configuration.requestTimeout = source.booking.writeTimeout
            return ServiceTitanBookingWriter(
                sourceName: source.name, configuration: configuration, campaignID: source.booking.campaignID,
                applicationGUID: source.booking.applicationGUID, transport: transport)
        case .housecallPro(var configuration, _):
            configuration.requestTimeout = source.booking.writeTimeout
            return HousecallProBookingWriter(sourceName: source.name, configuration: configuration, transport: transport)
        }
    }
}
