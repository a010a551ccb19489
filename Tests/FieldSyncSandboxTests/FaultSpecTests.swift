import FieldSyncSandbox
import Testing

@Suite("Fault specifications")
struct FaultSpecTests {
    @Test("a full spec reads every key")
    func parsesKeys() throws {
        let spec = try FaultSpec(parsing: "429:path=export/jobs,after=2,times=3,retry-after=1")
        #expect(spec.kind == .rateLimit)
        #expect(spec.path == "export/jobs")
        #expect(spec.after == 2)
        #expect(spec.times == 3)
        #expect(spec.retryAfter == 1)
        #expect(spec.vendor == nil)
    }

    @Test("a status code names a server error; times=all never stops")
    func statusKinds() throws {
        let spec = try FaultSpec(parsing: "504:vendor=hcp,times=all")
        #expect(spec.kind == .serverError)
        #expect(spec.status == 504)
        #expect(spec.vendor == .housecallPro)
        #expect(spec.times == nil)
        #expect(try FaultSpec(parsing: "truncate:mode=abort").abortConnection)
        #expect(try FaultSpec(parsing: "slow:delay=1.5").delay == 1.5)
        #expect(try FaultSpec(parsing: "timeout").hold == 30)
        #expect(try FaultSpec(parsing: "change-between-pages").kind == .changeBetweenPages)
    }

    @Test("the canonical text reads back as the same fault")
    func roundTrip() throws {
        for text in ["429:path=x,after=1,times=2,retry-after=3", "503:vendor=st", "slow:delay=0.5,times=all", "bad-cursor", "expired-token:after=4"] {
            let spec = try FaultSpec(parsing: text)
            #expect(try FaultSpec(parsing: spec.description) == spec)
        }
    }

    @Test("mistakes are reported with the spec and an example")
    func errors() {
        for bad in ["teapot", "429:after=-1", "429:colour=red", "503:status=200", "slow:delay=soon", "429:vendor=jobber", "429:path"] {
            #expect(throws: SandboxError.self) { try FaultSpec(parsing: bad) }
        }
        do {
            _ = try FaultSpec(parsing: "429:colour=red")
        } catch {
            #expect(error.code == .invalidFault)
            #expect(error.message.contains("colour"))
            #expect(error.message.contains("example"))
        }
    }
}
