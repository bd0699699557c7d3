import Testing
@testable import GuidelinePress

/// Dates written as `YYYY-MM-DD`, zero-padded, and read back.
@Suite struct ISODateTests {
    @Test func descriptionIsZeroPadded() {
        #expect(ISODate(year: 2025, month: 6, day: 1).description == "2025-06-01")
        #expect(ISODate(year: 1999, month: 12, day: 31).description == "1999-12-31")
        #expect(ISODate(year: 7, month: 10, day: 9).description == "0007-10-09")
        #expect(ISODate(year: 0, month: 1, day: 10).description == "0000-01-10")
        #expect(ISODate(year: 12_345, month: 1, day: 2).description == "12345-01-02")
        #expect(ISODate(year: -5, month: 1, day: 2).description == "00-5-01-02")
    }

    @Test func everyDayOfAFewYearsRoundTrips() throws {
        for year in [1, 999, 2000, 2024, 2026, 9999] {
            for month in 1...12 {
                for day in 1...28 {
                    let date = ISODate(year: year, month: month, day: day)
                    #expect(ISODate(date.description) == date, "\(date.description)")
                    #expect(date.description.count == 10)
                }
            }
        }
    }
}
