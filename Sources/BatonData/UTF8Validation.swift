/// Finds invalid UTF-8 in input bytes, so a bad row names the offending byte.
enum UTF8Validation {
    /// Describes the first invalid UTF-8 sequence in `slice`, or nil when it is valid.
    /// - Parameter unit: what the slice is ("record", "line"), for the message.
    static func problem(in slice: ArraySlice<UInt8>, unit: String) -> String? {
        // ASCII is by far the common case and needs no decoding.
        if slice.allSatisfy({ $0 < 0x80 }) { return nil }
        var iterator = slice.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                let byte = slice[slice.startIndex + offset]
                let hex = String(byte, radix: 16, uppercase: true)
                let shown = hex.count == 1 ? "0" + hex : hex
                return "invalid UTF-8 at byte \(offset + 1) of the \(unit) (0x\(shown)); export the file as UTF-8"
            }
        }
    }
}
