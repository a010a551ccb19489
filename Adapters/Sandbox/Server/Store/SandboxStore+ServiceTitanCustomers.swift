/// The ServiceTitan CRM write endpoints a booking uses, in the spec's shapes
/// (`Crm.V2.Customers.CreateCustomerRequest` → `CreatedCustomerResponse`,
/// `Crm.V2.Locations.CreateLocationRequest` → `CreateLocationResponse`). Created customers,
/// locations and contacts are ordinary records: lists, lookups and exports show them.
extension SandboxStore {
    private static let contactTypes = ["Phone", "Email", "Fax", "MobilePhone"]

    private func validation(_ field: String, _ message: String) -> VendorError {
        VendorError(.serviceTitan, 400, "One or more validation errors occurred.", fieldErrors: [(field, [message])])
    }

    /// A `Crm.V2.Customers.CustomerAddress` as stored (`street`, `city`, `zip` required).
    private func stAddress(_ value: JSONValue?, field: String) throws -> JSONValue {
        guard let value, case .object = value else { throw validation(field, "The \(field) field is required.") }
        for key in ["street", "city", "zip"] where (value[key]?.stringValue ?? "").trimmingSpaces.isEmpty {
            throw validation("\(field).\(key)", "The \(key) field is required.")
        }
        return [
            "street": value["street"] ?? .null, "unit": value["unit"] ?? .null, "city": value["city"] ?? .null,
            "state": value["state"] ?? .null, "zip": value["zip"] ?? .null, "country": value["country"] ?? "USA",
            "latitude": value["latitude"] ?? .null, "longitude": value["longitude"] ?? .null,
        ]
    }

    /// `externalData` of a create request (customer, location, job) as stored: (guid,
    /// `[{key, value}]`), or nil; 400 when it is not `{applicationGuid, externalData: [{key, value}]}`.
    func stExternalData(_ body: JSONValue) throws -> (String, JSONValue)? {
        guard let ext = body["externalData"], !ext.isNull else { return nil }
        guard let guid = ext["applicationGuid"]?.stringValue, let items = ext["externalData"]?.arrayValue,
              items.allSatisfy({ $0["key"]?.stringValue != nil && $0["value"]?.stringValue != nil })
        else {
            throw VendorError.badValue(
                .serviceTitan, field: "externalData", value: JSONWriter.string(ext),
                expected: #"{"applicationGuid": "<guid>", "externalData": [{"key": "…", "value": "…"}]}"#)
        }
        return (guid.lowercased(), .array(items.map { ["key": $0["key"] ?? "", "value": $0["value"] ?? ""] }))
    }

    /// Checks contacts (`type` one of the spec's, `value` present) before anything is written.
    private func stContacts(_ value: JSONValue?, field: String) throws -> [(type: String, value: String, memo: String?)] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue else { throw validation(field, "The \(field) field must be an array.") }
        return try list.enumerated().map { i, c in
            guard let type = c["type"]?.stringValue, Self.contactTypes.contains(type) else {
                throw validation("\(field)[\(i)].type", "The type must be Phone, Email, Fax or MobilePhone.")
            }
            guard let text = c["value"]?.stringValue, !text.trimmingSpaces.isEmpty else {
                throw validation("\(field)[\(i)].value", "The value field is required.")
            }
            return (type, text, c["memo"]?.stringValue)
        }
    }

    @discardableResult
    private func stInsertContact(customerID: Int64, type: String, value: String, memo: String?) -> StoredRecord {
        let stamp = formatStamp(.serviceTitan, nextStamp(.serviceTitan))
        let digits = value.filter(\.isNumber)
        return insert(.serviceTitan(.customerContacts), [
            "id": .int(newID(.customerContacts)), "type": .string(type), "value": .string(value), "memo": .string(orNull: memo),
            "phoneSettings": type == "Email" ? nil : ["phoneNumber": .string(digits), "doNotText": false],
            "preferences": ["jobRemindersEnabled": true, "marketingUpdatesEnabled": false, "invoiceStatementNotification": false],
            "customerId": .int(customerID), "active": true, "createdOn": .string(stamp), "modifiedOn": .string(stamp),
        ])
    }

    private func stInsertLocation(customerID: Int64, name: String, address: JSONValue, external: (String, JSONValue)?) -> JSONValue {
        var json: JSONValue = [
            "id": .int(newID(.locations)), "customerId": .int(customerID), "active": true, "name": .string(name),
            "address": address, "customFields": [], "createdOn": "", "createdById": .int(STShapes.apiUserID),
            "modifiedOn": "", "mergedToId": nil, "zoneId": nil, "taxExempt": false, "tagTypeIds": [], "externalData": [],
            "taxZoneId": nil,
        ]
        var record = insert(.serviceTitan(.locations), json)
        if let (guid, items) = external {
            record.externalData[guid] = items
            tables[.serviceTitan(.locations)]?.replace(record)
        }
        json = record.json(.serviceTitan(.locations))
        if let (_, items) = external { json["externalData"] = items }
        return json
    }

    /// `POST crm/v2/tenant/{t}/customers`: the customer with its locations and contacts.
    func stCreateCustomer(_ body: JSONValue) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.serviceTitan, 400, "The request body must be a JSON object.") }
        guard let name = body["name"]?.stringValue, !name.trimmingSpaces.isEmpty else {
            throw validation("name", "The name field is required.")
        }
        let type = body["type"]?.stringValue ?? "Residential"
        guard ["Residential", "Commercial"].contains(type) else {
            throw VendorError.badValue(.serviceTitan, field: "type", value: type, expected: "Residential or Commercial")
        }
        let billTo = try stAddress(body["address"], field: "address")
        guard let newLocations = body["locations"]?.arrayValue, !newLocations.isEmpty else {
            throw validation("locations", "A customer needs at least one location.")
        }
        var sites: [(name: String, address: JSONValue)] = []
        for (i, l) in newLocations.enumerated() {
            guard let siteName = l["name"]?.stringValue, !siteName.trimmingSpaces.isEmpty else {
                throw validation("locations[\(i)].name", "The name field is required.")
            }
            sites.append((siteName, try stAddress(l["address"], field: "locations[\(i)].address")))
        }
        let contacts = try stContacts(body["contacts"], field: "contacts")
        let external = try stExternalData(body)

        let id = newID(.customers)
        var customer = insert(.serviceTitan(.customers), [
            "id": .int(id), "active": true, "name": .string(name), "type": .string(type), "address": billTo,
            "customFields": [], "balance": 0, "taxExempt": false, "tagTypeIds": [], "doNotMail": false,
            "doNotService": false, "nationalAccount": false, "createdOn": "", "createdById": .int(STShapes.apiUserID),
            "modifiedOn": "", "mergedToId": nil, "paymentTermId": nil, "creditLimit": nil, "creditLimitBalance": nil,
            "externalData": [],
        ])
        if let (guid, items) = external {
            customer.externalData[guid] = items
            tables[.serviceTitan(.customers)]?.replace(customer)
        }
        var out = customer.json(.serviceTitan(.customers))
        if let (_, items) = external { out["externalData"] = items }
        out["locations"] = .array(sites.map { stInsertLocation(customerID: id, name: $0.name, address: $0.address, external: external) })
        out["contacts"] = .array(contacts.map {
            var contact = stInsertContact(customerID: id, type: $0.type, value: $0.value, memo: $0.memo).json(.serviceTitan(.customerContacts))
            contact["customerId"] = nil
            contact["active"] = nil
            return contact
        })
        return JSONWriter.bytes(out)
    }

    /// `POST crm/v2/tenant/{t}/locations` (409 when the customer is unknown, as the spec says).
    func stCreateLocation(_ body: JSONValue) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.serviceTitan, 400, "The request body must be a JSON object.") }
        guard let customerID = body["customerId"]?.intValue else { throw validation("customerId", "The customerId field is required.") }
        guard let name = body["name"]?.stringValue, !name.trimmingSpaces.isEmpty else {
            throw validation("name", "The name field is required.")
        }
        let address = try stAddress(body["address"], field: "address")
        guard let customer = stored(.serviceTitan(.customers), String(customerID)), customer.active, !customer.deleted else {
            throw VendorError(.serviceTitan, 409, "Unknown customer \(customerID).")
        }
        let external = try stExternalData(body)
        let contacts = try stContacts(body["contacts"], field: "contacts")
        let location = stInsertLocation(customerID: customerID, name: name, address: address, external: external)
        for c in contacts { stInsertContact(customerID: customerID, type: c.type, value: c.value, memo: c.memo) }
        return JSONWriter.bytes(location)
    }

    /// The customers with a phone contact whose digits end with `digits` (at least 7 of them),
    /// for `GET crm/v2/tenant/{t}/customers?phone=`.
    func stCustomers(withPhone text: String) -> Set<Int64> {
        let wanted = String(text.filter(\.isNumber).suffix(10))
        guard wanted.count >= 7 else { return [] }
        var ids = Set<Int64>()
        for contact in table(.serviceTitan(.customerContacts)).records where contact.active && !contact.deleted {
            let json = contact.json(.serviceTitan(.customerContacts))
            guard json["type"]?.stringValue != "Email", let value = json["value"]?.stringValue,
                  let customer = contact.fields.customerID
            else { continue }
            if value.filter(\.isNumber).hasSuffix(wanted) { ids.insert(customer) }
        }
        return ids
    }
}
