import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerApp
import LoopLedgerWeb

extension LoopLedgerCommand {
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the dashboard and the JSON API (/api/v1) over the ledger.",
      discussion: """
        Pages: the overview with the loop map, the loops, each company and deal with its sources \
        and history, a stress test and a funding projection you can change in a form, and the \
        review queue of deals found in the news, in English, 繁體中文 and 简体中文. The API is \
        described at /api/v1/openapi.json. Reads are open; writes (the review queue, deals) need \
        the ledger store and a token: --token or LOOPLEDGER_TOKEN, sent as 'Authorization: \
        Bearer TOKEN' or typed into the login page. With no store the ledger is served \
        read-only. Stops on Ctrl-C or SIGTERM after the requests in flight finish. See \
        docs/serve.md.
        """)

    @OptionGroup var source: LedgerSourceOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "The port to listen on (0: any free port, said on start).")
    var port: Int = 8080

    @Option(
      help: ArgumentHelp(
        "The token writes need (at least 16 characters; default: $LOOPLEDGER_TOKEN). Prefer the variable: a command line is visible to other users.",
        valueName: "token"))
    var token: String?

    @Option(name: .customLong("max-body"), parsing: .unconditional, help: "The largest request body taken, in bytes.")
    var maxBody: Int = WebConfiguration.defaultMaxBody

    @Option(
      name: .customLong("request-timeout"), parsing: .unconditional,
      help: ArgumentHelp(
        "Seconds a request body may take to arrive and a connection may stay idle; slower requests are refused.",
        valueName: "seconds"))
    var requestTimeout: Double = 30

    @Flag(help: "Log only warnings and errors (no access log).")
    var quiet = false

    var webConfiguration: WebConfiguration {
      var ledger = source.selection
      ledger.announcesStore = false
      let environmentToken = ProcessInfo.processInfo.environment["LOOPLEDGER_TOKEN"]
      return WebConfiguration(
        host: host, port: port, ledger: ledger,
        token: token ?? (environmentToken?.isEmpty == false ? environmentToken : nil), maxBody: maxBody,
        requestTimeout: requestTimeout)
    }

    func validate() throws { try usage { try webConfiguration.validate() } }

    func run() throws { try Server.run(configuration: webConfiguration, quiet: quiet) }
  }
}
