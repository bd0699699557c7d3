/// One bibliography item, read from CSL-JSON or CSL-YAML (spec §4).
///
/// Every text field is trimmed and `nil` when absent or empty; numbers written as JSON
/// numbers (`"volume": 40`, `"PMID": 123`) arrive here as their text.
public struct Reference: Sendable, Hashable {
    /// The citation key; empty when the item has none (``ReferenceChecks`` reports it).
    public var id: String
    /// The CSL item type, such as `article-journal`, `report` or `webpage`.
    public var type: String?
    /// The title as written, markup included.
    public var title: String?
    /// The authors in order.
    public var authors: [Name]
    /// The journal, website or book that holds the item.
    public var containerTitle: String?
    /// The abbreviated container title (`J Clin Oncol`).
    public var containerTitleShort: String?
    /// The issued date.
    public var issued: DateParts?
    /// The volume.
    public var volume: String?
    /// The issue.
    public var issue: String?
    /// The page range, as given.
    public var page: String?
    /// The DOI without any `https://doi.org/` or `doi:` prefix.
    public var doi: String?
    /// The PubMed id.
    public var pmid: String?
    /// The PubMed Central id.
    public var pmcid: String?
    /// The URL.
    public var url: String?
    /// The publisher.
    public var publisher: String?
    /// The version of a report, guideline or software.
    public var version: String?
    /// The kind of a report or thesis (`Prescribing information`).
    public var genre: String?
    /// The edition of a book.
    public var edition: String?
    /// The editors in order (of an edited book, or of the book that holds a chapter).
    public var editors: [Name] = []
    /// The number of a report, guideline, patent or standard (`NG101`, `US 5821337`).
    public var number: String?
    /// The series the item belongs to (`WHO Technical Report Series`) and its number in it.
    public var collectionTitle: String?
    public var collectionNumber: String?
    /// The meeting a presentation or paper was given at (`event-title`, or the older `event`) and where.
    public var eventTitle: String?
    public var eventPlace: String?
    /// When a web page or other online item was looked at (AMA: `Accessed May 1, 2024.`).
    public var accessed: DateParts?
    /// The item's `citation-key` (CSL 1.0.2; Better BibTeX writes it) when it differs from its `id`.
    /// Pandoc cites by `id`, and so does publish; the key only names the id an author meant.
    public var citationKey: String?
    /// The key Manubot cites the item by when its `id` is a short hash: `standard_citation`, or a
    /// `standard_id: …` line of its `note` (`doi:10.7554/elife.32822`). Pandoc cites by `id`, and so
    /// does publish; the key only names the id an author meant.
    public var standardCitation: String?
    /// The bibliography file as shown to the author.
    public var file: String
    /// The 1-based line where the item starts in its file, when known.
    public var line: Int?

    /// Creates a reference.
    public init(id: String, type: String? = nil, title: String? = nil, authors: [Name] = [],
                containerTitle: String? = nil, containerTitleShort: String? = nil, issued: DateParts? = nil,
                volume: String? = nil, issue: String? = nil, page: String? = nil, doi: String? = nil,
                pmid: String? = nil, pmcid: String? = nil, url: String? = nil, publisher: String? = nil,
                version: String? = nil, genre: String? = nil, edition: String? = nil,
                file: String = "", line: Int? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.authors = authors
        self.containerTitle = containerTitle
        self.containerTitleShort = containerTitleShort
        self.issued = issued
        self.volume = volume
        self.issue = issue
        self.page = page
        self.doi = doi
        self.pmid = pmid
        self.pmcid = pmcid
        self.url = url
        self.publisher = publisher
        self.version = version
        self.genre = genre
        self.edition = edition
        self.file = file
        self.line = line
    }

    /// A CSL name: a person in parts, or an organisation as a `literal`.
    public struct Name: Sendable, Hashable {
        /// The family name (`Giordano`, or `von Minckwitz` when the particle is not split off).
        public var family: String?
        /// The given names or initials (`S. H.`).
        public var given: String?
        /// A name written as is, such as an organisation.
        public var literal: String?
        /// A particle kept before the family name (`de` in `de Azambuja`).
        public var nonDroppingParticle: String?
        /// A particle that goes with the given names (`van` in `Ludwig van Beethoven`).
        public var droppingParticle: String?
        /// A suffix such as `Jr`.
        public var suffix: String?

        /// Creates a name.
        public init(family: String? = nil, given: String? = nil, literal: String? = nil,
                    nonDroppingParticle: String? = nil, droppingParticle: String? = nil, suffix: String? = nil) {
            self.family = family
            self.given = given
            self.literal = literal
            self.nonDroppingParticle = nonDroppingParticle
            self.droppingParticle = droppingParticle
            self.suffix = suffix
        }
    }

    /// A CSL date: numeric parts where they could be read, and the text as written otherwise.
    public struct DateParts: Sendable, Hashable {
        /// The year, when it could be read.
        public var year: Int?
        /// The month, 1–12.
        public var month: Int?
        /// The day of the month.
        public var day: Int?
        /// The season, 1–4 (spring, summer, autumn, winter).
        public var season: Int?
        /// The last year of a range (`{"date-parts": [[2019], [2021]]}`, EDTF `2019/2021`), when
        /// it differs from ``year``.
        public var endYear: Int?
        /// The date as written when it was text (`raw`, `literal`, an EDTF string, or a date part
        /// that is not a number); `nil` for clean numeric `date-parts`.
        public var literal: String?

        /// Creates a date.
        public init(year: Int? = nil, month: Int? = nil, day: Int? = nil, season: Int? = nil, literal: String? = nil,
                    endYear: Int? = nil) {
            self.year = year
            self.month = month
            self.day = day
            self.season = season
            self.literal = literal
            self.endYear = endYear
        }

        /// The year as a reference list prints it: `2019`, or a range `2019–2021`.
        public var yearText: String? {
            guard let year else { return nil }
            guard let endYear, endYear > year else { return String(year) }
            return "\(year)–\(endYear)"
        }
    }
}
