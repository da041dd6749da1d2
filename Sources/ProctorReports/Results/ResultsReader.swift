import Foundation
import ProctorCore

/// Reads a results file back into graded samples, everything the reports are rendered from included.
public enum ResultsReader {
    /// The graded samples of a results file and the run ids it names; `BadInput` with file and line otherwise.
    ///
    /// Reads schema 2 and the lines of schema 1 (without `schema`) alike.
    public static func read(_ url: URL, displayPath: String) throws -> (results: [GradedSample], runIDs: [String]) {
        let data: Data
        do {
            data = try FileContents.read(url)
        } catch {
            throw BadInput(.error("cannot read results file: \(error.localizedDescription)", at: SourceLocation(file: displayPath)))
        }
        var results: [GradedSample] = []
        var runIDs: [String] = []
        var diagnostics: [Diagnostic] = []
        let decoder = JSONDecoder()
        for (number, text) in JSONLines.lines(of: data) {
            let location = SourceLocation(file: displayPath, line: number)
            let line: ResultLine
            do {
                line = try decoder.decode(ResultLine.self, from: text)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.last?.stringValue == "schema" {
                diagnostics.append(.error(context.debugDescription, at: location, hint: "read it with a newer Proctor"))
                break
            } catch {
                diagnostics.append(.error(
                    "not a results line (suite, case, sample, pattern, verdict)", at: location,
                    hint: "read the results files that `proctor run --results` writes"))
                continue
            }
            results.append(line.graded(origin: location))
            if let runID = line.runID, !runIDs.contains(runID) { runIDs.append(runID) }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        return (results, runIDs)
    }

    /// The graded samples of a results file, which must hold at least one.
    public static func samples(_ url: URL, displayPath: String) throws -> [GradedSample] {
        let results = try read(url, displayPath: displayPath).results
        if results.isEmpty { throw BadInput(.error("the results file is empty", at: SourceLocation(file: displayPath))) }
        return results
    }
}
