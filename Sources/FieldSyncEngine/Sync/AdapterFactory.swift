import FieldSyncCore
import FieldSyncHousecallPro
import FieldSyncICalendar
import FieldSyncServiceTitan

/// Builds the adapters a configuration describes.
public enum AdapterFactory {
    /// - Parameter only: source names to keep (all when empty).
    public static func adapters(
        for config: FieldSyncConfig, only: [String] = [], transport: any HTTPTransport, catalog: ZoneCatalog = ZoneCatalog()
    ) -> [any SourceAdapter] {
        config.sources.filter { only.isEmpty || only.contains($0.name) }.map { source in
            switch source.kind {
            case .icalendar(let feeds, let mapping):
                ICalendarAdapter(
                    sourceName: source.name, feeds: feeds, mapping: mapping, transport: transport, catalog: catalog)
            case .serviceTitan(let configuration, let mapping):
                ServiceTitanAdapter(
                    sourceName: source.name, configuration: configuration, mapping: mapping, transport: transport)
            case .housecallPro(let configuration, let mapping):
                HousecallProAdapter(
                    sourceName: source.name, configuration: configuration, mapping: mapping, transport: transport)
            }
        }
    }
}
