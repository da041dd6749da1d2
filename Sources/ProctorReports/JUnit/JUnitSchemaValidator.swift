import CLibXML2
import Foundation

/// Validates XML documents against an XML Schema with libxml2, e.g. a scorecard against `junit-10.xsd`.
///
/// The compiled schema is shared; validations are serialised, so one validator may be used from any thread.
public struct JUnitSchemaValidator: Sendable {
    private let schema: CompiledSchema

    /// Reads and compiles the schema at the file URL `schema`; throws with libxml2's messages if it cannot.
    public init(schema: URL) throws {
        guard schema.isFileURL else { throw ReportError("schema \(schema) is not a file URL") }
        self.schema = try LibXML.capturingErrors { errors in
            guard let parser = xmlSchemaNewParserCtxt(schema.path) else {
                throw ReportError("libxml2 could not create a schema parser for \(schema.path)")
            }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, XMLErrorSink.handler, errors.context)
            guard let compiled = xmlSchemaParse(parser) else {
                let detail = errors.messages.isEmpty ? "" : ":\n" + errors.messages.joined(separator: "\n")
                throw ReportError("cannot read the XML schema \(schema.path)\(detail)")
            }
            return CompiledSchema(compiled)
        }
    }

    /// The problems that make `xml` invalid (not well-formed, or not valid against the schema), each with its
    /// line number; empty when the document is valid.
    public func validate(_ xml: Data) -> [String] {
        guard xml.count <= Int(Int32.max) else { return ["document too large to validate (\(xml.count) bytes)"] }
        return LibXML.capturingErrors { errors in
            let document = xml.withUnsafeBytes { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    xmlReadMemory(chars.baseAddress, Int32(chars.count), "scorecard.xml", nil, Int32(XML_PARSE_NONET.rawValue))
                }
            }
            guard let document else {
                return errors.messages.isEmpty ? ["not a well-formed XML document"] : errors.messages
            }
            defer { xmlFreeDoc(document) }
            let result = schema.validate(document, errors: errors)
            if result != 0 && errors.messages.isEmpty {
                errors.append("libxml2 reported the document invalid without a message (code \(result))")
            }
            return errors.messages
        }
    }
}

/// A parsed `xmlSchema`, freed with its last reference; validations against it take turns.
private final class CompiledSchema: @unchecked Sendable {
    private let pointer: xmlSchemaPtr
    private let lock = NSLock()

    init(_ pointer: xmlSchemaPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// libxml2's result: 0 valid, a positive error count, or -1 for an internal error.
    func validate(_ document: xmlDocPtr, errors: XMLErrorSink) -> Int32 {
        lock.withLock {
            guard let context = xmlSchemaNewValidCtxt(pointer) else {
                errors.append("libxml2 could not create a schema validation context")
                return -1
            }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, XMLErrorSink.handler, errors.context)
            return xmlSchemaValidateDoc(context, document)
        }
    }
}
