import Testing

@testable import LoopLedger

@Suite("Flow network")
struct FlowNetworkTests {
  @Test func builderSumsDuplicatesAndSortsRows() {
    var builder = FlowNetwork.Builder()
    builder.append(source: 1, target: 0, weight: 2)
    builder.append(source: 0, target: 2, weight: 1)
    builder.append(source: 0, target: 1, weight: 3)
    builder.append(source: 0, target: 2, weight: 4)
    let network = builder.build(nodeCount: 3)
    #expect(network.offsets == [0, 2, 3, 3])
    #expect(network.targets == [1, 2, 0])
    #expect(network.weights == [3, 5, 2])
    #expect(network.edge(from: 0, to: 2) == 1)
    #expect(network.edge(from: 2, to: 0) == nil)
  }

  @Test func longRowsAreSortedToo() {
    var builder = FlowNetwork.Builder()
    for target in (1...100).reversed() { builder.append(source: 0, target: Int32(target), weight: Double(target)) }
    builder.append(source: 0, target: 50, weight: 1)
    let network = builder.build(nodeCount: 101)
    #expect(network.targets == (1...100).map { Int32($0) })
    #expect(network.weights[49] == 51)
  }

  @Test func transposeReversesEveryEdge() {
    var rng = SplitMix64(seed: 5)
    let network = FlowNetwork.random(nodeCount: 12, edgeProbability: 0.3, using: &rng)
    let reverse = network.transposed()
    #expect(reverse.edgeCount == network.edgeCount)
    for source in 0..<12 {
      for position in network.edges(from: source) {
        let target = Int(network.targets[position])
        let back = reverse.edge(from: target, to: source)
        #expect(back.map { reverse.weights[$0] } == network.weights[position])
      }
    }
    #expect(reverse.transposed() == network)
  }

  @Test func theTwoThreadTransposeEqualsTheOneThreadTranspose() {
    var rng = SplitMix64(seed: 17)
    var builder = FlowNetwork.Builder()
    for _ in 0..<200_000 {
      builder.append(
        source: Int32.random(in: 0..<5_000, using: &rng), target: Int32.random(in: 0..<5_000, using: &rng),
        weight: Double(Int.random(in: 1...9, using: &rng)))
    }
    let network = builder.build(nodeCount: 5_000)
    #expect(network.transposed(threads: 2) == network.transposed())
  }

  /// Built on 2–4 threads, the network equals the one-thread build bit for bit: the same rows in
  /// the same order, duplicates summed in append order (weights whose sum depends on the order).
  @Test("The parallel build equals the one-thread build", arguments: [2, 3, 4, 7])
  func parallelBuildEqualsSequentialBuild(threads: Int) {
    var rng = SplitMix64(seed: UInt64(threads) &+ 400)
    var builder = FlowNetwork.Builder()
    let nodes = 3_000
    for index in 0..<150_000 {
      // A hub row longer than 32 (the heap-sort path), many duplicates, some empty nodes.
      let source = index % 50 == 0 ? 7 : Int32.random(in: 0..<Int32(nodes - 100), using: &rng)
      builder.append(
        source: source, target: Int32.random(in: 0..<600, using: &rng),
        weight: [0.1, 0.2, 0.3, 1e-17, 1e16][Int.random(in: 0..<5, using: &rng)])
    }
    let copy = builder
    let sequential = copy.build(nodeCount: nodes)
    let parallel = builder.build(nodeCount: nodes, threads: threads)
    #expect(parallel == sequential)
    #expect(parallel.weights.map(\.bitPattern) == sequential.weights.map(\.bitPattern))
  }
}
