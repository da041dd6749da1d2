import Foundation
import ProctorCore
import ProctorReports

/// `fixtures/judge/calibration.json`: the judges' measured agreement with people, by suite, judge model and settings,
/// written by `proctor calibrate` and read by every run.
public struct CalibrationStore: Sendable {
    public var file: URL

    public init(file: URL) {
        self.file = file
    }

    /// One stored measurement.
    public struct Entry: Sendable, Hashable, Codable {
        public var suite: String
        public var judgeModel: String
        public var judgeSettings: String
        /// The judge alone against the labels; nil when undefined (every label the same).
        public var kappa: Double?
        public var agreement: Double
        public var labels: Int
        public var calibratedAt: String
        /// What the suite's judged cases and the judge prompt were when measured (``JudgeCalibrations/fingerprint(of:)``).
        public var fingerprint: String?

        enum CodingKeys: String, CodingKey {
            case suite, kappa, agreement, labels, fingerprint
            case judgeModel = "judge_model", judgeSettings = "judge_settings", calibratedAt = "calibrated_at"
        }

        public init(
            suite: String, judge: JudgeIdentity, kappa: Double?, agreement: Double, labels: Int, at date: Date,
            fingerprint: String? = nil
        ) {
            self.fingerprint = fingerprint
            self.suite = suite
            judgeModel = judge.model
            judgeSettings = judge.settings
            self.kappa = kappa
            self.agreement = agreement
            self.labels = labels
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            calibratedAt = formatter.string(from: date)
        }

        /// `encode` writes `kappa` even when nil, so "undefined" is never mistaken for "missing".
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(suite, forKey: .suite)
            try container.encode(judgeModel, forKey: .judgeModel)
            try container.encode(judgeSettings, forKey: .judgeSettings)
            try container.encode(kappa, forKey: .kappa)
            try container.encode(agreement, forKey: .agreement)
            try container.encode(labels, forKey: .labels)
            try container.encode(calibratedAt, forKey: .calibratedAt)
            try container.encode(fingerprint, forKey: .fingerprint)
        }
    }

    private struct Contents: Codable {
        var calibrations: [Entry]
    }

    /// The stored entries; none when the file does not exist. A file that is not a calibration is bad input.
    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        do {
            return try JSONDecoder().decode(Contents.self, from: Data(contentsOf: file)).calibrations
        } catch {
            throw BadInput(.error(
                "not a judge calibration file: \(error.localizedDescription)", at: SourceLocation(file: file.relativePath),
                hint: "run `proctor calibrate LABELS` to write it again"))
        }
    }

    /// The stored kappas, for a run.
    public func calibrations() throws -> JudgeCalibrations {
        var measures: [JudgeCalibrations.Key: JudgeCalibrations.Measure] = [:]
        for entry in try entries() {
            measures[JudgeCalibrations.Key(suite: entry.suite, judge: JudgeIdentity(model: entry.judgeModel, settings: entry.judgeSettings))] =
                JudgeCalibrations.Measure(kappa: entry.kappa, labels: entry.labels, fingerprint: entry.fingerprint)
        }
        return JudgeCalibrations(measures: measures)
    }

    /// Replaces the entries of the same suite, judge model and settings with `new`, keeps the others; atomically.
    public func save(_ new: [Entry]) throws {
        let replaced = Set(new.map { "\($0.suite)\u{0}\($0.judgeModel)\u{0}\($0.judgeSettings)" })
        let kept = try entries().filter { !replaced.contains("\($0.suite)\u{0}\($0.judgeModel)\u{0}\($0.judgeSettings)") }
        let all = (kept + new).sorted { ($0.suite, $0.judgeModel, $0.judgeSettings) < ($1.suite, $1.judgeModel, $1.judgeSettings) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            try ReportFile.write(encoder.encode(Contents(calibrations: all)) + Data("\n".utf8), to: file)
        } catch let error as ReportError {
            throw BadInput(.error("cannot replace \(file.relativePath): \(error)"))
        }
    }
}
