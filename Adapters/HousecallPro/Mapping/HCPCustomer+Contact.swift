import FieldSyncCore

extension HCPCustomer {
    /// The customer's name, phone and email, with `address`: the person's name when there is
    /// one, else the company's; the mobile number, else home, else work.
    func contact(address: Location?) -> Customer {
        let person = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return Customer(
            name: person.isEmpty ? company : person, phone: mobileNumber ?? homeNumber ?? workNumber, email: email,
            address: address)
    }
}
