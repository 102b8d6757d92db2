import Testing
import YAMLSyntax
@testable import KroEngine

/// The embedded catalog types each operator family: valid RGDs check clean without "no
/// schema" information; an unknown field, a wrong literal and a misspelt status path are
/// found where they are written, each relating the catalog source.
@Suite struct CRDCatalogFamilyTests {
    static let store = bundledSchemaStore.with(catalog: BundledCatalog.load())

    struct Family: Sendable, CustomStringConvertible {
        var name: String
        /// Resources of the family; `ERR_FIELD`, `ERR_LITERAL` and `ERR_STATUS` mark where
        /// the broken variant puts an unknown field, a wrong literal and a misspelt path.
        var resources: String
        /// A status path a ConfigMap reads (when the family's resources do not).
        var probe: String? = nil
        var good: [String: String]
        var bad: [String: String]
        var description: String { name }
    }

    static let families: [Family] = [
        Family(name: "ASO", resources: """
              - id: rg
                template:
                  apiVersion: resources.azure.com/v1api20200601
                  kind: ResourceGroup
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    location: westeurope
                    ERR_FIELD: {}
              - id: aks
                template:
                  apiVersion: containerservice.azure.com/v1api20240901
                  kind: ManagedCluster
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    location: ${rg.status.ERR_STATUS}
                    dnsPrefix: ${schema.spec.name}
                    owner:
                      name: ${rg.metadata.name}
                    agentPoolProfiles:
                      - name: pool1
                        count: ERR_LITERAL
                        vmSize: Standard_DS2_v2
                        mode: System
            """,
            good: ["ERR_FIELD": "tags", "ERR_STATUS": "location", "ERR_LITERAL": "3"],
            bad: ["ERR_FIELD": "tagz", "ERR_STATUS": "locaton", "ERR_LITERAL": "\"three\""]),
        Family(name: "ACK", resources: """
              - id: bucket
                template:
                  apiVersion: s3.services.k8s.aws/v1alpha1
                  kind: Bucket
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    name: ${schema.spec.name}
                    ERR_FIELD: {}
              - id: queue
                template:
                  apiVersion: sqs.services.k8s.aws/v1alpha1
                  kind: Queue
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    queueName: ${schema.spec.name}
                    tags:
                      bucket: ${bucket.status.ackResourceMetadata.ERR_STATUS}
              - id: table
                template:
                  apiVersion: dynamodb.services.k8s.aws/v1alpha1
                  kind: Table
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    tableName: ${schema.spec.name}
                    billingMode: PAY_PER_REQUEST
                    deletionProtectionEnabled: ERR_LITERAL
            """,
            good: ["ERR_FIELD": "versioning", "ERR_STATUS": "arn", "ERR_LITERAL": "true"],
            bad: ["ERR_FIELD": "versionning", "ERR_STATUS": "amr", "ERR_LITERAL": "\"yes\""]),
        Family(name: "KCC", resources: """
              - id: cluster
                template:
                  apiVersion: container.cnrm.cloud.google.com/v1beta1
                  kind: ContainerCluster
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    location: europe-west1
                    initialNodeCount: 1
                    ERR_FIELD: {}
              - id: pool
                template:
                  apiVersion: container.cnrm.cloud.google.com/v1beta1
                  kind: ContainerNodePool
                  metadata:
                    name: ${schema.spec.name}
                    annotations:
                      endpoint: ${cluster.status.ERR_STATUS}
                  spec:
                    location: europe-west1
                    nodeCount: ERR_LITERAL
                    clusterRef:
                      name: ${cluster.metadata.name}
            """,
            good: ["ERR_FIELD": "releaseChannel", "ERR_STATUS": "endpoint", "ERR_LITERAL": "2"],
            bad: ["ERR_FIELD": "releaseChanel", "ERR_STATUS": "endpont", "ERR_LITERAL": "\"two\""]),
        Family(name: "cert-manager", resources: """
              - id: issuer
                template:
                  apiVersion: cert-manager.io/v1
                  kind: ClusterIssuer
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    selfSigned: {}
              - id: certificate
                template:
                  apiVersion: cert-manager.io/v1
                  kind: Certificate
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    secretName: ${schema.spec.name}
                    dnsNames: ["example.com"]
                    isCA: ERR_LITERAL
                    ERR_FIELD: {}
                    issuerRef:
                      name: ${issuer.metadata.name}
                      kind: ClusterIssuer
            """,
            probe: "string(certificate.status.ERR_STATUS)",
            good: ["ERR_FIELD": "privateKey", "ERR_STATUS": "revision", "ERR_LITERAL": "false"],
            bad: ["ERR_FIELD": "privateKee", "ERR_STATUS": "revison", "ERR_LITERAL": "\"no\""]),
        Family(name: "external-secrets", resources: """
              - id: store
                template:
                  apiVersion: external-secrets.io/v1
                  kind: ClusterSecretStore
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    retrySettings:
                      maxRetries: ERR_LITERAL
                    provider:
                      fake:
                        data: []
              - id: secret
                template:
                  apiVersion: external-secrets.io/v1
                  kind: ExternalSecret
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    ERR_FIELD: 1h
                    secretStoreRef:
                      name: ${store.metadata.name}
                      kind: ClusterSecretStore
            """,
            probe: "secret.status.ERR_STATUS",
            good: ["ERR_FIELD": "refreshInterval", "ERR_STATUS": "syncedResourceVersion", "ERR_LITERAL": "60"],
            bad: ["ERR_FIELD": "refreshIntervall", "ERR_STATUS": "syncedResourceVersio", "ERR_LITERAL": "\"often\""]),
        Family(name: "Argo CD", resources: """
              - id: project
                template:
                  apiVersion: argoproj.io/v1alpha1
                  kind: AppProject
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    sourceRepos: ["*"]
              - id: app
                template:
                  apiVersion: argoproj.io/v1alpha1
                  kind: Application
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    project: ${project.metadata.name}
                    revisionHistoryLimit: ERR_LITERAL
                    ERR_FIELD:
                      server: https://kubernetes.default.svc
                    source:
                      repoURL: https://example.com/repo.git
                      path: deploy
            """,
            probe: "app.status.sync.ERR_STATUS",
            good: ["ERR_FIELD": "destination", "ERR_STATUS": "status", "ERR_LITERAL": "5"],
            bad: ["ERR_FIELD": "destinaton", "ERR_STATUS": "statuz", "ERR_LITERAL": "\"five\""]),
        Family(name: "Gateway API", resources: """
              - id: gateway
                template:
                  apiVersion: gateway.networking.k8s.io/v1
                  kind: Gateway
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    gatewayClassName: istio
                    listeners:
                      - name: http
                        protocol: HTTP
                        port: ERR_LITERAL
              - id: route
                template:
                  apiVersion: gateway.networking.k8s.io/v1beta1
                  kind: HTTPRoute
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    parentRefs:
                      - name: ${gateway.metadata.name}
                    ERR_FIELD: [example.com]
                    rules:
                      - backendRefs:
                          - name: web
                            port: 80
              - id: grpc
                template:
                  apiVersion: gateway.networking.k8s.io/v1
                  kind: GRPCRoute
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    parentRefs:
                      - name: ${gateway.metadata.name}
                        sectionName: ${gateway.status.listeners[0].ERR_STATUS}
            """,
            good: ["ERR_FIELD": "hostnames", "ERR_STATUS": "name", "ERR_LITERAL": "80"],
            bad: ["ERR_FIELD": "hostnamez", "ERR_STATUS": "nmae", "ERR_LITERAL": "\"eighty\""]),
    ]

    static func document(_ resources: String) -> String {
        ExpressionTypeCheckTests.rgd(resources, spec: "name: string")
    }

    func analyse(_ text: String) -> (SourceText, [Diagnostic]) {
        let options = AnalysisOptions(schemaStore: Self.store)
        let source = SourceText(text)
        return (source, DocumentAnalyzer.analyze(source, options: options).diagnostics)
    }

    func fill(_ family: Family, _ values: [String: String]) -> String {
        var resources = family.resources
        if let probe = family.probe {
            resources += """

                  - id: probe
                    template:
                      apiVersion: v1
                      kind: ConfigMap
                      metadata:
                        name: ${schema.spec.name}
                      data:
                        value: ${\(probe)}
                """
        }
        return values.reduce(Self.document(resources)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    @Test(arguments: families) func validRGDChecksClean(_ family: Family) {
        let (_, found) = analyse(fill(family, family.good))
        #expect(found.isEmpty, "\(found.map { "\($0.code) \($0.message)" })")
    }

    @Test(arguments: families) func errorsAreFoundWhereWrittenAndNameTheCatalog(_ family: Family) throws {
        let text = fill(family, family.bad)
        let (source, found) = analyse(text)
        let errors = found.filter { $0.severity == .error }
        let quoted = errors.map { "\($0.code)@\(source.string(in: $0.range))" }
        let field = family.bad["ERR_FIELD"]!, literal = family.bad["ERR_LITERAL"]!, status = family.bad["ERR_STATUS"]!
        #expect(quoted.contains("KRO304@\(field)"), "\(quoted)")
        #expect(quoted.contains("KRO303@\(literal)"), "\(quoted)")
        #expect(quoted.contains { $0.hasSuffix("@\(status)") && ($0.hasPrefix("KRO333") || $0.hasPrefix("KRO405")) }, "\(quoted)")
        #expect(errors.count == 3, "\(quoted)")
        for error in errors {
            #expect(error.related.contains { $0.message.contains("CRD catalog") }, "\(error.code) \(error.message)")
        }
    }
}
