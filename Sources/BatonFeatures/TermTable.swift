/// A set of distinct terms (UTF-8 byte strings) numbered 0, 1, 2, … in insertion order, with
/// lookup by bytes: open addressing, linear probing, load factor at most 1/2.
///
/// Terms live in one byte arena, so neither lookup nor insertion allocates a String; this is
/// what keeps a router's per-message lookups in the nanoseconds.
struct TermTable: Sendable {
    private(set) var arena: [UInt8] = []
    /// Term i is `arena[offsets[i] ..< offsets[i + 1]]`.
    private(set) var offsets: [Int] = [0]
    private(set) var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    var count: Int { hashes.count }

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    func bytes(of id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

    /// The id of the term with these bytes and hash, or -1.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var slot = TermHash.slot(hash) & mask
            while true {
                let id = slots[slot]
                if id < 0 { return -1 }
                if hashes[Int(id)] == hash && equals(Int(id), key) { return id }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The id of the term, inserting it first if it is new.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        var slot = TermHash.slot(hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), key) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        hashes.append(hash)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id]
        guard offsets[id + 1] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for k in 0..<key.count where arena[start + k] != key[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: capacity)
        let newMask = capacity - 1
        for (id, hash) in hashes.enumerated() {
            var slot = TermHash.slot(hash) & newMask
            while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
        mask = newMask
    }
}
