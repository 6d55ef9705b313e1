import Foundation

/// The compiled Monte Carlo model of one company's cash: every schedule turned into arrays, every
/// assumption into a distribution with a slot for its uniform draw.
///
/// **One path.** With opening cash C₀ and, for each simulated year t,
///
///     revenue_t = revenue_{t−1} · (1 + g_t)                   (revenue_base in the base year)
///     pre_t     = C_{t−1} + m · revenue_t + inflows_t + round_t − commitments_t − other_out_t
///     relief_t  = min(max(0, −pre_t), r · commitments_t)      (renegotiation, only when short)
///     C_t       = pre_t + relief_t
///     needed_t  = max(0, −min(C₀, C₁, …, C_t))                 (funding still to be found)
///
/// where m is the operating margin, r the renegotiable share, round_t a new round (probability p
/// per year, size drawn), inflows_t and commitments_t the ledger's deals (uncertain deals scaled by
/// whether their package goes ahead) plus the aggregate block spread over a drawn horizon.
///
/// **Draw order** (fixed, so that pinned runs share every other draw): path-level slots (opening
/// cash, base revenue, margin, round probability, renegotiable share, block horizon, round size,
/// one per growth period, one per package, one per swingable amount), then growth for each year
/// between the base year and the simulation, then three per simulated year (growth, whether a
/// round closes, its size). A draw is always taken, even when a pin or `perPath` growth ignores it.
struct ProjectionModel: Sendable {
  /// Identifies a slot of the path-level uniform draws.
  enum Slot {
    static let openingCash = 0
    static let revenueBase = 1
    static let margin = 2
    static let roundProbability = 3
    static let renegotiable = 4
    static let horizon = 5
    static let roundSize = 6
    static let firstGrowth = 7
  }

  var years: ClosedRange<Int>
  var reportOffset: Int
  var reportCount: Int
  var n: Int { years.count }

  var openingCash: Distribution
  var openingScale: Double
  var revenueBase: Distribution
  var growth: [Distribution]
  var yearPeriod: [Int]
  var preYearPeriods: [Int]
  var perYearGrowth: Bool
  var margin: Distribution
  var roundProbability: Distribution
  var roundSize: Distribution
  var renegotiable: Distribution
  var horizon: Distribution

  var fixedIn: [Double]
  var fixedCommit: [Double]
  var fixedOther: [Double]

  /// Uncertain items: shares per simulated year (item-major), kind (0 in, 1 commitment, 2 other
  /// outflow), probability, package index, amount and its swing.
  var itemShares: [Double]
  var itemKind: [Int]
  var itemProbability: [Double]
  var itemPackage: [Int]
  var itemAmount: [Double]
  var itemLow: [Double]
  var itemSpan: [Double]
  var itemAmountSlot: [Int]
  var itemDraws: [Bool]
  var packageCount: Int
  var amountSlotCount: Int

  var blockAmount: Double
  var blockStart: Double
  var blockShape: ScheduleShape
  /// Block shares per year when the horizon is fixed.
  var blockFixedShares: [Double]?

  var firstPackageSlot: Int { Slot.firstGrowth + growth.count }
  var firstAmountSlot: Int { firstPackageSlot + packageCount }
  var slotCount: Int { firstAmountSlot + amountSlotCount }
  var drawsPerPath: Int { slotCount + preYearPeriods.count + 3 * n }

  /// Pins with no slot fixed.
  func noPins() -> [Double] { Array(repeating: .nan, count: slotCount) }
}

// MARK: - Running paths

/// Receives the results of one path for each reported year.
protocol PathRecorder {
  mutating func record(path: Int, reportIndex: Int, cash: Double, needed: Double, revenue: Double)
}

/// Per-path working memory.
struct PathScratch {
  var growthValues: [Double]
  var packageU: [Double]
  var itemValue: [Double]
  var blockShares: [Double]

  init(_ model: ProjectionModel) {
    growthValues = Array(repeating: 0, count: model.growth.count)
    packageU = Array(repeating: 0, count: model.packageCount)
    itemValue = Array(repeating: 0, count: model.itemKind.count)
    blockShares = model.blockFixedShares ?? Array(repeating: 0, count: model.n)
  }
}

extension ProjectionModel {
  /// Runs path `path` and hands each reported year to `recorder`.
  @inline(__always)
  func run<R: PathRecorder>(
    path: Int, seed: UInt64, pins: UnsafeBufferPointer<Double>, scratch: inout PathScratch,
    recorder: inout R
  ) {
    var rng = PathRandom(seed: seed, path: UInt64(path))
    @inline(__always) func draw(_ slot: Int) -> Double {
      let u = rng.uniform()
      let pin = pins[slot]
      return pin.isNaN ? u : pin
    }
    let opening = openingCash.quantile(draw(Slot.openingCash)) * openingScale
    var revenue = revenueBase.quantile(draw(Slot.revenueBase))
    let m = margin.quantile(draw(Slot.margin))
    let pRound = roundProbability.quantile(draw(Slot.roundProbability))
    let r = renegotiable.quantile(draw(Slot.renegotiable))
    let h = horizon.quantile(draw(Slot.horizon))
    let sizeU = draw(Slot.roundSize)
    let sizePinned = !pins[Slot.roundSize].isNaN
    let growthCount = growth.count
    scratch.growthValues.withUnsafeMutableBufferPointer { g in
      for k in 0..<growthCount { g[k] = growth[k].quantile(draw(Slot.firstGrowth + k)) }
    }
    let firstPackage = firstPackageSlot
    scratch.packageU.withUnsafeMutableBufferPointer { u in
      for k in 0..<packageCount { u[k] = draw(firstPackage + k) }
    }
    // Amount slots are drawn in item order.
    let firstAmount = firstAmountSlot
    let itemCount = itemKind.count
    scratch.itemValue.withUnsafeMutableBufferPointer { values in
      scratch.packageU.withUnsafeBufferPointer { packageU in
        for i in 0..<itemCount {
          var amount = itemAmount[i]
          let slot = itemAmountSlot[i]
          if slot >= 0 {
            let u = rng.uniform()
            let pin = pins[firstAmount + slot]
            if !pin.isNaN {
              amount = itemLow[i] + pin * itemSpan[i]
            } else if itemDraws[i] {
              amount = itemLow[i] + u * itemSpan[i]
            }
          }
          let package = itemPackage[i]
          let goes = package < 0 || packageU[package] < itemProbability[i]
          values[i] = goes ? amount : 0
        }
      }
    }
    // Growth between the base year and the first simulated year.
    for period in preYearPeriods {
      let u = rng.uniform()
      if perYearGrowth {
        let pin = pins[Slot.firstGrowth + period]
        revenue *= 1 + growth[period].quantile(pin.isNaN ? u : pin)
      } else {
        revenue *= 1 + scratch.growthValues[period]
      }
    }
    let count = n
    if blockFixedShares == nil, blockAmount > 0 {
      let start = blockStart
      let shape = blockShape
      let first = Double(years.lowerBound)
      scratch.blockShares.withUnsafeMutableBufferPointer { shares in
        var previous = shape.cumulative((first - start) / h)
        for t in 0..<count {
          let next = shape.cumulative((first + Double(t) + 1 - start) / h)
          shares[t] = next - previous
          previous = next
        }
      }
    }
    var cash = opening
    var lowest = opening
    let offset = reportOffset
    fixedIn.withUnsafeBufferPointer { fixedIn in
      fixedCommit.withUnsafeBufferPointer { fixedCommit in
        fixedOther.withUnsafeBufferPointer { fixedOther in
          itemShares.withUnsafeBufferPointer { shares in
            itemKind.withUnsafeBufferPointer { kinds in
              scratch.itemValue.withUnsafeBufferPointer { values in
                scratch.blockShares.withUnsafeBufferPointer { blockShares in
                  scratch.growthValues.withUnsafeBufferPointer { growthValues in
                    for t in 0..<count {
                      let uGrowth = rng.uniform()
                      let uRound = rng.uniform()
                      let uSize = rng.uniform()
                      let period = yearPeriod[t]
                      let g: Double
                      if perYearGrowth {
                        let pin = pins[Slot.firstGrowth + period]
                        g = growth[period].quantile(pin.isNaN ? uGrowth : pin)
                      } else {
                        g = growthValues[period]
                      }
                      revenue *= 1 + g
                      var inflow = fixedIn[t]
                      var commit = fixedCommit[t] + blockAmount * blockShares[t]
                      var other = fixedOther[t]
                      for i in 0..<itemCount {
                        let v = values[i]
                        if v == 0 { continue }
                        let amount = v * shares[i &* count &+ t]
                        switch kinds[i] {
                        case 0: inflow += amount
                        case 1: commit += amount
                        default: other += amount
                        }
                      }
                      var funding = 0.0
                      if uRound < pRound {
                        funding = roundSize.quantile(sizePinned ? sizeU : uSize)
                      }
                      var c = cash + m * revenue + inflow + funding - commit - other
                      if c < 0 {
                        let relief = Swift.min(-c, r * commit)
                        c += relief
                      }
                      cash = c
                      if c < lowest { lowest = c }
                      if t >= offset {
                        recorder.record(
                          path: path, reportIndex: t - offset, cash: c,
                          needed: lowest < 0 ? -lowest : 0, revenue: revenue)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

// MARK: - Recorders

/// Streams every reported value into per-year quantile sketches (memory independent of paths).
struct SketchRecorder: PathRecorder {
  var cash: [QuantileSketch]
  var needed: [QuantileSketch]
  var revenue: [QuantileSketch]
  var short: [Int]
  var everShort: [Int]

  init(years: Int) {
    cash = Array(repeating: QuantileSketch(), count: years)
    needed = cash
    revenue = cash
    short = Array(repeating: 0, count: years)
    everShort = short
  }

  @inline(__always)
  mutating func record(path: Int, reportIndex: Int, cash c: Double, needed d: Double, revenue v: Double) {
    cash[reportIndex].add(c)
    needed[reportIndex].add(d)
    revenue[reportIndex].add(v)
    if c < 0 { short[reportIndex] &+= 1 }
    if d > 0 { everShort[reportIndex] &+= 1 }
  }

  mutating func merge(_ other: SketchRecorder) {
    for i in cash.indices {
      cash[i].merge(other.cash[i])
      needed[i].merge(other.needed[i])
      revenue[i].merge(other.revenue[i])
      short[i] += other.short[i]
      everShort[i] += other.everShort[i]
    }
  }
}

/// Stores every reported value at its path's index, for exact quantiles of small runs.
///
/// `@unchecked Sendable`: workers write disjoint path indices, and the buffers are read only after
/// every worker has finished.
final class ExactBuffers: @unchecked Sendable {
  let paths: Int
  let years: Int
  let onlyLastNeeded: Bool
  var cash: UnsafeMutableBufferPointer<Double>
  var needed: UnsafeMutableBufferPointer<Double>
  var revenue: UnsafeMutableBufferPointer<Double>

  init(paths: Int, years: Int, onlyLastNeeded: Bool) {
    self.paths = paths
    self.years = years
    self.onlyLastNeeded = onlyLastNeeded
    let size = onlyLastNeeded ? 0 : paths * years
    cash = .allocate(capacity: size)
    revenue = .allocate(capacity: size)
    needed = .allocate(capacity: onlyLastNeeded ? paths : paths * years)
  }

  deinit {
    cash.deallocate()
    needed.deallocate()
    revenue.deallocate()
  }

  /// The values of year `index`, sorted.
  func sorted(_ buffer: UnsafeMutableBufferPointer<Double>, year index: Int) -> [Double] {
    let start = index * paths
    return Array(buffer[start..<(start + paths)]).sorted()
  }
}

struct ExactRecorder: PathRecorder {
  let buffers: ExactBuffers

  @inline(__always)
  mutating func record(path: Int, reportIndex: Int, cash c: Double, needed d: Double, revenue v: Double) {
    if buffers.onlyLastNeeded {
      if reportIndex == buffers.years - 1 { buffers.needed[path] = d }
      return
    }
    let index = reportIndex * buffers.paths + path
    buffers.cash[index] = c
    buffers.needed[index] = d
    buffers.revenue[index] = v
  }
}

// MARK: - Parallel driver

extension ProjectionModel {
  /// Paths per unit of work handed to a thread.
  static let chunkSize = 2048

  /// Runs paths `0..<paths` on `threads` workers, each path with its own generator, and returns
  /// one recorder per worker (their merge does not depend on the split).
  func runAll<R: PathRecorder & Sendable>(
    paths: Int, seed: UInt64, threads: Int, pins: [Double], makeRecorder: @Sendable () -> R
  ) -> [R] {
    let chunks = (paths + Self.chunkSize - 1) / Self.chunkSize
    let workers = Swift.max(1, Swift.min(threads, chunks))
    let counter = TaskCounter()
    let model = self
    let results = try? Parallel.map(count: workers) { _ -> R in
      var recorder = makeRecorder()
      var scratch = PathScratch(model)
      pins.withUnsafeBufferPointer { pins in
        while true {
          let chunk = counter.next()
          if chunk >= chunks { break }
          let end = Swift.min(paths, (chunk + 1) * Self.chunkSize)
          for path in (chunk * Self.chunkSize)..<end {
            model.run(path: path, seed: seed, pins: pins, scratch: &scratch, recorder: &recorder)
          }
        }
      }
      return recorder
    }
    return results ?? []
  }
}

extension SketchRecorder: @unchecked Sendable {}
extension ExactRecorder: @unchecked Sendable {}
