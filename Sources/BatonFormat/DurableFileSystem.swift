import Glibc

/// A POSIX call that failed: which call, on which path, and the `errno` it set.
///
/// Package-internal: the model folder writer and the registry translate it into their own
/// public errors, which add what the failure means for a model version and what to do next.
package struct FileSystemFailure: Error, CustomStringConvertible {
    package var operation: String
    package var path: String
    package var code: Int32

    package init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The C library's text for `code`, e.g. "No such file or directory".
    package var reason: String { String(cString: strerror(code)) }

    package var description: String { "\(operation) \(path) failed: \(reason) (errno \(code))" }
}

/// The few POSIX file operations a published model folder needs, with the durability steps
/// spelled out.
///
/// Foundation's `FileManager` neither fsyncs nor overwrites a symbolic link atomically, and a
/// model folder must survive a power cut at any instant: every file is fsynced before it is
/// relied on, and every directory whose entries changed is fsynced after the change.
package enum DurableFileSystem {
    /// What an `lstat` found at a path (symbolic links are not followed).
    package enum EntryKind: Sendable {
        case regularFile, directory, symbolicLink, other
    }

    /// Creates `path` (which must not exist), writes all of `bytes`, fsyncs and closes it.
    package static func writeNewFile(_ bytes: [UInt8], to path: String) throws(FileSystemFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemFailure(operation: "open", path: path, code: errno) }
        var failure: FileSystemFailure?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileSystemFailure(operation: "write", path: path, code: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = FileSystemFailure(operation: "fsync", path: path, code: errno)
        }
        if close(descriptor) != 0, failure == nil {
            failure = FileSystemFailure(operation: "close", path: path, code: errno)
        }
        if let failure { throw failure }
    }

    /// Reads a whole file. Reads to end of file rather than trusting `fstat`, so a file that
    /// changes size while it is read yields what was actually read.
    package static func readFile(at path: String) throws(FileSystemFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemFailure(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        var status = stat()
        let sizeHint = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint)
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemFailure(operation: "read", path: path, code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Fsyncs a directory, making the creation, rename or removal of its entries durable.
    package static func syncDirectory(at path: String) throws(FileSystemFailure) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemFailure(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileSystemFailure(operation: "fsync", path: path, code: errno) }
    }

    /// Creates one directory (not its parents); fails if anything exists at `path`.
    package static func makeDirectory(at path: String) throws(FileSystemFailure) {
        guard mkdir(path, 0o755) == 0 else { throw FileSystemFailure(operation: "mkdir", path: path, code: errno) }
    }

    /// `rename(2)`: atomically replaces a file or symbolic link at `destination`.
    package static func rename(_ source: String, to destination: String) throws(FileSystemFailure) {
        guard Glibc.rename(source, destination) == 0 else {
            throw FileSystemFailure(operation: "rename to \(destination)", path: source, code: errno)
        }
    }

    /// Creates a symbolic link at `path` whose text is `target` (kept relative as given).
    package static func makeSymbolicLink(at path: String, target: String) throws(FileSystemFailure) {
        guard symlink(target, path) == 0 else {
            throw FileSystemFailure(operation: "symlink \(target) at", path: path, code: errno)
        }
    }

    /// The text of the symbolic link at `path`, or nil if there is none (or it is not a link).
    package static func linkTarget(at path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return readlink(path, base, Int(PATH_MAX))
        }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes a file or symbolic link (never a directory).
    package static func removeFile(at path: String) throws(FileSystemFailure) {
        guard unlink(path) == 0 else { throw FileSystemFailure(operation: "unlink", path: path, code: errno) }
    }

    /// What is at `path`, without following a final symbolic link; nil if nothing is there.
    package static func entryKind(at path: String) -> EntryKind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return kind(of: status.st_mode)
    }

    /// What `path` leads to after following symbolic links; nil if nothing (or a dangling link).
    package static func resolvedKind(at path: String) -> EntryKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return kind(of: status.st_mode)
    }

    /// The absolute path with every symbolic link resolved, as `realpath(3)`.
    package static func resolvedPath(_ path: String) throws(FileSystemFailure) -> String {
        guard let resolved = realpath(path, nil) else {
            throw FileSystemFailure(operation: "realpath", path: path, code: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Names of the entries of a directory, without "." and "..", in no particular order.
    package static func entryNames(in path: String) throws(FileSystemFailure) -> [String] {
        guard let directory = opendir(path) else {
            throw FileSystemFailure(operation: "opendir", path: path, code: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            var rawName = entry.pointee.d_name
            let name = withUnsafeBytes(of: &rawName) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func kind(of mode: mode_t) -> EntryKind {
        switch mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}
