import Simulator

/// Fills `{{functions}}` (the scenario's built-in functions), `{{app}}` (the application's
/// base URL) and `{{account_sid}}` into every URL of a scenario, once they are known at run time.
struct Placeholders {
    let functions: String
    let app: String?
    /// The base URL of the built-in functions behind the declared Serverless functions.
    var serverlessFunctions = ""
    /// Known once the world exists.
    var accountSid = ""
    /// Values `rest` steps saved from their answers, and the declared Serverless domains
    /// (`domain:SERVICE`, `domain:SERVICE/ENVIRONMENT`: `https://…twil.io`).
    var saved: [String: String] = [:]

    /// Adds the domains of the declared Serverless Services, as the world will draw them.
    mutating func addDomains(of services: [ServerlessServiceDeclaration], seed: UInt64, stream: String) {
        for service in services {
            let base = ServerlessServiceDeclaration.domainBase(service: service.uniqueName, seed: seed, stream: stream)
            for (index, environment) in service.environments.enumerated() {
                let url = "https://" + ServerlessServiceDeclaration.domain(base: base, suffix: environment.domainSuffix)
                if index == 0 { saved["domain:\(service.uniqueName)"] = url }
                saved["domain:\(service.uniqueName)/\(environment.uniqueName)"] = url
            }
        }
    }

    func fill(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "{{functions}}", with: functions)
        if let app { result = result.replacingOccurrences(of: "{{app}}", with: app) }
        if !accountSid.isEmpty { result = result.replacingOccurrences(of: "{{account_sid}}", with: accountSid) }
        for (name, value) in saved { result = result.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return result
    }

    func fill(_ text: String?) -> String? {
        text.map { fill($0) }
    }

    func fill(_ world: WorldConfiguration) -> WorldConfiguration {
        var world = world
        world.numbers = world.numbers.map { number in
            var number = number
            number.smsURL = fill(number.smsURL)
            number.smsFallbackURL = fill(number.smsFallbackURL)
            number.statusCallback = fill(number.statusCallback)
            number.voice.url = fill(number.voice.url)
            number.voice.fallbackURL = fill(number.voice.fallbackURL)
            number.voice.statusCallback = fill(number.voice.statusCallback)
            return number
        }
        world.messagingServices = world.messagingServices.map { service in
            var service = service
            service.inboundRequestURL = fill(service.inboundRequestURL)
            service.fallbackURL = fill(service.fallbackURL)
            service.statusCallback = fill(service.statusCallback)
            return service
        }
        world.proxyServices = world.proxyServices.map { service in
            var service = service
            service.callbackURL = fill(service.callbackURL)
            service.interceptCallbackURL = fill(service.interceptCallbackURL)
            service.outOfSessionCallbackURL = fill(service.outOfSessionCallbackURL)
            return service
        }
        func filled(_ targets: ConversationWebhookTargets) -> ConversationWebhookTargets {
            var targets = targets
            targets.preWebhookURL = fill(targets.preWebhookURL)
            targets.postWebhookURL = fill(targets.postWebhookURL)
            return targets
        }
        world.conversations.webhooks = filled(world.conversations.webhooks)
        world.serverless = world.serverless.map { service in
            var service = service
            service.functions = service.functions.map { item in
                var item = item
                // A built-in function's origin is its path under the run's function server.
                if let origin = item.origin, origin.hasPrefix("/") { item.origin = serverlessFunctions + origin }
                return item
            }
            return service
        }
        world.conversations.services = world.conversations.services.map { service in
            var service = service
            service.webhooks = filled(service.webhooks)
            return service
        }
        world.conversations.conversations = world.conversations.conversations.map { conversation in
            var conversation = conversation
            conversation.webhooks = conversation.webhooks.map { webhook in
                var webhook = webhook
                webhook.url = fill(webhook.url)
                return webhook
            }
            return conversation
        }
        return world
    }

    func fill(_ step: Step) -> Step {
        if case .rest(var call, let times, let save) = step {
            call.url = fill(call.url)
            call.parameters = call.parameters.map { ($0.0, fill($0.1)) }
            call.body = fill(call.body)
            return .rest(call, times: times, save: save)
        }
        guard case .send(let from, let service, let to, let body, let media, let callback) = step else { return step }
        return .send(from: from, service: service, to: to, body: body, media: media, statusCallback: fill(callback))
    }

    func fill(_ expectation: Expectation) -> Expectation {
        switch expectation {
        case .webhook(let matcher, let count): return .webhook(fill(matcher), count: count)
        case .webhooksInOrder(let matchers):
            return .webhooksInOrder(matchers.map { step in
                if case .webhook(let matcher) = step { return .webhook(fill(matcher)) }
                if case .apiRequest(var matcher) = step {
                    matcher.parameters = matcher.parameters.map { ($0.name, fill($0.value)) }
                    matcher.path = fill(matcher.path)
                    return .apiRequest(matcher)
                }
                return step
            })
        case .answer(var answer):
            answer.webhook = fill(answer.webhook)
            return .answer(answer)
        default: return expectation
        }
    }

    private func fill(_ matcher: WebhookMatcher) -> WebhookMatcher {
        var matcher = matcher
        matcher.url = fill(matcher.url)
        matcher.location = fill(matcher.location)
        return matcher
    }
}
