import Hummingbird

/// The Housecall Pro endpoints, under `/housecallpro`, with the spec's paths.
enum HCPRoutes {
    static func register(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        let hcp = router.group("housecallpro")

        hcp.get("employees") { request, context -> Response in
            Replies.json(try await store.hcpEmployees(query(request)), context: context)
        }
        hcp.get("customers") { request, context -> Response in
            Replies.json(try await store.hcpCustomers(query(request)), context: context)
        }
        hcp.post("customers") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(try await store.hcpCreateCustomer(body), status: .created, context: context)
        }
        hcp.post("customers/:id/addresses") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(
                try await store.hcpCreateAddress(customerID: context.parameters.get("id") ?? "", body: body), context: context)
        }
        hcp.get("job_fields/job_types") { request, context -> Response in
            Replies.json(try await store.hcpJobTypes(query(request)), context: context)
        }
        hcp.get("events") { request, context -> Response in
            Replies.json(try await store.hcpEvents(query(request)), context: context)
        }
        hcp.get("company/schedule_availability/booking_windows") { request, context -> Response in
            Replies.json(try await store.hcpBookingWindows(query(request)), context: context)
        }
        hcp.get("jobs") { request, context -> Response in
            let (body, served) = try await store.hcpJobs(query(request))
            await touchFirst(store, .jobs, served, context)
            return Replies.json(body, context: context)
        }
        hcp.post("jobs") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(try await store.hcpCreateJob(body), status: .created, context: context)
        }
        hcp.get("jobs/:id") { request, context -> Response in
            Replies.json(try await store.hcpJob(id: context.parameters.get("id") ?? "", query(request)), context: context)
        }
        hcp.get("jobs/:id/appointments") { _, context -> Response in
            Replies.json(try await store.hcpAppointments(jobID: context.parameters.get("id") ?? ""), context: context)
        }
        hcp.post("jobs/:id/appointments") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(
                try await store.hcpAddAppointment(jobID: context.parameters.get("id") ?? "", body: body), status: .created,
                context: context)
        }
        hcp.put("jobs/:id/appointments/:appointment") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(
                try await store.hcpUpdateAppointment(
                    jobID: context.parameters.get("id") ?? "", appointmentID: context.parameters.get("appointment") ?? "",
                    body: body), context: context)
        }
        hcp.delete("jobs/:id/appointments/:appointment") { _, context -> Response in
            try await store.hcpDeleteAppointment(
                jobID: context.parameters.get("id") ?? "", appointmentID: context.parameters.get("appointment") ?? "")
            return Replies.empty()
        }
        hcp.put("jobs/:id/dispatch") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(try await store.hcpDispatch(jobID: context.parameters.get("id") ?? "", body: body), context: context)
        }
        hcp.put("jobs/:id/schedule") { request, context -> Response in
            let body = try await RequestBodyReader.json(request, vendor: .housecallPro)
            return Replies.json(try await store.hcpSchedule(jobID: context.parameters.get("id") ?? "", body: body), context: context)
        }
        hcp.delete("jobs/:id/schedule") { _, context -> Response in
            Replies.json(try await store.hcpUnschedule(jobID: context.parameters.get("id") ?? ""), context: context)
        }
    }

    static func query(_ request: Request) -> QueryParameters { QueryParameters(request.uri.query) }

    /// The change-between-pages fault: the first record just served is modified.
    static func touchFirst(
        _ store: SandboxStore, _ resource: HousecallProResource, _ served: [String], _ context: SandboxRequestContext
    ) async {
        if context.fault?.kind == .changeBetweenPages, let first = served.first {
            try? await store.touch(.housecallPro(resource), id: first)
        }
    }
}
