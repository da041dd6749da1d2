import Foundation

/// Turns a run into the bytes of one report file.
public protocol ReportRenderer: Sendable {
    func render(_ report: RunReport) throws -> Data
}
