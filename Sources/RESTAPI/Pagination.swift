import Traffic

/// The two page shapes of the platform's lists (the 2010 API's `*_uri` fields beside one
/// list key, and v1's `meta` object), with `PageSize` (1–1000, 50 by default) and `PageToken`
/// (`PA` and the SID of the previous page's last record). Only a page's own records are rendered.
struct Pagination {
    let size: Int
    let page: Int
    /// The SID after which the page starts.
    let after: String?

    /// `largest`: the resource's own cap on `PageSize` (Conversations: 100, 50, or 5 for webhooks).
    init(_ request: APIRequest, largest: Int = 1000) throws(APIError) {
        let sizeText = request.value("PageSize")
        guard let size = sizeText.map({ Int($0) }) ?? min(50, largest), (1...largest).contains(size) else {
            throw APIError.invalid(20001, "PageSize must be a whole number from 1 to \(largest), not '\(sizeText ?? "")'")
        }
        self.size = size
        page = request.value("Page").flatMap(Int.init).map { max(0, $0) } ?? 0
        let token = request.value("PageToken")
        after = token.flatMap { $0.hasPrefix("PA") ? String($0.dropFirst(2)) : nil }
    }

    /// The records of this page and whether more follow.
    func slice<Item>(_ items: [Item], sid: (Item) -> String) -> (records: ArraySlice<Item>, start: Int, hasMore: Bool) {
        var start = page * size
        if let after, let position = items.firstIndex(where: { sid($0) == after }) { start = position + 1 }
        start = min(start, items.count)
        let end = min(start + size, items.count)
        return (items[start..<end], start, end < items.count)
    }

    /// The query of another page: the request's filters, then `PageSize`, `Page`, `PageToken`.
    private func query(_ request: APIRequest, page: Int, token: String?) -> String {
        let filters = request.query.filter { !["PageSize", "Page", "PageToken"].contains($0.0) }
        return FormEncoding.encode(filters + [("PageSize", String(size)), ("Page", String(page))] + (token.map { [("PageToken", $0)] } ?? []))
    }

    /// A 2010 list: relative URIs, `start`/`end`, and the one list key.
    func v2010<Item>(_ request: APIRequest, key: String, items: [Item], sid: (Item) -> String, render: (Item) -> JSON) -> JSON {
        let (records, start, hasMore) = slice(items, sid: sid)
        let path = request.path
        let here = FormEncoding.encode(request.query)
        return .object([
            ("first_page_uri", .string(path + "?" + query(request, page: 0, token: nil))),
            ("end", .int(records.isEmpty ? 0 : start + records.count - 1)),
            ("previous_page_uri", page > 0 ? .string(path + "?" + query(request, page: page - 1, token: nil)) : .null),
            (key, .array(records.map(render))),
            ("uri", .string(here.isEmpty ? path : path + "?" + here)),
            ("page_size", .int(size)),
            ("start", .int(records.isEmpty ? 0 : start)),
            ("next_page_uri", hasMore ? .string(path + "?" + query(request, page: page + 1, token: "PA" + sid(records.last!))) : .null),
            ("page", .int(page)),
        ])
    }

    /// A v1 list: the list key and `meta` with absolute URLs on the request's own host.
    func v1<Item>(_ request: APIRequest, key: String, items: [Item], sid: (Item) -> String, render: (Item) -> JSON) -> JSON {
        let (records, _, hasMore) = slice(items, sid: sid)
        let base = request.baseURL + request.path
        let here = FormEncoding.encode(request.query)
        return .object([
            (key, .array(records.map(render))),
            ("meta", .object([
                ("page", .int(page)),
                ("page_size", .int(size)),
                ("first_page_url", .string(base + "?" + query(request, page: 0, token: nil))),
                ("previous_page_url", page > 0 ? .string(base + "?" + query(request, page: page - 1, token: nil)) : .null),
                ("url", .string(here.isEmpty ? base : base + "?" + here)),
                ("next_page_url", hasMore ? .string(base + "?" + query(request, page: page + 1, token: "PA" + sid(records.last!))) : .null),
                ("key", .string(key)),
            ])),
        ])
    }
}
