/// `slug-invalid`: a file name that is not a valid slug, or two slugs that differ only by case.
public struct SlugInvalidChecker: Checker {
    public var rule: Rule { .slugInvalid }

    /// Whether `slug` matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else { return false }
        return slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for files in [site.articles.map(\.file), site.pages.map(\.file)] {
            var byLowercase: [String: String] = [:]
            for file in files {
                if !Self.isValid(file.slug) {
                    out.append(Diagnostic(file: file.displayPath, rule: rule,
                        message: "'\(file.slug)' is not a valid slug: use lowercase letters, digits and single hyphens"))
                }
                let key = file.slug.lowercased()
                if let other = byLowercase[key] {
                    out.append(Diagnostic(file: file.displayPath, rule: rule,
                                          message: "slug '\(file.slug)' differs from '\(other)' only by case"))
                } else {
                    byLowercase[key] = file.slug
                }
            }
        }
        return out
    }
}
