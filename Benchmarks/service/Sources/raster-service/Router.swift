import HTTPTypes
import Hummingbird

/// The four endpoints of CONTRACT.md. Handlers never throw: every failure becomes a
/// response in `errorResponse(for:)`, so no error reaches the framework's default page.
func makeRouter(_ service: ImageService) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestIDMiddleware())
    router.post("thumbnail") { request, _ in await service.thumbnail(request) }
    router.post("watermark") { request, _ in await service.watermark(request) }
    router.get("healthz") { _, _ in jsonResponse(.ok, #"{"status":"ok"}"#) }
    router.get("metrics") { _, _ in service.metricsResponse() }
    return router
}

/// Echoes the client's `X-Request-Id` on the response, so a client (the load test) can
/// match each answer to the request it sent on a busy connection.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let name = HTTPField.Name("X-Request-Id"), let id = request.headers[name] {
            response.headers[name] = id
        }
        return response
    }
}

/// A response with a small JSON body.
func jsonResponse(_ status: HTTPResponse.Status, _ json: String, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    return Response(status: status, headers: fields,
                    body: ResponseBody(byteBuffer: ByteBuffer(string: json + "\n")))
}
