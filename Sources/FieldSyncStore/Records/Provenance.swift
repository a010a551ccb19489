import FieldSyncCore
import Foundation

/// A stable fingerprint of a record's content (FNV-1a, 64-bit, hex), used to tell whether a
/// record changed at the source without comparing every column.
enum ContentHash {
    static func of(_ parts: [String?]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in (part ?? "\u{0}nil").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1F
            hash = hash &* 0x100_0000_01b3
        }
        let s = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func seconds(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970.rounded(.down))) }
}

/// JSON arrays of strings, as stored in TEXT columns (skills).
enum JSONList {
    static func encode(_ values: [String]) -> String {
        (try? String(data: JSONEncoder().encode(values), encoding: .utf8)) ?? "[]"
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}

extension Technician {
    var contentHash: String {
        ContentHash.of([
            id, name, phone, email, skills.joined(separator: ","), homeBase?.street, homeBase?.city, homeBase?.region,
            homeBase?.postalCode, homeBase?.country, homeBase?.latitude.map { "\($0)" },
            homeBase?.longitude.map { "\($0)" }, timeZone, active ? "1" : "0", dailyCapacity.map(String.init),
            source.remoteVersion,
        ] + (zones.isEmpty ? [] : ["zones:" + zones.joined(separator: ",")]))
    }
}

extension AvailabilityWindow {
    var contentHash: String {
        ContentHash.of([
            technicianID, ContentHash.seconds(range.start), ContentHash.seconds(range.end), kind.rawValue,
            sourceTimeZone, allDay ? "1" : "0", title, status, source.remoteVersion,
        ])
    }
}
