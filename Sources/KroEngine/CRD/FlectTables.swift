/// Inflection data of gobuffalo/flect v1.0.3, the pluraliser kro uses for CRD plurals
/// (rgd.md §15.1). The order of both tables is significant: it decides rule priority.
enum FlectTables {
    struct Word {
        var singular: String
        var plural: String
        var alternative: String = ""
        var unidirectional = false
        var uncountable = false
        /// Exact words take part only as whole words, never as suffix rules.
        var exact = false
    }

    private static func w(_ s: String, _ p: String, alt: String = "", uni: Bool = false, exact: Bool = false) -> Word {
        Word(singular: s, plural: p, alternative: alt, unidirectional: uni, exact: exact)
    }
    private static func uncountable(_ s: String) -> Word { Word(singular: s, plural: s, uncountable: true) }

    static let dictionary: [Word] = [
        w("aircraft", "aircraft"), w("beef", "beef", alt: "beefs"), w("bison", "bison"),
        w("blues", "blues", uni: true), w("chassis", "chassis"), w("deer", "deer"),
        w("fish", "fish", alt: "fishes"), w("moose", "moose"), w("police", "police"),
        w("salmon", "salmon", alt: "salmons"), w("series", "series"), w("sheep", "sheep"),
        w("shrimp", "shrimp", alt: "shrimps"), w("species", "species"), w("swine", "swine", alt: "swines"),
        w("trout", "trout", alt: "trouts"), w("tuna", "tuna", alt: "tunas"), w("you", "you"),
        w("child", "children"), w("ox", "oxen", exact: true),
        w("foot", "feet"), w("goose", "geese"), w("man", "men"), w("human", "humans"),
        w("louse", "lice", exact: true), w("mouse", "mice"), w("tooth", "teeth"), w("woman", "women"),
        w("die", "dice", exact: true), w("person", "people"),
        w("adieu", "adieux", alt: "adieus"), w("fabliau", "fabliaux"), w("bureau", "bureaus", alt: "bureaux"),
        w("criterion", "criteria"), w("ganglion", "ganglia", alt: "ganglions"), w("lexicon", "lexica", alt: "lexicons"),
        w("mitochondrion", "mitochondria", alt: "mitochondrions"), w("noumenon", "noumena"),
        w("phenomenon", "phenomena"), w("taxon", "taxa"),
        w("media", "media"), w("medium", "media", alt: "mediums", uni: true), w("stadium", "stadiums", alt: "stadia"),
        w("aquarium", "aquaria", alt: "aquariums"), w("auditorium", "auditoria", alt: "auditoriums"),
        w("symposium", "symposia", alt: "symposiums"), w("curriculum", "curriculums", alt: "curricula"),
        w("quota", "quotas"),
        w("alumnus", "alumni", alt: "alumnuses"), w("bacillus", "bacilli"), w("cactus", "cacti", alt: "cactuses"),
        w("coccus", "cocci"), w("focus", "foci", alt: "focuses"), w("locus", "loci", alt: "locuses"),
        w("nucleus", "nuclei", alt: "nucleuses"), w("octopus", "octupuses", alt: "octopi"),
        w("radius", "radii", alt: "radiuses"), w("syllabus", "syllabi"), w("corpus", "corpora", alt: "corpuses"),
        w("genus", "genera"),
        w("alumna", "alumnae"), w("vertebra", "vertebrae"), w("differentia", "differentiae"), w("minutia", "minutiae"),
        w("vita", "vitae"), w("larva", "larvae"), w("postcava", "postcavae"), w("praecava", "praecavae"), w("uva", "uvae"),
        w("apex", "apices", alt: "apexes"), w("codex", "codices", alt: "codexes"), w("index", "indices", alt: "indexes"),
        w("latex", "latices", alt: "latexes"), w("vertex", "vertices", alt: "vertexes"), w("vortex", "vortices", alt: "vortexes"),
        w("appendix", "appendices", alt: "appendixes"), w("radix", "radices", alt: "radixes"), w("helix", "helices", alt: "helixes"),
        w("axis", "axes", exact: true), w("crisis", "crises"), w("ellipsis", "ellipses", uni: true), w("genesis", "geneses"),
        w("oasis", "oases"), w("thesis", "theses"), w("testis", "testes"), w("base", "bases"), w("basis", "bases", uni: true),
        w("alias", "aliases", exact: true), w("vedalia", "vedalias"),
        w("use", "uses", exact: true), w("abuse", "abuses"), w("cause", "causes"), w("clause", "clauses"),
        w("cruse", "cruses"), w("excuse", "excuses"), w("fuse", "fuses"), w("house", "houses"), w("misuse", "misuses"),
        w("muse", "muses"), w("pause", "pauses"), w("ache", "aches"), w("topaz", "topazes"),
        w("buffalo", "buffaloes", alt: "buffalos"), w("potato", "potatoes"), w("tomato", "tomatoes"),
        uncountable("equipment"), uncountable("information"), uncountable("jeans"), uncountable("money"),
        uncountable("news"), uncountable("rice"),
        w("dwarf", "dwarfs", alt: "dwarves"), w("hoof", "hoofs", alt: "hooves"), w("thief", "thieves"),
        w("chive", "chives"), w("hive", "hives"), w("move", "moves"),
        w("movie", "movies"), w("cookie", "cookies"),
        w("pretorium", "pretoriums"), w("agenda", "agendas"),
        w("formula", "formulas", alt: "formulae"),
        w("shoe", "shoes"), w("toe", "toes", exact: true), w("graffiti", "graffiti"),
        w("ID", "IDs", exact: true),
    ]

    /// Singular suffix → plural suffix, highest priority first.
    static let suffixes: [(singular: String, plural: String)] = [
        ("tive", "tives"), ("eaf", "eaves"), ("oaf", "oaves"), ("afe", "aves"), ("arf", "arves"), ("rfe", "rves"),
        ("rf", "rves"), ("lf", "lves"), ("fe", "ves"),
        ("ay", "ays"), ("ey", "eys"), ("oy", "oys"), ("quy", "quies"), ("uy", "uys"), ("y", "ies"),
        ("eau", "eaux"),
        ("bula", "bulae"), ("dula", "bulae"), ("lula", "bulae"), ("nula", "bulae"), ("vula", "bulae"),
        ("hedron", "hedra"),
        ("ium", "ia"), ("seum", "seums"), ("eum", "ea"), ("oum", "oa"), ("stracum", "straca"), ("dum", "da"),
        ("elum", "ela"), ("ilum", "ila"), ("olum", "ola"), ("ulum", "ula"), ("llum", "lla"), ("ylum", "yla"),
        ("imum", "ima"), ("ernum", "erna"), ("gnum", "gna"), ("brum", "bra"), ("crum", "cra"), ("terum", "tera"),
        ("serum", "sera"), ("trum", "tra"), ("antum", "anta"), ("atum", "ata"), ("entum", "enta"), ("etum", "eta"),
        ("itum", "ita"), ("otum", "ota"), ("utum", "uta"), ("ctum", "cta"), ("ovum", "ova"),
        ("trix", "trices"),
        ("iasis", "iases"), ("mesis", "meses"), ("kinesis", "kineses"), ("resis", "reses"), ("gnosis", "gnoses"),
        ("opsis", "opses"), ("ysis", "yses"),
        ("ouse", "ouses"), ("lause", "lauses"), ("us", "uses"),
        ("ch", "ches"), ("io", "ios"), ("sh", "shes"), ("ss", "sses"), ("ez", "ezzes"), ("iz", "izzes"),
        ("tz", "tzes"), ("zz", "zzes"), ("ano", "anos"), ("lo", "los"), ("to", "tos"), ("oo", "oos"),
        ("o", "oes"), ("x", "xes"),
        ("S", "Ses"),
    ]

    static let acronyms: Set<String> = [
        "OK", "UTF8", "HTML", "JSON", "JWT", "ID", "UUID", "SQL", "ACK", "ACL", "ADSL", "AES", "ANSI", "API",
        "ARP", "ATM", "BGP", "BSS", "CCITT", "CHAP", "CIDR", "CIR", "CLI", "CPE", "CPU", "CRC", "CRT", "CSMA",
        "CMOS", "DCE", "DEC", "DES", "DHCP", "DNS", "DRAM", "DSL", "DSLAM", "DTE", "DMI", "EHA", "EIA", "EIGRP",
        "EOF", "ESS", "FCC", "FCS", "FDDI", "FTP", "GBIC", "GEPOF", "HDLC", "HTTP", "HTTPS", "IANA", "ICMP",
        "IDF", "IDS", "IEEE", "IETF", "IMAP", "IP", "IPS", "ISDN", "ISP", "LACP", "LAN", "LAPB", "LAPF", "LLC",
        "MAC", "MC", "MDF", "MIB", "MPLS", "MTU", "NAC", "NAT", "NBMA", "NIC", "NRZ", "NRZI", "NVRAM", "OSI",
        "OSPF", "OUI", "PAP", "PAT", "PC", "PIM", "PCM", "PDU", "POP3", "POTS", "PPP", "PPTP", "PTT", "PVST",
        "RAM", "RARP", "RFC", "RIP", "RLL", "ROM", "RSTP", "RTP", "RCP", "SDLC", "SFD", "SFP", "SLARP", "SLIP",
        "SMTP", "SNA", "SNAP", "SNMP", "SOF", "SRAM", "SSH", "SSID", "STP", "SYN", "TDM", "TFTP", "TIA", "TOFU",
        "UDP", "URL", "URI", "USB", "UTP", "VC", "VLAN", "VLSM", "VPN", "W3C", "WAN", "WEP", "WPA", "WWW",
    ]
}
