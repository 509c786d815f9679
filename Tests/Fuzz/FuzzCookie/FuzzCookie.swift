// libFuzzer target: any bytes as a `Set-Cookie` header an app sends, stored and sent back as
// the platform keeps SMS cookies.
import FuzzDriver
import Webhooks

@_cdecl("FuzzCookie_main")
public func main(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzCookie(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCookie(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let header = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let jar = CookieJar()
    jar.store(setCookie: header, from: "+15558675310", to: "+14155550100", now: 1_767_225_600)
    _ = jar.header(from: "+15558675310", to: "+14155550100", now: 1_767_225_700)
    return 0
}
