import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("rule_violation: the shop's own rules")
struct ShopRulesCheckTests {
    @Test("a technician sent to a customer the rules say never to send them to is reported, with the rule's reason")
    func neverSend() {
        var b = SnapshotBuilder()
        let derek = b.technician("derek", name: "Derek Ibarra")
        let other = b.technician("other")
        let theirs = b.job("700400", customer: "400042")
        let theirsAgain = b.job("700401", customer: "400042")
        let someoneElse = b.job("700402", customer: "400043")
        b.appointment("bad", "2026-12-01 09:00", "2026-12-01 10:00", technicians: [derek], job: theirs)
        b.appointment("fine-other-tech", "2026-12-02 09:00", "2026-12-02 10:00", technicians: [other], job: theirsAgain)
        b.appointment("fine-other-customer", "2026-12-03 09:00", "2026-12-03 10:00", technicians: [derek], job: someoneElse)
        var rules = CheckRules()
        rules.neverSend = [.init(technicianID: "derek", source: "lakeshore-st", customerID: "400042", reason: "complaint in March")]
        let findings = b.findings(rules: rules, only: [ShopRulesCheck()])
        #expect(findings.map { $0.records[0].id } == ["bad"])
        #expect(findings.first?.detail == "never_send")
        #expect(findings.first?.message.contains("complaint in March") == true)
    }

    @Test("more appointments in a local day than the limit is one finding per technician-day, counted in local time across DST")
    func dailyLimit() {
        // Chicago leaves DST on 2026-11-01 (a 25-hour day). 23:30 local on Oct 31 is 04:30Z on Nov 1: still Oct 31.
        var b = SnapshotBuilder()
        let t = b.technician("t", name: "Andre Ortiz")
        for (i, hour) in [8, 10, 12, 14, 16].enumerated() {
            b.appointment("nov2-\(i)", "2026-11-02 \(hour):00", "2026-11-02 \(hour):45", technicians: [t])
        }
        for (i, time) in ["2026-10-31 19:00", "2026-10-31 20:00", "2026-10-31 21:00", "2026-10-31 23:30"].enumerated() {
            let end = time.replacingOccurrences(of: ":00", with: ":20").replacingOccurrences(of: "23:30", with: "23:50")
            b.appointment("oct31-\(i)", time, end, technicians: [t])
        }
        b.appointment("nov1-0", "2026-11-01 00:30", "2026-11-01 01:00", technicians: [t])
        var rules = CheckRules()
        rules.maxJobsPerDay = 4
        let findings = b.findings(rules: rules, only: [ShopRulesCheck()])
        #expect(findings.count == 1)
        #expect(findings.first?.detail == "max_jobs_per_day:2026-11-02")
        #expect(findings.first?.records.filter { $0.type == "appointment" }.count == 5)
        // A per-technician limit replaces the shop's.
        rules.maxJobsPerDayByTechnician["t"] = 5
        #expect(b.findings(rules: rules, only: [ShopRulesCheck()]).isEmpty)
    }

    @Test("the daily-limit finding keeps its id when one more appointment lands on the same day")
    func dailyLimitIdentity() {
        var rules = CheckRules()
        rules.maxJobsPerDay = 2
        var b = SnapshotBuilder()
        let t = b.technician("t")
        for h in [8, 10, 12] { b.appointment("a\(h)", "2026-12-01 \(h):00", "2026-12-01 \(h):30", technicians: [t]) }
        let first = b.findings(rules: rules, only: [ShopRulesCheck()])
        b.appointment("a14", "2026-12-01 14:00", "2026-12-01 14:30", technicians: [t])
        let second = b.findings(rules: rules, only: [ShopRulesCheck()])
        #expect(first.count == 1 && second.count == 1)
        #expect(first.first?.id == second.first?.id)
    }

    @Test("the shop can change a kind's severity")
    func severityOverride() {
        var b = SnapshotBuilder()
        b.job("x", hasPhone: false)
        var rules = CheckRules()
        rules.severities[.missingData] = .info
        #expect(b.findings(rules: rules, only: [MissingDataCheck()]).first?.severity == .info)
    }
}
