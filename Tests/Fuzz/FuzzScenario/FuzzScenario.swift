// libFuzzer target: any bytes as a scenario file, loaded as `switchboard run` loads it. A
// broken file must be a load error with its place, never a trap.
import FuzzDriver
import Foundation
import Scenario

/// One file rewritten for each input, in memory-backed storage where there is some.
let path = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    + "/switchboard-fuzz-\(getpid()).yaml"

@_cdecl("FuzzScenario_main")
public func main(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzScenario(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    _ = try? ScenarioLoader.load(file: path)
    return 0
}
