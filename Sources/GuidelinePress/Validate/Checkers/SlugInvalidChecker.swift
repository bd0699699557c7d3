/// `slug-invalid`: a file name that is not a valid slug, or two slugs that differ only by case.
public struct SlugInvalidChecker: Checker {
    public var rule: Rule { .slugInvalid }

    /// Whether `slug` matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
    public static func isValid(_ slug: String) -> Bool {
        // One pass over the bytes: letters and digits, and hyphens only between them.
        var previousIsHyphen = true  // so that a leading hyphen fails
        for byte in slug.utf8 {
            switch byte {
            case 0x61...0x7A, 0x30...0x39: previousIsHyphen = false
            case 0x2D:
                if previousIsHyphen { return false }
                previousIsHyphen = true
            default: return false
            }
        }
        return !previousIsHyphen  // not empty, no trailing hyphen
    }

    /// Page slugs that would put a page where the site has its own (`<slug>/index.html`): the
    /// questions and pathways indexes, the articles and assets folders, the review dashboard. The
    /// site's other names (`search.json`, `404.html`) are no slugs, and reported as such.
    static let reservedPageSlugs: Set<String> = PageID.siteRootNames.filter(isValid)

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for file in site.pages.map(\.file) where Self.reservedPageSlugs.contains(file.slug) {
            out.append(Diagnostic(file: file.displayPath, rule: rule,
                message: "page slug '\(file.slug)' is taken by the site's own '\(file.slug)/' folder; rename the page"))
        }
        for files in [site.articles.map(\.file), site.pages.map(\.file)] {
            var byLowercase: [String: String] = [:]
            for file in files {
                if !Self.isValid(file.slug) {
                    out.append(Diagnostic(file: file.displayPath, rule: rule,
                        message: "'\(file.slug)' is not a valid slug: use lowercase letters, digits and single hyphens"))
                }
                let key = Self.isValid(file.slug) ? file.slug : file.slug.lowercased()  // a valid slug is lowercase
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
