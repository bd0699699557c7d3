import Foundation

extension ReferenceLoader {
    /// A CSL date in any of the shapes exporters write.
    ///
    /// `{"date-parts": [[2019, 3]]}` with numbers or strings, `{"raw": "2019-03"}`,
    /// `{"literal": "Spring 2019"}`, a `season` member, pandoc's older `[{year: 2019}]`, and a
    /// bare EDTF or free-text string (`2019-03-12`, `March 2019`). `nil` when there is no date.
    static func date(_ value: CSLValue) -> Reference.DateParts? {
        switch value.value {
        case .null, .bool:
            return nil
        case .text, .number:
            return value.string.map(date(text:))
        case .array(let elements):
            guard let first = elements.first else { return nil }
            if first.object != nil { return date(first) }
            return date(parts: elements)
        case .object(let object):
            var fields: [String: CSLValue] = [:]
            for key in object.keys.sorted() where fields[key.lowercased()] == nil {
                fields[key.lowercased()] = object[key]
            }
            var result: Reference.DateParts?
            if let ranges = fields["date-parts"]?.array, let parts = ranges.first?.array, !parts.isEmpty {
                result = date(parts: parts)
                // A range: its second date's year, when later (CSL's `[[2019], [2021]]`).
                if ranges.count > 1, let end = ranges[1].array.flatMap({ date(parts: $0) })?.year,
                   let start = result?.year, end > start {
                    result?.endYear = end
                }
            }
            if result?.year == nil, let raw = fields["raw"]?.string {
                result = date(text: raw)
            }
            if result?.year == nil, let literal = fields["literal"]?.string {
                result = date(text: literal)
                result?.literal = literal
            }
            if result == nil, fields["year"] != nil {
                result = date(parts: [fields["year"], fields["month"], fields["day"]].compactMap { $0 })
            }
            if let season = fields["season"]?.string {
                if result == nil { result = Reference.DateParts() }
                result?.season = Int(season) ?? seasonNumber(season)
            }
            return result
        case .positioned:
            return nil  // `value` never returns a positioned value
        }
    }

    /// Date parts `[year, month, day]` given as numbers or strings.
    private static func date(parts: [CSLValue]) -> Reference.DateParts? {
        let texts = parts.prefix(3).map { $0.string }
        guard texts.contains(where: { $0 != nil }) else { return nil }
        let numbers = texts.map { $0.flatMap { Int($0) } }
        var d = Reference.DateParts(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil,
                                    day: numbers.count > 2 ? numbers[2] : nil)
        if zip(texts, numbers).contains(where: { $0 != nil && $1 == nil }) {
            d.literal = texts.map { $0 ?? "" }.joined(separator: "-")
        }
        if let m = d.month, (21...24).contains(m) {  // EDTF seasons
            d.season = m - 20
            d.month = nil
        }
        return d
    }

    /// A date written as text: EDTF or ISO (`2019-03-12`, `2019-21`), or free text with a
    /// four-digit year and perhaps a month or season name (`Mar 2019`, `Spring 2019`).
    static func date(text: String) -> Reference.DateParts {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // An EDTF interval (`2019/2021`, `2019-03/2020-06`): its first date, and the last year.
        let interval = t.split(separator: "/", omittingEmptySubsequences: false)
        if interval.count == 2, !interval[0].isEmpty, !interval[1].isEmpty, !interval[0].contains(" ") {
            var start = date(text: String(interval[0]))
            let end = date(text: String(interval[1]))
            if start.literal == nil, end.literal == nil, let s = start.year, let e = end.year {
                if e > s { start.endYear = e }
                return start
            }
        }
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        if (1...3).contains(iso.count), iso[0].count == 4,
           iso.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            let n = iso.map { Int($0)! }
            return date(parts: n.map { .number(String($0)) }) ?? Reference.DateParts(literal: t)
        }
        var d = Reference.DateParts(literal: t)
        let words = t.split { !($0.isLetter || $0.isNumber) }
        for word in words {
            if d.year == nil, word.count == 4, word.allSatisfy({ $0.isASCII && $0.isNumber }) {
                d.year = Int(word)
            } else if d.month == nil, d.season == nil, word.count >= 3 {
                let lower = word.lowercased()
                if let m = months.firstIndex(where: { lower.hasPrefix($0) }) { d.month = m + 1 }
                else if let s = seasonNumber(lower) { d.season = s }
            }
        }
        return d
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func seasonNumber(_ name: String) -> Int? {
        switch name.lowercased() {
        case "spring": 1
        case "summer": 2
        case "autumn", "fall": 3
        case "winter": 4
        default: nil
        }
    }
}
