// libFuzzer target: any bytes as a form body or query string, and as a configured webhook URL
// with its `#` connection overrides, resolved against a base as a TwiML URL is.
import FuzzDriver
import Traffic

@_cdecl("FuzzForm_main")
public func main(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzForm(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let pairs = FormEncoding.decode(buffer)
    _ = FormEncoding.encode(pairs)
    let text = String(decoding: buffer, as: UTF8.self)
    _ = ConnectionOverrides.parse(url: text)
    _ = WebhookURL.resolve(text, against: "https://app.example.com/voice/menu?step=1")
    _ = WebhookURL.redacted(text)
    return 0
}
