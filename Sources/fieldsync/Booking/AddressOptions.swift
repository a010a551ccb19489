import ArgumentParser
import FieldSyncEngine

/// Where the job is: `--street --city --state --zip`, optionally `--latitude --longitude`.
struct AddressOptions: ParsableArguments {
    @Option(name: .long, help: "Street of the job's address.") var street: String?
    @Option(name: .long, help: "City.") var city: String?
    @Option(name: .long, help: "State (two letters).") var state: String?
    @Option(name: .long, help: "ZIP code (alone, it ranks technicians roughly).") var zip: String?
    @Option(name: .long, help: "Latitude, for exact distances.") var latitude: Double?
    @Option(name: .long, help: "Longitude, for exact distances.") var longitude: Double?

    var address: APIAddress? {
        guard street != nil || city != nil || zip != nil || latitude != nil else { return nil }
        return APIAddress(street: street, city: city, state: state, zip: zip, latitude: latitude, longitude: longitude)
    }
}
