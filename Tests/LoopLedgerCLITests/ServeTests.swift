import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `loopledger serve` as a user meets it: the built binary on a random loopback port, spoken to
/// over HTTP, stopped with SIGTERM.
@Suite("loopledger serve on a loopback port", .serialized)
struct ServeTests {
  /// A running server: the process, its port, and its standard error so far.
  final class Running: @unchecked Sendable {
    let process = Process()
    let errURL: URL
    let folder: URL
    var port = 0

    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("loopledger-serve-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      errURL = folder.appendingPathComponent("stderr")
      _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
      process.executableURL = try CLI.binary.get()
      process.arguments = ["serve", "--port", "0"] + arguments
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      process.standardError = try FileHandle(forWritingTo: errURL)
      var environment = ProcessInfo.processInfo.environment
      environment["SWIFT_BACKTRACE"] = "enable=no"
      environment.removeValue(forKey: "LOOPLEDGER_DB")
      environment.removeValue(forKey: "LOOPLEDGER_TOKEN")
      environment["XDG_DATA_HOME"] = folder.appendingPathComponent("xdg").path
      environment.merge(extra) { _, new in new }
      process.environment = environment
      try process.run()
    }

    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Waits for the start line and reads the port from it.
    func waitUntilListening() async throws {
      for _ in 0..<300 {
        if let range = stderr.range(of: #"at http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
          port = Int(stderr[range].split(separator: ":").last!)!
          return
        }
        if !process.isRunning { break }
        try await Task.sleep(for: .milliseconds(100))
      }
      Issue.record("the server did not start: \(stderr)")
      throw CancellationError()
    }

    func stop() {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
      try? FileManager.default.removeItem(at: folder)
    }

    func request(_ path: String, method: String = "GET", body: String? = nil, headers: [String: String] = [:])
      async throws -> (status: Int, body: String, headers: [AnyHashable: Any])
    {
      var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
      request.httpMethod = method
      request.httpBody = body.map { Data($0.utf8) }
      for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
      let (data, response) = try await URLSession.shared.data(for: request)
      let http = response as! HTTPURLResponse
      return (http.statusCode, String(decoding: data, as: UTF8.self), http.allHeaderFields)
    }
  }

  @Test("serves the bundled seed read-only, says so on start, answers pages and the API, stops on SIGTERM")
  func bundledLedger() async throws {
    let server = try Running([])
    defer { server.stop() }
    try await server.waitUntilListening()
    #expect(server.stderr.contains("the ledger 'seed' (read-only)"))
    #expect(server.stderr.contains("writes are off"))
    let page = try await server.request("/")
    #expect(page.status == 200)
    #expect(page.body.contains("<svg"))
    let loops = try await server.request("/api/v1/loops")
    #expect(loops.status == 200)
    #expect(loops.body.contains("\"loops\""))
    let missing = try await server.request("/api/v1/deals/nope")
    #expect(missing.status == 404)
    #expect(missing.body.contains("\"error\""))
    server.process.terminate()
    server.process.waitUntilExit()
    #expect(server.process.terminationStatus == 0, "\(server.stderr)")
    // The access log: method, path, status; never the query.
    #expect(server.stderr.contains("method=GET path=/api/v1/loops status=200"))
  }

  @Test("on a store with a token: writes with the token only; a request in flight finishes after SIGTERM")
  func storeWritesAndGracefulShutdown() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "loopledger-serve-db-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("ledger.sqlite").path
    let initRun = try await CLI.run(["db", "init", "--db", db, "--from", "seed"])
    expectSuccess(initRun)
    let token = "a-token-of-sixteen-or-more"
    let server = try Running(["--db", db], environment: ["LOOPLEDGER_TOKEN": token])
    defer { server.stop() }
    try await server.waitUntilListening()
    #expect(server.stderr.contains("writes need the token"))
    #expect(!server.stderr.contains(token), "the token is never logged")
    let reject = try await server.request(
      "/api/v1/deals/amazon-openai-equity-2025", method: "DELETE",
      headers: ["Authorization": "Bearer wrong-token-1234567"])
    #expect(reject.status == 401)
    let removed = try await server.request(
      "/api/v1/deals/amazon-openai-equity-2025?why=e2e", method: "DELETE", headers: ["Authorization": "Bearer \(token)"]
    )
    #expect(removed.status == 200, "\(removed.body)")
    // The CLI sees the change the server made.
    let history = try await CLI.run(["history", "--db", db])
    #expect(history.stdout.contains("deal remove"))
    // A slow request (a large projection) in flight when SIGTERM comes is answered in full.
    async let slow = server.request(
      "/api/v1/projection", method: "POST", body: #"{"company": "openai", "paths": 20000, "sensitivity": true}"#,
      headers: ["Content-Type": "application/json"])
    try await Task.sleep(for: .milliseconds(300))
    server.process.terminate()
    let answer = try await slow
    #expect(answer.status == 200)
    #expect(answer.body.contains("\"fanChart\""))
    server.process.waitUntilExit()
    #expect(server.process.terminationStatus == 0, "\(server.stderr)")
    #expect(!server.stderr.contains(token), "the token is never logged")
  }

  @Test("a store that does not exist, a short token and a bad port are refused before starting")
  func refusals() async throws {
    let missing = try await CLI.run(
      ["serve", "--db", "/nonexistent/ledger.sqlite", "--port", "0"], timeout: .seconds(30))
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("/nonexistent/ledger.sqlite"))
    let short = try await CLI.run(["serve", "--token", "short", "--port", "0"])
    expectUsageError(short, mentions: ["16 characters"])
    let port = try await CLI.run(["serve", "--port", "70000"])
    expectUsageError(port, mentions: ["--port 70000"])
  }
}

extension ServeTests {
  /// Sends `text` on a new TCP connection to the loopback port and reads until the server closes
  /// the connection or `wait` passes; returns what came back and how long it took.
  static func rawExchange(port: Int, _ text: String, wait: Double) -> (reply: String, seconds: Double) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return ("connect failed", 0) }
    var timeout = timeval(tv_sec: Int(wait), tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let start = Date()
    _ = text.withCString { send(fd, $0, strlen($0), 0) }
    var reply = Data()
    var buffer = [UInt8](repeating: 0, count: 4_096)
    while true {
      let count = recv(fd, &buffer, buffer.count, 0)
      if count <= 0 { break }
      reply.append(contentsOf: buffer[0..<count])
    }
    return (String(decoding: reply, as: UTF8.self), Date().timeIntervalSince(start))
  }

  @Test("a body that does not arrive in time gets 408; a connection that sends nothing is closed")
  func slowRequests() async throws {
    let server = try Running(["--request-timeout", "2"])
    defer { server.stop() }
    try await server.waitUntilListening()
    let port = server.port
    // Headers announce 100 bytes; 10 come.
    let partial = Self.rawExchange(
      port: port,
      "POST /api/v1/stress HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": 1",
      wait: 20)
    #expect(partial.reply.hasPrefix("HTTP/1.1 408"), "\(partial.reply)")
    #expect(partial.seconds < 10)
    // Half a request line, then silence: the idle timeout closes the connection.
    let silent = Self.rawExchange(port: port, "GET /api/v1/lo", wait: 20)
    #expect(silent.seconds < 10, "closed after \(silent.seconds) s")
    // The server still answers others.
    let loops = try await server.request("/api/v1/loops")
    #expect(loops.status == 200)
  }
}
