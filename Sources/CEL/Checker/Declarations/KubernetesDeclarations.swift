/// The Kubernetes CEL libraries kro enables (k8s.io/apiserver/pkg/cel/library, cel.md §4).
extension CELType {
    public static let kubernetesURL = CELType.opaque("kubernetes.URL", [])
    public static let kubernetesQuantity = CELType.opaque("kubernetes.Quantity", [])
    public static let kubernetesSemver = CELType.opaque("kubernetes.Semver", [])
    public static let netIP = CELType.opaque("net.IP", [])
    public static let netCIDR = CELType.opaque("net.CIDR", [])
}

extension CELLibraryDeclarations {
    public static let kubernetesLists: CELLibraryDeclarations = {
        let summable: [(String, CELType)] = [("int", .int), ("uint", .uint), ("double", .double), ("duration", .duration)]
        return CELLibraryDeclarations(
            name: "kubernetes.lists",
            functions: [
                FunctionDecl(name: "isSorted", doc: "Whether the list is in ascending order.", overloads: comparableTypes.map {
                    .member("list_\($0.0)_is_sorted_bool", [.list($0.1)], .bool).examples("\(sampleList($0.1)).isSorted()")
                }),
                FunctionDecl(name: "sum", doc: "The sum of the elements (0 of the element type for an empty list).", overloads: summable.map {
                    .member("list_\($0.0)_sum_\($0.0)", [.list($0.1)], $0.1).examples("\(sampleList($0.1)).sum()")
                }),
                FunctionDecl(name: "min", doc: "The smallest element; an error for an empty list.", overloads: comparableTypes.map {
                    .member("list_\($0.0)_min_\($0.0)", [.list($0.1)], $0.1).examples("\(sampleList($0.1)).min()")
                }),
                FunctionDecl(name: "max", doc: "The largest element; an error for an empty list.", overloads: comparableTypes.map {
                    .member("list_\($0.0)_max_\($0.0)", [.list($0.1)], $0.1).examples("\(sampleList($0.1)).max()")
                }),
                FunctionDecl("indexOf", doc: "The index of the first element equal to the value, or -1.",
                    .member("list_a_index_of_int", [.list(.paramA), .paramA], .int).examples("[1, 2, 1].indexOf(1)")),
                FunctionDecl("lastIndexOf", doc: "The index of the last element equal to the value, or -1.",
                    .member("list_a_last_index_of_int", [.list(.paramA), .paramA], .int).examples("[1, 2, 1].lastIndexOf(1)")),
            ]
        )
    }()

    public static let kubernetesURLs = CELLibraryDeclarations(
        name: "kubernetes.urls",
        functions: [
            FunctionDecl("url", doc: "The URL the string parses to (absolute, or an absolute path); an error otherwise.",
                .global("string_to_url", [.string], .kubernetesURL).examples("url('https://example.com/a')")),
            FunctionDecl("isURL", doc: "Whether `url()` accepts the string.",
                .global("is_url_string", [.string], .bool).examples("isURL('https://example.com')")),
            FunctionDecl("getScheme", doc: "The URL's scheme (`https`), or `''`.",
                .member("url_get_scheme", [.kubernetesURL], .string).examples("url('https://example.com').getScheme()")),
            FunctionDecl("getHost", doc: "The URL's host with its port (`example.com:8080`); IPv6 hosts keep their brackets.",
                .member("url_get_host", [.kubernetesURL], .string).examples("url('https://example.com:8080').getHost()")),
            FunctionDecl("getHostname", doc: "The URL's host without port or IPv6 brackets.",
                .member("url_get_hostname", [.kubernetesURL], .string).examples("url('https://example.com:8080').getHostname()")),
            FunctionDecl("getPort", doc: "The URL's port, or `''` when none is written.",
                .member("url_get_port", [.kubernetesURL], .string).examples("url('https://example.com:8080').getPort()")),
            FunctionDecl("getEscapedPath", doc: "The URL's path, escaped (`/a%20b`).",
                .member("url_get_escaped_path", [.kubernetesURL], .string).examples("url('https://example.com/a%20b').getEscapedPath()")),
            FunctionDecl("getQuery", doc: "The URL's query parameters: each name with its values.",
                .member("url_get_query", [.kubernetesURL], .map(.string, .list(.string))).examples("url('https://example.com/?a=1&a=2').getQuery()")),
        ],
        typeNames: ["kubernetes.URL": .kubernetesURL]
    )

    public static let kubernetesRegex = CELLibraryDeclarations(
        name: "kubernetes.regex",
        functions: [
            FunctionDecl("find", doc: "The first match of the RE2 regular expression in the string, or `''`.",
                .member("string_find_string", [.string, .string], .string).examples("'abc123'.find('[0-9]+')")),
            FunctionDecl("findAll", doc: "Every match of the RE2 regular expression in the string (at most n when n ≥ 0).",
                .member("string_find_all_string", [.string, .string], .list(.string)).examples("'a1b22'.findAll('[0-9]+')"),
                .member("string_find_all_string_int", [.string, .string, .int], .list(.string)).examples("'a1b22'.findAll('[0-9]+', 1)")),
        ]
    )

    public static let kubernetesQuantity = CELLibraryDeclarations(
        name: "kubernetes.quantity",
        functions: [
            FunctionDecl("quantity", doc: "The Kubernetes quantity the string denotes (`500m`, `1Gi`); an error when malformed.",
                .global("string_to_quantity", [.string], .kubernetesQuantity).examples("quantity('500m')")),
            FunctionDecl("isQuantity", doc: "Whether `quantity()` accepts the string.",
                .global("is_quantity_string", [.string], .bool).examples("isQuantity('1Gi')")),
            FunctionDecl("sign", doc: "-1, 0 or 1 by the quantity's sign.",
                .global("quantity_sign", [.kubernetesQuantity], .int).examples("sign(quantity('-1'))")),
            FunctionDecl("isGreaterThan", doc: "Whether this value is greater than the other (quantities by amount, versions by semver precedence).",
                .member("quantity_is_greater_than", [.kubernetesQuantity, .kubernetesQuantity], .bool)
                    .examples("quantity('1Gi').isGreaterThan(quantity('512Mi'))")),
            FunctionDecl("isLessThan", doc: "Whether this value is less than the other (quantities by amount, versions by semver precedence).",
                .member("quantity_is_less_than", [.kubernetesQuantity, .kubernetesQuantity], .bool)
                    .examples("quantity('500m').isLessThan(quantity('1'))")),
            FunctionDecl("compareTo", doc: "-1, 0 or 1 as this value is less than, equal to or greater than the other.",
                .member("quantity_compare_to", [.kubernetesQuantity, .kubernetesQuantity], .int)
                    .examples("quantity('1').compareTo(quantity('1000m'))")),
            FunctionDecl("add", doc: "The sum of two quantities, or of a quantity and an int.",
                .member("quantity_add", [.kubernetesQuantity, .kubernetesQuantity], .kubernetesQuantity)
                    .examples("quantity('1Gi').add(quantity('512Mi'))"),
                .member("quantity_add_int", [.kubernetesQuantity, .int], .kubernetesQuantity).examples("quantity('1').add(2)")),
            FunctionDecl("sub", doc: "The difference of two quantities, or of a quantity and an int.",
                .member("quantity_sub", [.kubernetesQuantity, .kubernetesQuantity], .kubernetesQuantity)
                    .examples("quantity('1Gi').sub(quantity('512Mi'))"),
                .member("quantity_sub_int", [.kubernetesQuantity, .int], .kubernetesQuantity).examples("quantity('3').sub(1)")),
            FunctionDecl("asInteger", doc: "The quantity as an int; an error when it is fractional or too large.",
                .member("quantity_get_integer", [.kubernetesQuantity], .int).examples("quantity('2k').asInteger()")),
            FunctionDecl("asApproximateFloat", doc: "The quantity as a double (approximate).",
                .member("quantity_get_float", [.kubernetesQuantity], .double).examples("quantity('500m').asApproximateFloat()")),
            FunctionDecl("isInteger", doc: "Whether `asInteger()` would succeed.",
                .member("quantity_is_integer", [.kubernetesQuantity], .bool).examples("quantity('500m').isInteger()")),
        ],
        typeNames: ["kubernetes.Quantity": .kubernetesQuantity]
    )

    public static let kubernetesIP = CELLibraryDeclarations(
        name: "kubernetes.ip",
        functions: [
            FunctionDecl("ip", doc: "The IP address the string denotes (IPv4 or IPv6, no zone); an error when malformed. On a CIDR: its address.",
                .global("string_to_ip", [.string], .netIP).examples("ip('10.0.0.1')")),
            FunctionDecl("isIP", doc: "Whether `ip()` accepts the string.",
                .global("is_ip", [.string], .bool).examples("isIP('10.0.0.1')")),
            FunctionDecl("ip.isCanonical", doc: "Whether the IP address string is in canonical form (`::1`, not `0:0::1`).",
                .global("ip_is_canonical", [.string], .bool).examples("ip.isCanonical('10.0.0.1')")),
            FunctionDecl("family", doc: "4 or 6: the IP address family.",
                .member("ip_family", [.netIP], .int).examples("ip('10.0.0.1').family()")),
            FunctionDecl("isUnspecified", doc: "Whether the IP is the unspecified address (`0.0.0.0`, `::`).",
                .member("ip_is_unspecified", [.netIP], .bool).examples("ip('0.0.0.0').isUnspecified()")),
            FunctionDecl("isLoopback", doc: "Whether the IP is a loopback address.",
                .member("ip_is_loopback", [.netIP], .bool).examples("ip('127.0.0.1').isLoopback()")),
            FunctionDecl("isLinkLocalMulticast", doc: "Whether the IP is a link-local multicast address.",
                .member("ip_is_link_local_multicast", [.netIP], .bool).examples("ip('224.0.0.1').isLinkLocalMulticast()")),
            FunctionDecl("isLinkLocalUnicast", doc: "Whether the IP is a link-local unicast address.",
                .member("ip_is_link_local_unicast", [.netIP], .bool).examples("ip('169.254.0.1').isLinkLocalUnicast()")),
            FunctionDecl("isGlobalUnicast", doc: "Whether the IP is a global unicast address.",
                .member("ip_is_global_unicast", [.netIP], .bool).examples("ip('8.8.8.8').isGlobalUnicast()")),
            FunctionDecl("string", doc: "An IP address or CIDR in its canonical text form.",
                .global("ip_to_string", [.netIP], .string).examples("string(ip('10.0.0.1'))")),
        ],
        typeNames: ["net.IP": .netIP]
    )

    public static let kubernetesCIDR = CELLibraryDeclarations(
        name: "kubernetes.cidr",
        functions: [
            FunctionDecl("cidr", doc: "The CIDR block the string denotes (`10.0.0.0/8`); an error when malformed.",
                .global("string_to_cidr", [.string], .netCIDR).examples("cidr('10.0.0.0/8')")),
            FunctionDecl("isCIDR", doc: "Whether `cidr()` accepts the string.",
                .global("is_cidr", [.string], .bool).examples("isCIDR('10.0.0.0/8')")),
            FunctionDecl("containsIP", doc: "Whether the CIDR block contains the IP address.",
                .member("cidr_contains_ip_string", [.netCIDR, .string], .bool).examples("cidr('10.0.0.0/8').containsIP('10.1.2.3')"),
                .member("cidr_contains_ip_ip", [.netCIDR, .netIP], .bool).examples("cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))")),
            FunctionDecl("containsCIDR", doc: "Whether the CIDR block contains the other block.",
                .member("cidr_contains_cidr_string", [.netCIDR, .string], .bool)
                    .examples("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')"),
                .member("cidr_contains_cidr", [.netCIDR, .netCIDR], .bool)
                    .examples("cidr('10.0.0.0/8').containsCIDR(cidr('10.1.0.0/16'))")),
            FunctionDecl("ip", .member("cidr_ip", [.netCIDR], .netIP).examples("cidr('10.0.0.0/8').ip()")),
            FunctionDecl("prefixLength", doc: "The CIDR's prefix length.",
                .member("cidr_prefix_length", [.netCIDR], .int).examples("cidr('10.0.0.0/8').prefixLength()")),
            FunctionDecl("masked", doc: "The CIDR with the host bits cleared (`10.1.2.3/8` → `10.0.0.0/8`).",
                .member("cidr_masked", [.netCIDR], .netCIDR).examples("cidr('10.1.2.3/8').masked()")),
            FunctionDecl("string", .global("cidr_to_string", [.netCIDR], .string).examples("string(cidr('10.0.0.0/8'))")),
        ],
        typeNames: ["net.CIDR": .netCIDR]
    )

    public static let kubernetesSemver = CELLibraryDeclarations(
        name: "kubernetes.semver",
        functions: [
            FunctionDecl("semver", doc: "The semantic version the string denotes; with `true`, a leading `v` and missing minor/patch are accepted.",
                .global("string_to_semver", [.string], .kubernetesSemver).examples("semver('1.2.3')"),
                .global("string_bool_to_semver_normalize", [.string, .bool], .kubernetesSemver).examples("semver('v1.2', true)")),
            FunctionDecl("isSemver", doc: "Whether `semver()` accepts the string (with the same normalising flag).",
                .global("is_semver_string", [.string], .bool).examples("isSemver('1.2.3')"),
                .global("is_semver_string_bool_normalize", [.string, .bool], .bool).examples("isSemver('v1.2', true)")),
            FunctionDecl("isGreaterThan",
                .member("semver_is_greater_than", [.kubernetesSemver, .kubernetesSemver], .bool)
                    .examples("semver('1.3.0').isGreaterThan(semver('1.2.9'))")),
            FunctionDecl("isLessThan",
                .member("semver_is_less_than", [.kubernetesSemver, .kubernetesSemver], .bool)
                    .examples("semver('1.2.0').isLessThan(semver('1.10.0'))")),
            FunctionDecl("compareTo",
                .member("semver_compare_to", [.kubernetesSemver, .kubernetesSemver], .int)
                    .examples("semver('1.2.3').compareTo(semver('1.2.3'))")),
            FunctionDecl("major", doc: "The semantic version's major number.",
                .member("semver_major", [.kubernetesSemver], .int).examples("semver('1.2.3').major()")),
            FunctionDecl("minor", doc: "The semantic version's minor number.",
                .member("semver_minor", [.kubernetesSemver], .int).examples("semver('1.2.3').minor()")),
            FunctionDecl("patch", doc: "The semantic version's patch number.",
                .member("semver_patch", [.kubernetesSemver], .int).examples("semver('1.2.3').patch()")),
        ],
        typeNames: ["kubernetes.Semver": .kubernetesSemver]
    )
}
