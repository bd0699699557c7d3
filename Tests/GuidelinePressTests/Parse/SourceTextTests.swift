import Testing
@testable import GuidelinePress

@Suite struct SourceTextTests {
    @Test func removesTheByteOrderMarkAndNormalisesLineEndings() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8)
        #expect(SourceText.decode(bytes) == "a\nb\nc\n")
    }

    @Test func rejectsInvalidUTF8AndNamesItsLine() {
        let bytes: [UInt8] = Array("ok\nstill ok\n".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(SourceText.decode(bytes) == nil)
        #expect(SourceText.firstInvalidLine(bytes) == 3)
    }
}
