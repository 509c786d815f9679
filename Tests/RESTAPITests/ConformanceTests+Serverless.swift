@testable import RESTAPI
import Simulator
import Testing

/// The Serverless operations, each sent a success and an error case; versions are uploaded as
/// `multipart/form-data` and checked against the fetch operation's schema.
extension ConformanceTests {
    static func exerciseServerless(_ checker: Checker, world: WorldHandle) async throws {
        let host = "https://serverless.twilio.com/v1/Services"
        let upload = "https://serverless-upload.twilio.com/v1/Services"
        let unknown = String(repeating: "0", count: 32)
        func send(_ operation: String, _ method: String, _ url: String, _ parameters: [(String, String)] = [], status: Int) async -> JSONValue {
            await checker.send(.serverless, operation, method, url, parameters, status: status)
        }
        let created = await send("CreateService", "POST", host, [("UniqueName", "order-bot"), ("FriendlyName", "Order bot")], status: 201)
        await send("CreateService", "POST", host, [("UniqueName", "no spaces allowed"), ("FriendlyName", "x")], status: 400)
        let service = try #require(created["sid"]?.text, "\(checker.failures.joined(separator: "\n"))")
        await send("ListService", "GET", host, status: 200)
        await send("ListService", "GET", host + "?PageSize=0", status: 400)
        await send("FetchService", "GET", host + "/order-bot", status: 200)
        await send("FetchService", "GET", host + "/ZS\(unknown)", status: 404)
        await send("UpdateService", "POST", host + "/\(service)", [("FriendlyName", "Orders")], status: 200)
        await send("UpdateService", "POST", host + "/\(service)", [("UniqueName", "renamed")], status: 400)

        let environments = host + "/\(service)/Environments"
        let environment = await send("CreateEnvironment", "POST", environments, [("UniqueName", "dev-environment"), ("DomainSuffix", "dev")],
                                     status: 201)
        await send("CreateEnvironment", "POST", environments, [("UniqueName", "x"), ("DomainSuffix", "not_url-friendly!")], status: 400)
        let environmentSid = try #require(environment["sid"]?.text)
        let domain = environment["domain_name"]?.text ?? ""
        #expect(domain.hasPrefix("order-bot-") && domain.hasSuffix("-dev.twil.io") && domain.count == "order-bot-1234-dev.twil.io".count, "\(domain)")
        await send("ListEnvironment", "GET", environments, status: 200)
        await send("ListEnvironment", "GET", host + "/ZS\(unknown)/Environments", status: 404)
        await send("FetchEnvironment", "GET", environments + "/\(environmentSid)", status: 200)
        await send("FetchEnvironment", "GET", environments + "/ZE\(unknown)", status: 404)

        var versions: [String: String] = [:]
        for (kind, plural) in [("Function", "Functions"), ("Asset", "Assets")] {
            let resources = host + "/\(service)/\(plural)"
            let resource = await send("Create\(kind)", "POST", resources, [("FriendlyName", "/hello")], status: 201)
            await send("Create\(kind)", "POST", resources, [], status: 400)
            let sid = try #require(resource["sid"]?.text)
            await send("List\(kind)", "GET", resources, status: 200)
            await send("List\(kind)", "GET", host + "/ZS\(unknown)/\(plural)", status: 404)
            await send("Fetch\(kind)", "GET", resources + "/\(sid)", status: 200)
            await send("Fetch\(kind)", "GET", resources + "/ZH\(unknown)", status: 404)
            await send("Update\(kind)", "POST", resources + "/\(sid)", [("FriendlyName", "/greeting")], status: 200)
            await send("Update\(kind)", "POST", resources + "/\(sid)", [], status: 400)
            let file = UploadedFile(content: Array("exports.handler = (context, event, callback) => callback(null, 'hi')".utf8),
                                    contentType: kind == "Function" ? "application/javascript" : "text/plain", filename: "hello.js")
            let uploaded = await checker.send(.serverlessUpload, "Create\(kind)Version", "POST", upload + "/\(service)/\(plural)/\(sid)/Versions",
                                              [("Path", "hello"), ("Visibility", "protected")], files: [("Content", file)],
                                              schemaOf: ("Fetch\(kind)Version", 200), status: 201)
            await checker.send(.serverlessUpload, "Create\(kind)Version", "POST", upload + "/\(service)/\(plural)/\(sid)/Versions",
                               [("Path", "hello"), ("Visibility", "secret")], files: [("Content", file)], schemaOf: ("Fetch\(kind)Version", 200),
                               status: 400)
            let version = try #require(uploaded["sid"]?.text, "\(checker.failures.joined(separator: "\n"))")
            #expect(uploaded["path"]?.text == "/hello", "the path gets its leading /")
            versions[kind] = version
            await send("List\(kind)Version", "GET", resources + "/\(sid)/Versions", status: 200)
            await send("List\(kind)Version", "GET", resources + "/ZH\(unknown)/Versions", status: 404)
            await send("Fetch\(kind)Version", "GET", resources + "/\(sid)/Versions/\(version)", status: 200)
            await send("Fetch\(kind)Version", "GET", resources + "/\(sid)/Versions/ZN\(unknown)", status: 404)
            if kind == "Function" {
                let content = await send("FetchFunctionVersionContent", "GET", resources + "/\(sid)/Versions/\(version)/Content", status: 200)
                #expect(content["content"]?.text?.hasPrefix("exports.handler") == true)
                await send("FetchFunctionVersionContent", "GET", resources + "/\(sid)/Versions/ZN\(unknown)/Content", status: 404)
            }
        }

        let builds = host + "/\(service)/Builds"
        let build = await send("CreateBuild", "POST", builds, [("FunctionVersions", versions["Function"]!), ("AssetVersions", versions["Asset"]!),
                                                               ("Dependencies", #"[{"name":"twilio","version":"5.0.0"}]"#), ("Runtime", "node22")],
                               status: 201)
        await send("CreateBuild", "POST", builds, [("FunctionVersions", "ZN\(unknown)")], status: 400)
        let buildSid = try #require(build["sid"]?.text)
        #expect(build["status"]?.text == "building")
        let deployments = environments + "/\(environmentSid)/Deployments"
        await send("CreateDeployment", "POST", deployments, [("BuildSid", buildSid)], status: 400)
        // The build completes on the clock.
        await world.withWorld { await $0.settle() }
        let status = await send("FetchBuildStatus", "GET", builds + "/\(buildSid)/Status", status: 200)
        #expect(status["status"]?.text == "completed")
        await send("FetchBuildStatus", "GET", builds + "/ZB\(unknown)/Status", status: 404)
        await send("ListBuild", "GET", builds, status: 200)
        await send("ListBuild", "GET", host + "/ZS\(unknown)/Builds", status: 404)
        await send("FetchBuild", "GET", builds + "/\(buildSid)", status: 200)
        await send("FetchBuild", "GET", builds + "/ZB\(unknown)", status: 404)
        let deployment = await send("CreateDeployment", "POST", deployments, [("BuildSid", buildSid)], status: 201)
        let deploymentSid = try #require(deployment["sid"]?.text)
        await send("ListDeployment", "GET", deployments, status: 200)
        await send("ListDeployment", "GET", environments + "/ZE\(unknown)/Deployments", status: 404)
        await send("FetchDeployment", "GET", deployments + "/\(deploymentSid)", status: 200)
        await send("FetchDeployment", "GET", deployments + "/ZD\(unknown)", status: 404)
        let deployed = await send("FetchEnvironment", "GET", environments + "/\(environmentSid)", status: 200)
        #expect(deployed["build_sid"]?.text == buildSid)
        await send("DeleteBuild", "DELETE", builds + "/\(buildSid)", status: 400)

        let variables = environments + "/\(environmentSid)/Variables"
        let variable = await send("CreateVariable", "POST", variables, [("Key", "STORE_NAME"), ("Value", "Owl Shoes")], status: 201)
        await send("CreateVariable", "POST", variables, [("Key", "TOO_LONG"), ("Value", String(repeating: "x", count: 451))], status: 400)
        let variableSid = try #require(variable["sid"]?.text)
        await send("ListVariable", "GET", variables, status: 200)
        await send("ListVariable", "GET", environments + "/ZE\(unknown)/Variables", status: 404)
        await send("FetchVariable", "GET", variables + "/\(variableSid)", status: 200)
        await send("FetchVariable", "GET", variables + "/ZV\(unknown)", status: 404)
        await send("UpdateVariable", "POST", variables + "/\(variableSid)", [("Value", "Owl Shoes & Co")], status: 200)
        await send("UpdateVariable", "POST", variables + "/\(variableSid)", [("Key", String(repeating: "K", count: 129))], status: 400)
        await send("DeleteVariable", "DELETE", variables + "/\(variableSid)", status: 204)
        await send("DeleteVariable", "DELETE", variables + "/\(variableSid)", status: 404)

        // The console lines of a function's execution are its environment's Logs.
        let logs = environments + "/\(environmentSid)/Logs"
        await world.withWorld { world in
            guard let environment = world.serverlessService(service).flatMap({ world.serverlessEnvironments(of: $0).first }),
                  let version = world.serverlessVersion(versions["Function"]!) else { return }
            world.recordServerlessLogs([("info", "hello"), ("warn", "careful")], of: version, in: environment)
        }
        let listedLogs = await send("ListLog", "GET", logs, status: 200)
        await send("ListLog", "GET", logs + "?StartDate=yesterday", status: 400)
        guard case .array(let logItems) = listedLogs["logs"], let logSid = logItems.first?["sid"]?.text else {
            Issue.record("no logs listed: \(listedLogs)")
            return
        }
        #expect(logItems.count == 2 && logItems.first?["message"]?.text == "careful", "newest first")
        await send("FetchLog", "GET", logs + "/\(logSid)", status: 200)
        await send("FetchLog", "GET", logs + "/NO\(unknown)", status: 404)

        for (kind, plural) in [("Function", "Functions"), ("Asset", "Assets")] {
            let list = await send("List\(kind)", "GET", host + "/\(service)/\(plural)", status: 200)
            guard case .array(let items) = list[plural.lowercased()], let sid = items.first?["sid"]?.text else {
                Issue.record("no \(plural.lowercased()) listed: \(list)")
                continue
            }
            await send("Delete\(kind)", "DELETE", host + "/\(service)/\(plural)/\(sid)", status: 204)
            await send("Delete\(kind)", "DELETE", host + "/\(service)/\(plural)/\(sid)", status: 404)
        }
        await send("DeleteEnvironment", "DELETE", environments + "/\(environmentSid)", status: 204)
        await send("DeleteEnvironment", "DELETE", environments + "/\(environmentSid)", status: 404)
        await send("DeleteBuild", "DELETE", builds + "/\(buildSid)", status: 204)
        await send("DeleteService", "DELETE", host + "/\(service)", status: 204)
        await send("DeleteService", "DELETE", host + "/\(service)", status: 404)
    }
}
