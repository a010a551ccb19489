import FieldSyncCore
import Foundation
import Testing

@Suite("How HTTP outcomes of a booking write become BookingWriteError")
struct BookingWriteErrorTests {
    static func status(_ status: Int, _ method: String, retryAfter: String? = nil) -> BookingWriteError {
        BookingWriteError.from(status: status, retryAfter: retryAfter, method: method, vendorMessage: "said so", doing: "create the job")
    }

    @Test("a write that may have reached the server has an unknown outcome; one that was not acted on is unavailable")
    func statuses() {
        #expect(Self.status(500, "POST").isUnknownOutcome)
        #expect(Self.status(502, "POST").isUnknownOutcome)
        #expect(Self.status(503, "POST").isUnknownOutcome)
        #expect(Self.status(503, "POST", retryAfter: "30") == .unavailable("the backend was unavailable while trying to create the job (503: said so)", retryAfter: 30))
        #expect(Self.status(429, "POST", retryAfter: "7").unavailable?.retryAfter == 7)
        #expect(Self.status(429, "POST").unavailable?.retryAfter == 1)
        #expect(Self.status(401, "POST").unavailable != nil)
        #expect(Self.status(408, "POST").unavailable != nil)
        #expect(Self.status(500, "GET").unavailable != nil)
        #expect(Self.status(422, "POST") == .refused(status: 422, message: "could not create the job (422: said so)"))
        #expect(Self.status(404, "GET").refusal?.status == 404)
    }

    @Test("no answer to a write is an unknown outcome, unless the connection never opened")
    func transport() throws {
        let url = try #require(URL(string: "http://127.0.0.1:1/jobs"))
        let lost = HTTPTransportError(url: url, message: "the connection was lost")
        let timedOut = HTTPTransportError(url: url, message: "timed out", isTimeout: true)
        let refused = HTTPTransportError(url: url, message: "the connection was refused")
        #expect(BookingWriteError.from(lost, method: "POST", doing: "create the job").isUnknownOutcome)
        #expect(BookingWriteError.from(timedOut, method: "POST", doing: "create the job").isUnknownOutcome)
        #expect(BookingWriteError.from(refused, method: "POST", doing: "create the job").unavailable != nil)
        #expect(BookingWriteError.from(lost, method: "GET", doing: "read").unavailable != nil)
    }

    @Test("a vendor message echoing the customer's name, phone or street is redacted")
    func redaction() {
        let intent = BookingSamples.serviceTitan(customer: BookingSamples.newChicagoCustomer, address: BookingSamples.newChicagoAddress)
        let error = BookingWriteError.refused(
            status: 400, message: "The value 'ana ortiz' is not valid; 7735550900 and 1 N State St are unknown")
        #expect(error.redacting(intent.personalData)
            == .refused(status: 400, message: "The value '<redacted>' is not valid; <redacted> and <redacted> are unknown"))
    }
}
