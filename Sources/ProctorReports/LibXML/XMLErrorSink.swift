import Foundation
import CLibXML2

/// Collects the errors libxml2 reports through a structured-error callback, as `line N: message`.
final class XMLErrorSink {
    private(set) var messages: [String] = []

    /// The pointer to hand libxml2 as the callback's context; valid while the sink is alive.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The callback for `xmlSetStructuredErrorFunc` and the schema contexts; `context` must be a sink's.
    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }

    func append(_ message: String) {
        messages.append(message)
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.message.map { String(cString: $0) } ?? "unknown libxml2 error (code \(error.code))"
        let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
        messages.append(error.line > 0 ? "line \(error.line): \(message)" : message)
    }
}
