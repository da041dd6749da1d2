import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A scorecard parsed back with Foundation's XML parser, independent of the writer that produced it.
struct XMLTree {
    let root: XMLElement

    init(_ data: Data) throws {
        let document = try XMLDocument(data: data)
        guard let root = document.rootElement() else { throw CocoaError(.fileReadCorruptFile) }
        self.root = root
    }

    func elements(_ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }
}

extension XMLElement {
    subscript(attribute name: String) -> String? {
        attribute(forName: name)?.stringValue
    }

    var childNames: [String] {
        (children ?? []).compactMap { ($0 as? XMLElement)?.name }
    }

    func child(_ name: String) -> XMLElement? {
        elements(forName: name).first
    }

    /// The suite's `<property>` values by name.
    var properties: [String: String] {
        var values: [String: String] = [:]
        for property in child("properties")?.elements(forName: "property") ?? [] {
            if let name = property[attribute: "name"] { values[name] = property[attribute: "value"] }
        }
        return values
    }
}
