import CLibXML2
import Foundation

/// A thin, throwing wrapper over libxml2's `xmlTextWriter` writing into memory.
///
/// Every attribute value and text node goes through `xmlSafe`, so the output is XML 1.0 whatever the input.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private let errors: XMLErrorSink

    /// Creates a writer; `errors` must be the sink libxml2 reports to while the writer is used.
    init(errors: XMLErrorSink) throws {
        self.errors = errors
        guard let buffer = xmlBufferCreate() else { throw ReportError("libxml2 could not allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw ReportError("libxml2 could not create a text writer")
        }
        self.buffer = buffer
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "set indentation")
        try check(Self.withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) }, "set indentation")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func startDocument() throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    func startElement(_ name: String) throws {
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
    }

    func attribute(_ name: String, _ value: String) throws {
        let result = Self.withXMLChars(name) { name in
            Self.withXMLChars(value.xmlSafe) { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(result, "write attribute \(name)")
    }

    func text(_ text: String) throws {
        try check(Self.withXMLChars(text.xmlSafe) { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "end an element")
    }

    /// Writes `<name>` with `attributes`, then whatever `content` writes, then `</name>`.
    func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], content: () throws -> Void = {}
    ) throws {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        try content()
        try endElement()
    }

    /// Ends the document and returns its bytes.
    func finish() throws -> Data {
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try check(xmlTextWriterFlush(writer), "flush the writer")
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    private func check(_ result: Int32, _ action: String) throws {
        guard result < 0 else { return }
        let detail = errors.messages.last.map { ": \($0)" } ?? ""
        throw ReportError("libxml2 failed to \(action) of the JUnit scorecard\(detail)")
    }

    private static func withXMLChars<T>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        string.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
