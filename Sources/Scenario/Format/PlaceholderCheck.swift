import Platform

/// `{{…}}` in a scenario file (outside its functions, whose answers may use the request's
/// parameters, `{{Body}}`) names the built-in functions or the app: any other name is a mistake,
/// and `{{app}}` needs an app (`app.base_url`, or `app.command`). The `app:` section's own
/// `{{port}}` is checked where it is read. Both are load errors at the place written, before the run.
enum PlaceholderCheck {
    static let known = ["functions", "app", "account_sid"]

    /// Checks the files of one scenario (its includes and itself), as written.
    /// `saved`: the names the scenario's `rest` steps save from their answers.
    static func check(_ files: [YAMLNode], hasApp: Bool, saved: [String] = []) throws(ScenarioError) {
        for file in files where file.mayHavePlaceholders {
            guard case .mapping(let mapping) = file.node else { continue }
            for (key, value) in mapping where !["functions", "app", "serverless"].contains(key.string) {
                try check(value, in: file, hasApp: hasApp, known: known + saved)
            }
        }
    }

    private static func check(_ node: YAMLTree, in file: YAMLNode, hasApp: Bool, known: [String]) throws(ScenarioError) {
        switch node {
        case .scalar(let scalar):
            // Most values hold no placeholder: a byte scan before the pieces are made.
            guard scalar.string.utf8.contains(UInt8(ascii: "{")) else { return }
            for case .name(let written) in PlaceholderText.pieces(of: scalar.string) {
                let name = String(written)
                let place = YAMLNode(node: node, file: file.file, variables: [:])
                guard known.contains(name) else {
                    throw place.fail("unknown placeholder '{{\(name)}}': a scenario's URLs take {{functions}} (its built-in functions), "
                                     + "{{app}} (the app's base URL), {{account_sid}}, {{domain:SERVICE}} (a declared Serverless Service's) "
                                     + "or a name a rest step saves" + Spelling.didYouMean(name, among: known))
                }
                if name == "app", !hasApp { throw place.fail("{{app}} needs the app's address: add app: {base_url: \"http://…\"}, or app: {command: …} for Switchboard to start it") }
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                try check(key, in: file, hasApp: hasApp, known: known)
                try check(value, in: file, hasApp: hasApp, known: known)
            }
        case .sequence(let sequence):
            for item in sequence { try check(item, in: file, hasApp: hasApp, known: known) }
        }
    }
}
