import CLibXML2

/// Process-wide libxml2 set-up and scoped capture of the errors it reports.
enum LibXML {
    private static let initialized: Void = xmlInitParser()

    /// Runs `body` with this thread's libxml2 errors routed to a fresh sink instead of standard error.
    ///
    /// libxml2 keeps its error handler per thread; the previous handler is restored afterwards.
    static func capturingErrors<T>(_ body: (XMLErrorSink) throws -> T) rethrows -> T {
        initialized
        let sink = XMLErrorSink()
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(sink.context, XMLErrorSink.handler)
        defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }
        return try withExtendedLifetime(sink) { try body(sink) }
    }
}
