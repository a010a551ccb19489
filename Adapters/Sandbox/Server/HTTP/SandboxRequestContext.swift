import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage, the connection (so a fault can close it
/// without answering), and the fault the middleware chose for the handler to apply.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// A fault the handler applies itself (`truncate`, `change-between-pages`).
    var fault: FaultSpec?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
