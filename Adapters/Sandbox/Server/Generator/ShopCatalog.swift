/// The fixed vocabulary of the generated shops: the names the shipped Mappings files use
/// (business units, job types, skills, Housecall Pro tags and job types), and the pools people,
/// streets and job descriptions are drawn from. Phone numbers use the fictional 555-01xx range
/// and e-mail addresses the reserved example.com domain.
enum ShopCatalog {
    // MARK: ServiceTitan (Lakeshore Comfort, Chicago)

    struct BusinessUnit {
        let id: Int64
        let name: String
        let trade: String
        let tradeID: Int64
    }

    static let businessUnits = [
        BusinessUnit(id: 2001, name: "HVAC Service", trade: "HVAC", tradeID: 11),
        BusinessUnit(id: 2002, name: "Plumbing Service", trade: "Plumbing", tradeID: 12),
        BusinessUnit(id: 2003, name: "Electrical Service", trade: "Electrical", tradeID: 13),
    ]

    struct Skill {
        let id: Int64
        let name: String
    }

    static let skills = [
        Skill(id: 71, name: "HVAC"), Skill(id: 72, name: "Gas Furnace Certified"), Skill(id: 73, name: "Plumbing"),
        Skill(id: 74, name: "Water Heater"), Skill(id: 75, name: "Electrical"), Skill(id: 76, name: "EV Charger"),
    ]

    struct JobType {
        let id: Int64
        let name: String
        let businessUnitID: Int64
        let skills: [String]
        let minutes: Int
        let priority: String
        let summaries: [String]
    }

    /// "Mystery Noise" is real in the tenant but missing from the shipped mappings.
    static let unknownJobTypeID: Int64 = 3012

    static let jobTypes = [
        JobType(id: 3001, name: "No Heat", businessUnitID: 2001, skills: ["HVAC", "Gas Furnace Certified"], minutes: 120, priority: "High",
                summaries: ["Furnace runs but blows cold air", "No heat upstairs, thermostat blank", "Furnace short-cycles and shuts off"]),
        JobType(id: 3002, name: "No Cooling", businessUnitID: 2001, skills: ["HVAC"], minutes: 120, priority: "High",
                summaries: ["AC runs, house stays warm", "Outdoor unit not starting", "Ice on the refrigerant line"]),
        JobType(id: 3003, name: "Furnace Maintenance", businessUnitID: 2001, skills: ["HVAC", "Gas Furnace Certified"], minutes: 90, priority: "Normal",
                summaries: ["Annual furnace check, member", "Pre-winter tune-up", "Filter change and safety inspection"]),
        JobType(id: 3004, name: "AC Tune-Up", businessUnitID: 2001, skills: ["HVAC"], minutes: 60, priority: "Low",
                summaries: ["Spring AC tune-up", "Clean coils and check charge"]),
        JobType(id: 3005, name: "Gas Leak", businessUnitID: 2001, skills: ["Gas Furnace Certified"], minutes: 60, priority: "Urgent",
                summaries: ["Smell of gas near the furnace", "Gas odor in the basement, utility shut off"]),
        JobType(id: 3006, name: "Water Heater Repair", businessUnitID: 2002, skills: ["Plumbing", "Water Heater"], minutes: 120, priority: "High",
                summaries: ["No hot water", "Water heater leaking at the base", "Pilot light keeps going out"]),
        JobType(id: 3007, name: "Drain Cleaning", businessUnitID: 2002, skills: ["Plumbing"], minutes: 60, priority: "Normal",
                summaries: ["Kitchen sink drains slowly", "Basement floor drain backing up", "Tub clogged"]),
        JobType(id: 3008, name: "Burst Pipe", businessUnitID: 2002, skills: ["Plumbing"], minutes: 90, priority: "Urgent",
                summaries: ["Pipe burst under the kitchen sink", "Water coming through the ceiling"]),
        JobType(id: 3009, name: "Panel Upgrade", businessUnitID: 2003, skills: ["Electrical"], minutes: 240, priority: "Normal",
                summaries: ["Upgrade 100A panel to 200A", "Replace Federal Pacific panel"]),
        JobType(id: 3010, name: "EV Charger Install", businessUnitID: 2003, skills: ["Electrical", "EV Charger"], minutes: 180, priority: "Normal",
                summaries: ["Install level 2 charger in garage", "Charger install, customer supplies unit"]),
        JobType(id: 3011, name: "Outlet Repair", businessUnitID: 2003, skills: ["Electrical"], minutes: 60, priority: "Low",
                summaries: ["Two dead outlets in the living room", "GFCI in bathroom will not reset"]),
        JobType(id: 3012, name: "Mystery Noise", businessUnitID: 2001, skills: [], minutes: 60, priority: "Normal",
                summaries: ["Banging sound in the ducts at night", "Whistling from the vents"]),
    ]

    struct Zone {
        let id: Int64
        let name: String
        let zips: [String]
        let latitude: Double
        let longitude: Double
    }

    static let zones = [
        Zone(id: 501, name: "North Side", zips: ["60613", "60614", "60618", "60625", "60640"], latitude: 41.955, longitude: -87.680),
        Zone(id: 502, name: "West Side", zips: ["60612", "60622", "60624", "60644", "60647"], latitude: 41.895, longitude: -87.720),
        Zone(id: 503, name: "South Side", zips: ["60609", "60615", "60616", "60617", "60619"], latitude: 41.800, longitude: -87.620),
        Zone(id: 504, name: "Loop & Near North", zips: ["60601", "60605", "60607", "60610", "60654"], latitude: 41.885, longitude: -87.630),
    ]

    /// The technicians the shipped configuration links by name (ServiceTitan).
    static let linkedTechnicians = [
        (first: "Maria", last: "Lopez", skills: ["HVAC", "Gas Furnace Certified"], unit: Int64(2001)),
        (first: "Dan", last: "Okafor", skills: ["Plumbing", "Water Heater"], unit: Int64(2002)),
        (first: "Priya", last: "Shah", skills: ["Electrical", "EV Charger"], unit: Int64(2003)),
    ]

    /// Skill sets of the other technicians, rotating across the trades.
    static let skillSets: [(skills: [String], unit: Int64)] = [
        (["HVAC"], 2001), (["Plumbing"], 2002), (["Electrical"], 2003), (["HVAC", "Gas Furnace Certified"], 2001),
        (["Plumbing", "Water Heater"], 2002), (["Electrical", "EV Charger"], 2003),
    ]

    static let chicagoStreets = [
        "N Clark St", "W Belmont Ave", "N Damen Ave", "W Addison St", "N Lincoln Ave", "W Division St", "N Milwaukee Ave",
        "S Halsted St", "W Cermak Rd", "S Cottage Grove Ave", "E 55th St", "W Roscoe St", "N Sheffield Ave",
        "W Chicago Ave", "S Michigan Ave", "N Broadway", "W Fullerton Ave", "N Western Ave", "W Armitage Ave",
        "S Ashland Ave", "W Irving Park Rd", "N Kedzie Ave", "S State St", "W Montrose Ave",
    ]

    static let campaigns: [Int64] = [61, 62, 63, 64]

    // MARK: Housecall Pro (Front Range Plumbing & Air, Denver)

    struct HCPJobType {
        let name: String
        let tags: [String]
        let minutes: Int
        let descriptions: [String]
    }

    static let hcpJobTypes = [
        HCPJobType(name: "Furnace Repair", tags: ["hvac", "gas-furnace"], minutes: 120,
                   descriptions: ["Furnace will not ignite", "Loud rattle from furnace blower"]),
        HCPJobType(name: "AC Repair", tags: ["hvac"], minutes: 120,
                   descriptions: ["AC not cooling", "Thermostat not calling for cooling"]),
        HCPJobType(name: "Water Heater Install", tags: ["water-heater"], minutes: 180,
                   descriptions: ["Replace 50 gal gas water heater", "Tankless install"]),
        HCPJobType(name: "Drain Clog", tags: ["plumbing"], minutes: 60,
                   descriptions: ["Main line clog", "Bathroom sink clogged"]),
        HCPJobType(name: "Electrical Repair", tags: ["electrical"], minutes: 90,
                   descriptions: ["Breaker keeps tripping", "Replace light switch"]),
        HCPJobType(name: "Gutter Cleaning", tags: [], minutes: 60,
                   descriptions: ["Gutters overflowing", "Clear downspouts"]),
    ]

    static let linkedEmployee = (first: "Sam", last: "Becker", tags: ["hvac", "gas-furnace"])

    static let hcpTagSets: [[String]] = [
        ["plumbing", "water-heater"], ["electrical"], ["hvac", "plumbing"], ["hvac"], ["plumbing"],
    ]

    static let denverStreets = [
        "E Colfax Ave", "S Broadway", "W 32nd Ave", "E 17th Ave", "S Pearl St", "N Federal Blvd", "E Evans Ave",
        "W Alameda Ave", "S University Blvd", "E Hampden Ave", "Tennyson St", "Larimer St",
    ]

    static let denverZips = ["80202", "80203", "80205", "80206", "80209", "80210", "80211", "80218", "80220", "80224"]

    // MARK: People

    static let firstNames = [
        "Tom", "Keisha", "Luis", "Anna", "Marcus", "Sofia", "Ben", "Grace", "Omar", "Hannah", "Diego", "Mei", "Noah",
        "Fatima", "Ethan", "Rosa", "Kevin", "Aisha", "Carlos", "Julia", "Sean", "Lena", "Andre", "Claire", "Victor",
        "Nadia", "Paul", "Imani", "Jonah", "Elena", "Trevor", "Yuki", "Derek", "Amara", "Felix", "Lucia",
    ]

    static let lastNames = [
        "Reyes", "Grant", "Moreno", "Kowalski", "Bell", "Nguyen", "Carter", "Murphy", "Haddad", "Schultz", "Ramirez",
        "Chen", "Foster", "Ali", "Brooks", "Delgado", "Walsh", "Owens", "Novak", "Jensen", "Price", "Ortiz", "Sullivan",
        "Kim", "Baker", "Hughes", "Petrov", "Mensah", "Larsen", "Duarte", "Fischer", "Coleman", "Ibarra", "Lindqvist",
    ]

    static let companySuffixes = ["LLC", "Property Management", "Condo Association", "Dental Group", "Bakery", "Auto Body"]
}
