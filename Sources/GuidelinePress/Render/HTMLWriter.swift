/// HTML being written, as UTF-8 bytes.
///
/// Appending to a `String` that holds kilobytes of a body costs about 300 instructions an append
/// (uniqueness, capacity and the ASCII and NFC flags of both strings), and a body makes several
/// appends per citation. Bytes appended to an array cost less than half of that (callgrind: a
/// body's citation superscripts went from 5,400 instructions a citation list to 2,600). A page
/// stays bytes to its file; a body becomes a `String` once, at the end (which validates its
/// bytes again: about eight instructions a byte).
struct HTMLWriter {
    /// What has been written.
    private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// How many bytes have been written.
    var count: Int { bytes.count }

    /// What has been written, as text.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes markup given as a literal.
    mutating func write(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes text as it is (markup made elsewhere, or text escaped already).
    mutating func write(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Writes what another writer wrote.
    mutating func write(_ other: HTMLWriter) {
        bytes += other.bytes
    }

    /// Writes bytes of UTF-8 as they are.
    mutating func write(bytes more: some Collection<UInt8>) {
        bytes += more
    }

    /// Whether the text ends with a line feed that is a `Character` of its own (not the second
    /// half of a carriage return and line feed).
    var endsWithLineFeedCharacter: Bool {
        bytes.last == UInt8(ascii: "\n") && (bytes.count < 2 || bytes[bytes.count - 2] != UInt8(ascii: "\r"))
    }

    /// Writes a number in decimal.
    mutating func write(_ number: Int) {
        bytes.appendDecimal(number)
    }

    /// Writes text escaped as ``HTML/escape(_:)`` escapes it.
    mutating func writeEscaped(_ text: String) {
        write(HTML.escape(text))
    }

    /// Takes away the spaces and line feeds at the end, back to `floor` at most, as removing the
    /// text's last `Character` while it is `" "` or `"\n"` would: a line feed after a carriage
    /// return, or a space after a character that joins the next one (Unicode's "Prepend", none of
    /// them ASCII), is part of a larger character and stays.
    mutating func removeTrailingSpaces(downTo floor: Int) {
        while bytes.count > floor, let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\n") {
            let previous = bytes.count >= 2 ? bytes[bytes.count - 2] : nil
            if let previous, previous >= 0x80 {
                // Decided by `Character`: the end of the text, from well before any character's start.
                let tail = String(decoding: bytes[max(0, bytes.count - 64)...], as: UTF8.self)
                guard tail.last == " " || tail.last == "\n" else { return }
            } else if last == UInt8(ascii: "\n"), previous == UInt8(ascii: "\r") {
                return
            }
            bytes.removeLast()
        }
    }
}

/// HTML held as UTF-8 bytes in a template's context: the compiled renderer writes the bytes as
/// they are, where a `String` made of them would be validated again. swift-mustache, which
/// renders what the compiled renderer does not, sees its text (`description`).
struct HTMLBytes: CustomStringConvertible, Sendable {
    /// The HTML.
    let bytes: [UInt8]

    /// The HTML as text.
    var description: String { String(decoding: bytes, as: UTF8.self) }
}
