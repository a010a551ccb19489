import Hummingbird

/// The ServiceTitan endpoints, under `/servicetitan`, with the spec's paths.
enum STRoutes {
    static func register(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        let st = router.group("servicetitan")

        st.post("connect/token") { request, context -> Response in
            let form = QueryParameters(String(decoding: try await RequestBodyReader.bytes(request), as: UTF8.self))
            do {
                return Replies.json(try await store.issueToken(form: form), context: context)
            } catch let error as VendorError {
                return Replies.error(error, context: context)
            }
        }

        /// A list, a lookup by id, and (when the spec has one) an export feed.
        func resource(_ module: String, _ path: String, _ r: ServiceTitanResource, export: String? = nil, lookup: Bool = true) {
            registerResource(st, store: store, module: module, path: path, r, export: export, lookup: lookup)
        }

        resource("settings", "technicians", .technicians, export: "technicians")
        resource("settings", "business-units", .businessUnits, export: "business-units")
        resource("dispatch", "technician-shifts", .technicianShifts)
        resource("dispatch", "non-job-appointments", .nonJobAppointments)
        resource("dispatch", "zones", .zones)
        resource("dispatch", "appointment-assignments", .appointmentAssignments, export: "appointment-assignments", lookup: false)
        resource("jpm", "jobs", .jobs, export: "jobs")
        resource("jpm", "appointments", .appointments, export: "appointments")
        resource("jpm", "job-types", .jobTypes)
        resource("crm", "customers", .customers, export: "customers")
        resource("crm", "locations", .locations, export: "locations")
        resource("crm", "customers/contacts", .customerContacts, export: "customers/contacts", lookup: false)

        st.get("crm/v2/tenant/:tenant/customers/:id/contacts") { request, context -> Response in
            let items = query(request).items + [
                (name: "customerIds", value: context.parameters.get("id") ?? ""),
                (name: "modifiedOnOrAfter", value: "1970-01-01T00:00:00Z"),
            ]
            let q = QueryParameters(items: items, caseInsensitive: true)
            return Replies.json(try await store.stList(.customerContacts, q).body, context: context)
        }

        // Writes.
        st.post("crm/v2/tenant/:tenant/customers") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stCreateCustomer(body), context: context)
        }
        st.post("crm/v2/tenant/:tenant/locations") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stCreateLocation(body), context: context)
        }
        st.post("jpm/v2/tenant/:tenant/jobs") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stCreateJob(body), context: context)
        }
        st.put("jpm/v2/tenant/:tenant/jobs/:id/cancel") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            try await store.stCancelJob(id: context.parameters.get("id") ?? "", body: body)
            return Replies.empty()
        }
        st.post("jpm/v2/tenant/:tenant/appointments") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stCreateAppointment(body), context: context)
        }
        st.patch("jpm/v2/tenant/:tenant/appointments/:id/reschedule") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stReschedule(id: context.parameters.get("id") ?? "", body: body), context: context)
        }
        st.put("jpm/v2/tenant/:tenant/appointments/:id/hold") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            try await store.stHold(id: context.parameters.get("id") ?? "", body: body)
            return Replies.empty()
        }
        st.delete("jpm/v2/tenant/:tenant/appointments/:id/hold") { _, context -> Response in
            try await store.stRemoveHold(id: context.parameters.get("id") ?? "")
            return Replies.empty()
        }
        st.delete("jpm/v2/tenant/:tenant/appointments/:id") { _, context -> Response in
            try await store.stDeleteAppointment(id: context.parameters.get("id") ?? "")
            return Replies.empty()
        }
        st.post("dispatch/v2/tenant/:tenant/appointment-assignments/assign-technicians") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stAssign(body, assign: true), context: context)
        }
        st.post("dispatch/v2/tenant/:tenant/appointment-assignments/unassign-technicians") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .serviceTitan)
            return Replies.json(try await store.stAssign(body, assign: false), context: context)
        }
    }

    static func query(_ request: Request) -> QueryParameters {
        QueryParameters(request.uri.query, caseInsensitive: true)
    }

    static func registerResource(
        _ st: RouterGroup<SandboxRequestContext>, store: SandboxStore, module: String, path: String,
        _ r: ServiceTitanResource, export: String?, lookup: Bool
    ) {
        let base = "\(module)/v2/tenant/:tenant/"
        st.get(RouterPath(base + path)) { request, context -> Response in
            let (body, served) = try await store.stList(r, query(request))
            if context.fault?.kind == .changeBetweenPages, let first = served.first {
                try? await store.touch(.serviceTitan(r), id: first)
            }
            return Replies.json(body, context: context)
        }
        if lookup {
            st.get(RouterPath(base + path + "/:id")) { request, context -> Response in
                let id = context.parameters.get("id") ?? ""
                return Replies.json(try await store.stGet(r, id: id, query(request)), context: context)
            }
        }
        if let export {
            st.get(RouterPath(base + "export/" + export)) { request, context -> Response in
                let (body, served) = try await store.stExport(r, query(request))
                if context.fault?.kind == .changeBetweenPages, let first = served.first {
                    try? await store.touch(.serviceTitan(r), id: first)
                }
                return Replies.json(body, context: context)
            }
        }
    }
}
