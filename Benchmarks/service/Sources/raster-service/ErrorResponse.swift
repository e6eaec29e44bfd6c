import Hummingbird
import Raster

/// The one place errors become HTTP responses. Every error Raster throws answers its
/// `ErrorKind`, so this is a switch over six kinds, not a list of codec cases.
func errorResponse(for error: any Error) -> Response {
    guard let failure = error as? any RasterFailure else {
        // Nothing but Raster's errors and ServiceError should reach here; anything else is
        // this service's own fault, and says so rather than blaming the input.
        return jsonResponse(.internalServerError, #"{"error":"internal: \#(jsonEscaped("\(error)"))"}"#)
    }
    let status: HTTPResponse.Status
    var headers: HTTPFields = [:]
    switch failure.kind {
    case .corrupt, .truncated, .invalidArgument:
        status = .badRequest
    case .limitExceeded:
        status = .contentTooLarge
    case .unsupported:
        status = .unsupportedMediaType
    case .budgetExceeded:
        status = .serviceUnavailable
        headers[.retryAfter] = "1"
    }
    return jsonResponse(status, #"{"error":"\#(jsonEscaped(failure.description))"}"#, headers: headers)
}

/// `error` as the inside of a JSON string: one line, quotes and controls escaped.
func jsonEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
