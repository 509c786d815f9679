/// The country calling codes the simulator recognises, longest prefix first when matched.
enum CallingCodes {
    struct Entry {
        let code: String
        let country: String
    }

    static let entries: [Entry] = [
        ("1", "US"), ("7", "RU"), ("20", "EG"), ("27", "ZA"), ("30", "GR"), ("31", "NL"), ("32", "BE"),
        ("33", "FR"), ("34", "ES"), ("36", "HU"), ("39", "IT"), ("40", "RO"), ("41", "CH"), ("43", "AT"),
        ("44", "GB"), ("45", "DK"), ("46", "SE"), ("47", "NO"), ("48", "PL"), ("49", "DE"), ("51", "PE"),
        ("52", "MX"), ("54", "AR"), ("55", "BR"), ("56", "CL"), ("57", "CO"), ("60", "MY"), ("61", "AU"),
        ("62", "ID"), ("63", "PH"), ("64", "NZ"), ("65", "SG"), ("66", "TH"), ("81", "JP"), ("82", "KR"),
        ("84", "VN"), ("86", "CN"), ("90", "TR"), ("91", "IN"), ("92", "PK"), ("234", "NG"), ("254", "KE"),
        ("351", "PT"), ("353", "IE"), ("354", "IS"), ("358", "FI"), ("372", "EE"), ("420", "CZ"),
        ("852", "HK"), ("886", "TW"), ("971", "AE"), ("972", "IL"), ("966", "SA"),
    ].map { Entry(code: $0.0, country: $0.1) }

    static func match(_ digits: String) -> Entry? {
        for length in [3, 2, 1] {
            let prefix = String(digits.prefix(length))
            if let entry = entries.first(where: { $0.code == prefix }) { return entry }
        }
        return nil
    }

    /// Area codes of the North American Numbering Plan that belong to Canada.
    static let canadianAreaCodes: Set<String> = [
        "204", "226", "236", "249", "250", "263", "289", "306", "343", "354", "365", "367", "368", "382",
        "403", "416", "418", "428", "431", "437", "438", "450", "468", "474", "506", "514", "519", "548",
        "579", "581", "584", "587", "604", "613", "639", "647", "672", "683", "709", "742", "753", "778",
        "780", "782", "807", "819", "825", "867", "873", "879", "902", "905",
    ]
}
