import Foundation

/// The reconciliation report as one self-contained HTML file (placeholder until the full page).
public enum ReconcileHTML {
    public static func render(_ report: ReconcileReport) -> String {
        "<!doctype html><title>fieldsync reconcile</title><p>\(report.outcome.rawValue)</p>"
    }
}
