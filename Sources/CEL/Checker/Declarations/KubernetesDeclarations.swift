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
                FunctionDecl(name: "isSorted", overloads: comparableTypes.map {
                    .member("list_\($0.0)_is_sorted_bool", [.list($0.1)], .bool)
                }),
                FunctionDecl(name: "sum", overloads: summable.map {
                    .member("list_\($0.0)_sum_\($0.0)", [.list($0.1)], $0.1)
                }),
                FunctionDecl(name: "min", overloads: comparableTypes.map {
                    .member("list_\($0.0)_min_\($0.0)", [.list($0.1)], $0.1)
                }),
                FunctionDecl(name: "max", overloads: comparableTypes.map {
                    .member("list_\($0.0)_max_\($0.0)", [.list($0.1)], $0.1)
                }),
                FunctionDecl("indexOf", .member("list_a_index_of_int", [.list(.paramA), .paramA], .int)),
                FunctionDecl("lastIndexOf", .member("list_a_last_index_of_int", [.list(.paramA), .paramA], .int)),
            ]
        )
    }()

    public static let kubernetesURLs = CELLibraryDeclarations(
        name: "kubernetes.urls",
        functions: [
            FunctionDecl("url", .global("string_to_url", [.string], .kubernetesURL)),
            FunctionDecl("isURL", .global("is_url_string", [.string], .bool)),
            FunctionDecl("getScheme", .member("url_get_scheme", [.kubernetesURL], .string)),
            FunctionDecl("getHost", .member("url_get_host", [.kubernetesURL], .string)),
            FunctionDecl("getHostname", .member("url_get_hostname", [.kubernetesURL], .string)),
            FunctionDecl("getPort", .member("url_get_port", [.kubernetesURL], .string)),
            FunctionDecl("getEscapedPath", .member("url_get_escaped_path", [.kubernetesURL], .string)),
            FunctionDecl("getQuery", .member("url_get_query", [.kubernetesURL], .map(.string, .list(.string)))),
        ],
        typeNames: ["kubernetes.URL": .kubernetesURL]
    )

    public static let kubernetesRegex = CELLibraryDeclarations(
        name: "kubernetes.regex",
        functions: [
            FunctionDecl("find", .member("string_find_string", [.string, .string], .string)),
            FunctionDecl("findAll",
                .member("string_find_all_string", [.string, .string], .list(.string)),
                .member("string_find_all_string_int", [.string, .string, .int], .list(.string))),
        ]
    )

    public static let kubernetesQuantity = CELLibraryDeclarations(
        name: "kubernetes.quantity",
        functions: [
            FunctionDecl("quantity", .global("string_to_quantity", [.string], .kubernetesQuantity)),
            FunctionDecl("isQuantity", .global("is_quantity_string", [.string], .bool)),
            FunctionDecl("sign", .global("quantity_sign", [.kubernetesQuantity], .int)),
            FunctionDecl("isGreaterThan", .member("quantity_is_greater_than", [.kubernetesQuantity, .kubernetesQuantity], .bool)),
            FunctionDecl("isLessThan", .member("quantity_is_less_than", [.kubernetesQuantity, .kubernetesQuantity], .bool)),
            FunctionDecl("compareTo", .member("quantity_compare_to", [.kubernetesQuantity, .kubernetesQuantity], .int)),
            FunctionDecl("add",
                .member("quantity_add", [.kubernetesQuantity, .kubernetesQuantity], .kubernetesQuantity),
                .member("quantity_add_int", [.kubernetesQuantity, .int], .kubernetesQuantity)),
            FunctionDecl("sub",
                .member("quantity_sub", [.kubernetesQuantity, .kubernetesQuantity], .kubernetesQuantity),
                .member("quantity_sub_int", [.kubernetesQuantity, .int], .kubernetesQuantity)),
            FunctionDecl("asInteger", .member("quantity_get_integer", [.kubernetesQuantity], .int)),
            FunctionDecl("asApproximateFloat", .member("quantity_get_float", [.kubernetesQuantity], .double)),
            FunctionDecl("isInteger", .member("quantity_is_integer", [.kubernetesQuantity], .bool)),
        ],
        typeNames: ["kubernetes.Quantity": .kubernetesQuantity]
    )

    public static let kubernetesIP = CELLibraryDeclarations(
        name: "kubernetes.ip",
        functions: [
            FunctionDecl("ip", .global("string_to_ip", [.string], .netIP)),
            FunctionDecl("isIP", .global("is_ip", [.string], .bool)),
            FunctionDecl("ip.isCanonical", .global("ip_is_canonical", [.string], .bool)),
            FunctionDecl("family", .member("ip_family", [.netIP], .int)),
            FunctionDecl("isUnspecified", .member("ip_is_unspecified", [.netIP], .bool)),
            FunctionDecl("isLoopback", .member("ip_is_loopback", [.netIP], .bool)),
            FunctionDecl("isLinkLocalMulticast", .member("ip_is_link_local_multicast", [.netIP], .bool)),
            FunctionDecl("isLinkLocalUnicast", .member("ip_is_link_local_unicast", [.netIP], .bool)),
            FunctionDecl("isGlobalUnicast", .member("ip_is_global_unicast", [.netIP], .bool)),
            FunctionDecl("string", .global("ip_to_string", [.netIP], .string)),
        ],
        typeNames: ["net.IP": .netIP]
    )

    public static let kubernetesCIDR = CELLibraryDeclarations(
        name: "kubernetes.cidr",
        functions: [
            FunctionDecl("cidr", .global("string_to_cidr", [.string], .netCIDR)),
            FunctionDecl("isCIDR", .global("is_cidr", [.string], .bool)),
            FunctionDecl("containsIP",
                .member("cidr_contains_ip_string", [.netCIDR, .string], .bool),
                .member("cidr_contains_ip_ip", [.netCIDR, .netIP], .bool)),
            FunctionDecl("containsCIDR",
                .member("cidr_contains_cidr_string", [.netCIDR, .string], .bool),
                .member("cidr_contains_cidr", [.netCIDR, .netCIDR], .bool)),
            FunctionDecl("ip", .member("cidr_ip", [.netCIDR], .netIP)),
            FunctionDecl("prefixLength", .member("cidr_prefix_length", [.netCIDR], .int)),
            FunctionDecl("masked", .member("cidr_masked", [.netCIDR], .netCIDR)),
            FunctionDecl("string", .global("cidr_to_string", [.netCIDR], .string)),
        ],
        typeNames: ["net.CIDR": .netCIDR]
    )

    public static let kubernetesSemver = CELLibraryDeclarations(
        name: "kubernetes.semver",
        functions: [
            FunctionDecl("semver",
                .global("string_to_semver", [.string], .kubernetesSemver),
                .global("string_bool_to_semver_normalize", [.string, .bool], .kubernetesSemver)),
            FunctionDecl("isSemver",
                .global("is_semver_string", [.string], .bool),
                .global("is_semver_string_bool_normalize", [.string, .bool], .bool)),
            FunctionDecl("isGreaterThan", .member("semver_is_greater_than", [.kubernetesSemver, .kubernetesSemver], .bool)),
            FunctionDecl("isLessThan", .member("semver_is_less_than", [.kubernetesSemver, .kubernetesSemver], .bool)),
            FunctionDecl("compareTo", .member("semver_compare_to", [.kubernetesSemver, .kubernetesSemver], .int)),
            FunctionDecl("major", .member("semver_major", [.kubernetesSemver], .int)),
            FunctionDecl("minor", .member("semver_minor", [.kubernetesSemver], .int)),
            FunctionDecl("patch", .member("semver_patch", [.kubernetesSemver], .int)),
        ],
        typeNames: ["kubernetes.Semver": .kubernetesSemver]
    )
}
