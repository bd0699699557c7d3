import Testing
@testable import GuidelinePress

@Suite struct PathwayLayoutTests {
    /// The definition the byte reader replaced: split, trim, `Double(_:)`.
    static func numbersByDefinition(_ s: String) -> [Double] {
        s.split(separator: ",").compactMap { Double(String($0).trimmingWhitespace(newlines: false)) }
    }

    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    @Test func numbersReadAsDoubleReadsThem() {
        let fixed = ["27,18", "99.5,36", "-0,0.000001", " 1 ,\t2\t", "1.,.5", "+5,-,e", "1e3,0x10", "",
                     ",,3,", "123456789012345,1234567890123456", "0.1,0.2,0.3", "54.000,1.23456789012345",
                     "nan,inf", "- 1", "3.14.15", "1 2"]
        for s in fixed {
            #expect(Self.bits(PathwayLayout.numbers(s)) == Self.bits(Self.numbersByDefinition(s)), "\(s)")
        }
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...18, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &generator)
            for i in 0..<digits {
                if i == point && i > 0 { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            let s = text + "," + String(Double.random(in: -2000...2000, using: &generator))
            #expect(Self.bits(PathwayLayout.numbers(s)) == Self.bits(Self.numbersByDefinition(s)), "\(s)")
        }
    }

    @Test func splineKeepsTheFirstSplinesPointsAndTip() {
        let s = PathwayLayout.spline("e,10,20 s,1,2 0,0 1.5,2 3,4 5,6;e,9,9 7,7 8,8 9,9 1,1")
        #expect(s.points.map(\.x) == [0, 1.5, 3, 5] && s.points.map(\.y) == [0, 2, 4, 6])
        #expect(s.tip?.x == 10 && s.tip?.y == 20)
        let bad = PathwayLayout.spline("e,1,2 e,1 0,0  x,y 1,1")
        #expect(bad.tip == nil && bad.points.count == 2)
    }
}
