/// Baton's own version, written into every manifest as `codeVersion`.
public enum BatonVersion {
    public static let current = "0.1.0"
}
