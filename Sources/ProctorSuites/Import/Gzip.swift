import CZlib
import Foundation

/// Decompresses gzip (or zlib) data with the system zlib.
enum Gzip {
    /// Whether `data` starts with the gzip magic bytes.
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The decompressed bytes of every member of `data`; throws a message for corrupt or truncated input.
    static func decompress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard proctor_inflate_init_gzip(&stream) == Z_OK else { throw GzipError("cannot start zlib") }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = [UInt8](data)
        var offset = 0
        while offset < input.count {
            let status: Int32 = input.withUnsafeMutableBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_in = source.baseAddress.map { $0 + offset }
                    stream.avail_in = uInt(source.count - offset)
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    offset = source.count - Int(stream.avail_in)
                    return status
                }
            }
            output.append(contentsOf: chunk[..<(chunk.count - Int(stream.avail_out))])
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another gzip member may follow.
                guard offset < input.count, inflateReset(&stream) == Z_OK else { return output }
            case Z_BUF_ERROR where stream.avail_out > 0:
                throw GzipError("the compressed data is truncated")
            default:
                throw GzipError("the compressed data is corrupt" + (stream.msg.map { ": " + String(cString: $0) } ?? ""))
            }
        }
        throw GzipError("the compressed data is truncated")
    }
}

struct GzipError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
