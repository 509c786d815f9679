// libFuzzer target: any bytes as an app's answer, read as the platform reads TwiML (parsed
// with libxml2, validated in both dialects, read into verbs). Nothing may trap or hang.
import FuzzDriver
import TwiML

@_cdecl("FuzzTwiML_main")
public func main(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzTwiML(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTwiML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let document) = TwiMLDocument.parse(bytes) else { return 0 }
    _ = document.diagnostics(as: .voice)
    _ = document.diagnostics(as: .messaging)
    _ = document.voiceVerbs()
    _ = document.messagingVerbs()
    return 0
}
