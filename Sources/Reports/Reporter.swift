/// A report `switchboard run` can write (`--reporter NAME`).
public enum Reporter: String, CaseIterable, Sendable {
    case html, junit, json, text, markdown, tap, har

    /// The report's file in the reports folder (HAR files go beside each scenario's journal).
    public var fileName: String? {
        switch self {
        case .html: "report.html"
        case .junit: "junit.xml"
        case .json: "results.json"
        case .text: "report.txt"
        case .markdown: "summary.md"
        case .tap: "report.tap"
        case .har: nil
        }
    }

    /// The format of a summary report; nil for the page and the HAR files, which the stream
    /// writes scenario by scenario.
    var summary: (any SummaryReport.Type)? {
        switch self {
        case .junit: JUnitReport.self
        case .json: ResultsJSON.self
        case .text: TextReport.self
        case .markdown: MarkdownSummary.self
        case .tap: TAPReport.self
        case .html, .har: nil
        }
    }
}
