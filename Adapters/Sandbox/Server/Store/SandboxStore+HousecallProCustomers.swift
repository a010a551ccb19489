/// The Housecall Pro customer endpoints a booking uses, in the shapes of `housecall_v1.yaml`
/// (`CustomerCreate` → `Customer`, `AddressCreate` → `Address`), and the customer search.
/// Created customers are ordinary records: `GET /customers` and the jobs made for them show them.
extension SandboxStore {
    private static let addressRequired = ["street", "city", "state", "zip", "country"]

    /// An `Address` with a new id, from an address in a request (`type` service unless billing).
    private func hcpAddress(_ value: JSONValue, field: String, requireAll: Bool) throws -> JSONValue {
        guard case .object = value else { throw VendorError(.housecallPro, 400, "\(field) must be an object") }
        if requireAll {
            for key in Self.addressRequired where (value[key]?.stringValue ?? "").trimmingSpaces.isEmpty {
                throw VendorError(.housecallPro, 400, "\(field).\(key) is required")
            }
        }
        let type = value["type"]?.stringValue == "billing" ? "billing" : "service"
        return [
            "id": .string(newKey(prefix: "adr")), "type": .string(type), "street": value["street"] ?? .null,
            "street_line_2": value["street_line_2"] ?? .null, "city": value["city"] ?? .null,
            "state": value["state"] ?? .null, "zip": value["zip"] ?? .null, "country": value["country"] ?? .null,
        ]
    }

    /// `POST /customers` (201 with the `Customer`).
    func hcpCreateCustomer(_ body: JSONValue) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.housecallPro, 400, "the request body must be a JSON object") }
        let named = ["first_name", "last_name", "email", "mobile_number", "home_number", "work_number"]
        guard named.contains(where: { !(body[$0]?.stringValue ?? "").trimmingSpaces.isEmpty }) else {
            throw VendorError(
                .housecallPro, 400, "one of first_name, last_name, email, mobile_number, home_number, work_number is required")
        }
        if let tags = body["tags"], !tags.isNull, tags.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            throw VendorError(.housecallPro, 400, "tags must be an array of strings")
        }
        let addresses = try (body["addresses"]?.arrayValue ?? []).enumerated().map { i, a in
            try hcpAddress(a, field: "addresses[\(i)]", requireAll: false)
        }
        var customer: JSONValue = [
            "id": .string(newKey(prefix: "cus")), "first_name": body["first_name"] ?? .null,
            "last_name": body["last_name"] ?? .null, "email": body["email"] ?? .null,
            "mobile_number": body["mobile_number"] ?? .null, "home_number": body["home_number"] ?? .null,
            "work_number": body["work_number"] ?? .null, "company": body["company"] ?? .null,
            "notifications_enabled": body["notifications_enabled"] ?? true, "lead_source": body["lead_source"] ?? .null,
            "notes": body["notes"] ?? .null, "created_at": "", "updated_at": "",
            "company_name": .string(HCPShapes.companyName), "company_id": .string(HCPShapes.companyID),
            "tags": body["tags"] ?? [], "addresses": .array(addresses),
        ]
        customer = insert(.housecallPro(.customers), customer).json(.housecallPro(.customers))
        return JSONWriter.bytes(customer)
    }

    /// `POST /customers/{id}/addresses` (the new `Address`).
    func hcpCreateAddress(customerID: String, body: JSONValue) throws -> [UInt8] {
        guard let customer = stored(.housecallPro(.customers), customerID), customer.active, !customer.deleted else {
            throw VendorError.notFound(.housecallPro, "Customer")
        }
        let address = try hcpAddress(body, field: "address", requireAll: true)
        try rewrite(.housecallPro(.customers), key: customer.key) { json in
            json["addresses"] = .array((json["addresses"]?.arrayValue ?? []) + [address])
        }
        return JSONWriter.bytes(address)
    }

    /// Whether a customer matches `GET /customers?q=`: the text in the name, e-mail or an
    /// address, or (seven digits or more) the digits of a phone number.
    func hcpCustomerMatches(_ record: StoredRecord, query text: String) -> Bool {
        let lower = text.lowercased()
        if record.fields.name?.lowercased().contains(lower) == true { return true }
        let json = record.json(.housecallPro(.customers))
        if json["email"]?.stringValue?.lowercased().contains(lower) == true { return true }
        let digits = text.filter(\.isNumber)
        if digits.count >= 7, digits.count * 2 >= text.filter({ !$0.isWhitespace }).count {
            let wanted = String(digits.suffix(10))
            for key in ["mobile_number", "home_number", "work_number"] {
                if json[key]?.stringValue?.filter(\.isNumber).hasSuffix(wanted) == true { return true }
            }
        }
        return (json["addresses"]?.arrayValue ?? []).contains {
            $0["street"]?.stringValue?.lowercased().contains(lower) == true
        }
    }
}
