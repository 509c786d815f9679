extension Grammar {
    /// Messaging TwiML: `<Message>` (with `<Body>` and `<Media>`), `<Redirect>`, legacy `<Sms>`.
    public static let messaging = Grammar(
        dialect: .messaging,
        verbs: ["Message", "Redirect", "Sms"],
        elements: [
            ElementSpec("Message", text: .optional, children: ["Body", "Media"], [
                AttributeSpec("to", .text),
                AttributeSpec("from", .text),
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("statusCallback", .url),
            ]),
            ElementSpec("Body", text: .required),
            ElementSpec("Media", text: .required),
            ElementSpec("Redirect", text: .required, [AttributeSpec("method", .method, default: "POST")]),
            ElementSpec("Sms", text: .required, [
                AttributeSpec("to", .text),
                AttributeSpec("from", .text),
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("statusCallback", .url),
            ]),
        ])
}
