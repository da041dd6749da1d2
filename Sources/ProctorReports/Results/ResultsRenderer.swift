import Foundation
import ProctorCore

/// Renders a run as JSON Lines: one ``ResultLine`` per graded sample, in report order, keys sorted.
///
/// The keys and their meaning are documented in docs/cli.md ("Results files"). Text is kept exactly, control
/// characters included (escaped).
public struct ResultsRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        let passAtK = PassAtK.byCase(report.results)
        let passAllK = PassAtK.allPassByCase(report.results)
        let encoder = ResultLine.encoder
        var data = Data()
        for result in report.results {
            let group = CaseSamples(result.sample)
            data += try encoder.encode(ResultLine(result, runID: report.runID, passAtK: passAtK[group], passAllK: passAllK[group]))
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }
}
