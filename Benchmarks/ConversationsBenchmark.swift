import Foundation
import Platform
import Simulator
import Stubs
import Webhooks

/// 1,000 conversations × 20 messages in one world, each message with its pre-event
/// (`onMessageAdd`) and post-event (`onMessageAdded`) webhook over real HTTP to a trivial local
/// app (a built-in function): hooks per second, beside the webhook pipeline's own figure in the
/// same run (the same number of bare signed deliveries to the same endpoint, one at a time, as
/// a world sends them), and peak memory.
enum ConversationsBenchmark {
    static let conversations = 1_000
    static let messagesEach = 20

    static func run() async throws {
        print("== conversations: \(conversations) conversations x \(messagesEach) messages, pre- and post-hooks over HTTP")
        let server = try await FunctionServer.start()
        let url = server.register(service: "bench", functions: ["/hook": FunctionDefinition()]) + "/hook"
        var configuration = WorldConfiguration()
        configuration.conversations.webhooks = ConversationWebhookTargets(preWebhookURL: url, postWebhookURL: url,
                                                                          filters: ["onMessageAdd", "onMessageAdded"])
        for index in 0..<conversations {
            var conversation = ChatConversationDeclaration()
            conversation.uniqueName = "conversation-\(index)"
            conversation.participants = [ChatParticipantDeclaration(identity: "user-\(index)")]
            configuration.conversations.conversations.append(conversation)
        }
        let client = WebhookClient(configuration: .init(authToken: configuration.authToken))
        let memoryBefore = peakMegabytes()
        let world = World(configuration: configuration, webhooks: client)
        let start = ContinuousClock.now
        for round in 0..<messagesEach {
            for index in 0..<conversations {
                _ = await world.addChatMessage(to: "conversation-\(index)", service: nil, author: nil, body: "message \(round)",
                                               origin: .sdk(identity: "user-\(index)"), cause: nil)
            }
        }
        let seconds = (ContinuousClock.now - start).inSeconds
        let hooks = world.timeline.webhooks.count
        let messages = world.chatConversations().reduce(0) { $0 + $1.messages.count }
        let memory = peakMegabytes()

        // The pipeline alone: as many signed deliveries of an informational callback, one at a time.
        let request = WebhookRequest(url: url, parameters: [Parameter("EventType", "onMessageAdded"), Parameter("Body", "message")],
                                     kind: .conversationEvent, event: "CH0", idempotencyToken: "t", time: 0)
        let pipelineStart = ContinuousClock.now
        for _ in 0..<hooks { _ = await client.deliver(request) }
        let pipelineSeconds = (ContinuousClock.now - pipelineStart).inSeconds
        await client.shutdown()
        await server.stop()
        let hookRate = Double(hooks) / seconds
        let pipelineRate = Double(hooks) / pipelineSeconds
        print("\(messages) messages, \(hooks) hooks in \(format(seconds, 2)) s: \(format(hookRate)) hooks/s; "
            + "the pipeline alone \(format(pipelineRate)) deliveries/s; ratio \(format(hookRate / pipelineRate, 2)); "
            + "peak memory \(format(memory)) MB (\(format(memoryBefore)) MB before)")
    }
}
