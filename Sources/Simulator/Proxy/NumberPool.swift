import Platform

/// Chooses a participant's proxy number from a service's pool (shared/reference §6.3): the
/// capabilities its mode needs, the service's geo match level, reserved numbers only when
/// named, never a number the participant already holds in another active session; then
/// stickiness (prefer-sticky: the number held last; avoid-sticky: one never held, else the one
/// held longest ago), then the least used number (pool order breaks ties, so the choice is the
/// same on every run).
public struct NumberPool: Sendable {
    /// A pool number and how many active participants hold it (`in_use`).
    public struct Entry: Sendable {
        public let configuration: ProxyNumberConfiguration
        public internal(set) var inUse = 0
        /// Where the number is, read once: a short code is in its `iso_country` (US unless given).
        let isoCountry: String?
        let areaCode: String?

        init(configuration: ProxyNumberConfiguration) {
            self.configuration = configuration
            let phone = PhoneNumber(configuration.number)
            isoCountry = configuration.isoCountry ?? (configuration.isShortCode ? "US" : phone?.isoCountry)
            areaCode = phone?.areaCode
        }
    }

    public internal(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]

    public init() {}

    /// Whether the number is in this pool.
    public func contains(_ number: String) -> Bool { positions[number] != nil }

    mutating func add(_ number: ProxyNumberConfiguration) {
        positions[number.number] = entries.count
        entries.append(Entry(configuration: number))
    }

    mutating func remove(_ number: String) {
        guard let position = positions[number] else { return }
        entries.remove(at: position)
        positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.configuration.number, $0) })
    }

    mutating func setReserved(_ number: String, _ reserved: Bool) {
        guard let position = positions[number] else { return }
        var configuration = entries[position].configuration
        configuration.isReserved = reserved
        let inUse = entries[position].inUse
        entries[position] = Entry(configuration: configuration)
        entries[position].inUse = inUse
    }

    mutating func removeAll() {
        entries.removeAll()
        positions.removeAll()
    }

    /// Counts a participant taking (+1) or leaving (-1) a number.
    mutating func adjustUse(of number: String, by delta: Int) {
        guard let position = positions[number] else { return }
        entries[position].inUse = max(0, entries[position].inUse + delta)
    }

    /// The proxy number for a new participant, or the error the platform gives.
    /// - Parameters:
    ///   - held: numbers this identifier already holds in active sessions.
    ///   - history: numbers this identifier held in earlier sessions of the service, oldest first.
    func select(for identifier: String, named: String?, mode: ProxySessionMode, geoMatchLevel: GeoMatchLevel,
                behavior: NumberSelectionBehavior, held: Set<String>, history: [String]) -> Result<String, PlatformError> {
        if let named {
            guard contains(named) else {
                return .failure(PlatformError(80601, "\(named) is not a number of this Proxy Service's pool"))
            }
            guard !held.contains(named) else {
                return .failure(PlatformError(80623, "\(identifier) already holds \(named) in another active session"))
            }
            return .success(named)
        }
        guard !entries.isEmpty else { return .failure(PlatformError(80205, "the Proxy Service has no numbers in its pool")) }
        var candidates = entries
        if mode.needsVoice {
            candidates = candidates.filter { $0.configuration.capabilities.contains(.voice) }
            guard !candidates.isEmpty else {
                return .failure(PlatformError(80201, "no voice-capable number in the pool for a \(mode.rawValue) session"))
            }
        } else {
            candidates = candidates.filter { $0.configuration.capabilities.contains(.sms) }
            guard !candidates.isEmpty else { return .failure(PlatformError(80206, "no SMS-capable number in the pool")) }
        }
        let participant = PhoneNumber(identifier)
        if let country = participant?.isoCountry {
            candidates = candidates.filter { $0.isoCountry == country }
            guard !candidates.isEmpty else { return .failure(PlatformError(80203, "no number in the pool for \(identifier)'s country (\(country))")) }
            if geoMatchLevel != .country, let area = participant?.areaCode {
                candidates = candidates.filter { $0.areaCode == area }
                guard !candidates.isEmpty else {
                    return .failure(PlatformError(80206, "no number in the pool in area code \(area) (geo_match_level \(geoMatchLevel.rawValue))"))
                }
            }
        }
        candidates = candidates.filter { !$0.configuration.isReserved }
        guard !candidates.isEmpty else {
            return .failure(PlatformError(80207, "only reserved numbers match; name one as proxy_identifier to use it"))
        }
        candidates = candidates.filter { !held.contains($0.configuration.number) }
        guard !candidates.isEmpty else {
            return .failure(PlatformError(80208, "every matching number is already held by \(identifier) in another active session"))
        }
        switch behavior {
        case .preferSticky:
            if let sticky = history.last(where: { number in candidates.contains { $0.configuration.number == number } }) {
                return .success(sticky)
            }
        case .avoidSticky:
            let fresh = candidates.filter { !history.contains($0.configuration.number) }
            if !fresh.isEmpty {
                candidates = fresh
            } else if let oldest = history.first(where: { number in candidates.contains { $0.configuration.number == number } }) {
                return .success(oldest)
            }
        }
        let least = candidates.min { $0.inUse < $1.inUse }!
        return .success(least.configuration.number)
    }
}
