/// The generated area code table, read once into a lookup.
enum AreaCodes {
    struct Region {
        let state: String
        let city: String?
    }

    static let regions: [String: Region] = {
        var regions: [String: Region] = [:]
        for line in areaCodeTable.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2)
            regions[String(fields[0])] = Region(state: String(fields[1]), city: fields.count > 2 ? String(fields[2]) : nil)
        }
        return regions
    }()
}
