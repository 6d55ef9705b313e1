import Foundation
import LoopLedger

/// Runs LoopLedger's Spark job (`Spark/loopledger_spark.py`, shipped inside the tool) with
/// `spark-submit`, found on `PATH` or under `SPARK_HOME/bin`.
public enum SparkSubmit {
  /// Why the Spark engine could not run.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The `spark-submit` executable: `$SPARK_HOME/bin/spark-submit` when SPARK_HOME is set, else
  /// the first on `PATH`.
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
    if let home = environment["SPARK_HOME"], !home.isEmpty {
      let candidate = (home as NSString).appendingPathComponent("bin/spark-submit")
      guard FileManager.default.isExecutableFile(atPath: candidate) else {
        throw Failure(message: "SPARK_HOME is '\(home)', but '\(candidate)' is not an executable spark-submit.")
      }
      return candidate
    }
    for folder in (environment["PATH"] ?? "").split(separator: ":") {
      let candidate = (String(folder) as NSString).appendingPathComponent("spark-submit")
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw Failure(
      message:
        "--engine spark needs spark-submit: put it on PATH or set SPARK_HOME (pip install pyspark ships it; see docs/spark.md)."
    )
  }

  /// Runs the job: `spark-submit [--master URL] [--conf k=v …] JOB ARGUMENTS…`.
  ///
  /// The job's standard error (Spark's log and the job's messages) goes to this process's standard
  /// error; its standard output is returned.
  ///
  /// - Parameters:
  ///   - job: The Python source of the job, written to a temporary file for the run.
  ///   - arguments: The job's own arguments (`analyze FILE --format json …`).
  ///   - master: The `--master` URL; nil for spark-submit's default.
  ///   - conf: `k=v` settings, each passed as `--conf k=v`.
  ///   - environment: Where `SPARK_HOME` and `PATH` are looked up to find spark-submit.
  /// - Returns: The job's standard output, decoded as UTF-8.
  /// - Throws: ``Failure`` when spark-submit is missing or the job fails (with its exit status).
  public static func run(
    job: String, arguments: [String], master: String?, conf: [String],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let executable = try locate(environment: environment)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loopledger-spark-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("loopledger_spark.py")
    try Data(job.utf8).write(to: script)

    var submit: [String] = []
    if let master { submit += ["--master", master] }
    for item in conf { submit += ["--conf", item] }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = submit + [script.path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(message: "Cannot start '\(executable)': \(error.localizedDescription)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        message: "The Spark job failed (spark-submit exit status \(process.terminationStatus)); its messages are above."
      )
    }
    return String(decoding: data, as: UTF8.self)
  }
}
