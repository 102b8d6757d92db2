// cel-benchmark: parse and evaluation throughput for kro-typical CEL expressions.
// Run with `swift run -c release cel-benchmark [iterations]`. Not a test: it prints figures.
import CEL
import Foundation

let expressions: [String] = [
    "schema.spec.replicas > 1",
    "\"app-\" + schema.metadata.name",
    "schema.spec.name + \"-\" + string(schema.spec.replicas)",
    "has(schema.spec.ingress) && schema.spec.ingress.enabled",
    "schema.spec.env == 'prod' ? 3 : 1",
    "size(schema.spec.items) == 3",
    "schema.spec.items.map(i, i.name)",
    "schema.spec.items.filter(i, i.enabled).map(i, i.port)",
    "schema.spec.items.all(i, i.port > 0 && i.port < 65536)",
    "schema.spec.items.exists(i, i.name == 'web')",
    "schema.spec.items.map(i, {'name': i.name, 'containerPort': i.port})",
    "deployment.status.?availableReplicas.orValue(0) >= schema.spec.replicas",
    "schema.metadata.?labels[?'app'].orValue('none')",
    "deployment.status.conditions.exists(c, c.type == 'Available' && c.status == 'True')",
    "'%s-%d'.format([schema.metadata.name, schema.spec.replicas])",
    "schema.spec.name.lowerAscii().replace('_', '-')",
    "schema.spec.name.matches('^[a-z][a-z0-9-]*$')",
    "cel.bind(n, schema.spec.replicas * 2, n > 4 ? n : 4)",
    "schema.metadata.labels.filter(k, k.startsWith('app')).size() > 0",
    "schema.spec.items.transformList(idx, i, i.name + '-' + string(idx))",
    "timestamp('2024-01-01T00:00:00Z') + duration('1h30m') > timestamp('2024-01-01T01:00:00Z')",
]

func item(_ name: String, _ port: Int64, _ enabled: Bool) -> Value {
    .stringMap([("name", .string(name)), ("port", .int(port)), ("enabled", .bool(enabled))])
}

let schema = Value.stringMap([
    ("apiVersion", .string("kro.run/v1alpha1")),
    ("kind", .string("WebApp")),
    ("metadata", .stringMap([
        ("name", .string("my-app")), ("namespace", .string("default")),
        ("labels", .stringMap([("app", .string("web")), ("tier", .string("frontend"))])),
    ])),
    ("spec", .stringMap([
        ("name", .string("My_App")), ("replicas", .int(3)), ("env", .string("prod")),
        ("ingress", .stringMap([("enabled", .bool(true))])),
        ("items", .list([item("web", 8080, true), item("metrics", 9090, false), item("admin", 8443, true)])),
    ])),
])
let deployment = Value.stringMap([
    ("status", .stringMap([
        ("availableReplicas", .int(3)),
        ("conditions", .list([
            .stringMap([("type", .string("Progressing")), ("status", .string("True"))]),
            .stringMap([("type", .string("Available")), ("status", .string("True"))]),
        ])),
    ])),
])
let activation = Activation(["schema": schema, "deployment": deployment])

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000
let parser = CELParser()

// Check every expression once, so the figures measure successful work.
var programs: [Program] = []
for text in expressions {
    let result = parser.parse(text)
    guard let parsed = result.parsed else {
        print("parse failed: \(text): \(result.issues)")
        exit(1)
    }
    let program = Program(parsed: parsed)
    if case .error(let e) = program.evaluate(activation) {
        print("evaluation failed: \(text): \(e.message)")
        exit(1)
    }
    programs.append(program)
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var sink = 0
let parseTime = seconds {
    for _ in 0..<iterations {
        for text in expressions { if parser.parse(text).parsed != nil { sink &+= 1 } }
    }
}
let evalTime = seconds {
    for _ in 0..<iterations {
        for p in programs { if case .value = p.evaluate(activation) { sink &+= 1 } }
    }
}
// The engine makes a program for each evaluation (a preview, an instance's rules).
let planAndEvalTime = seconds {
    for _ in 0..<iterations {
        for p in programs { if case .value = Program(parsed: p.parsed).evaluate(activation) { sink &+= 1 } }
    }
}
let n = Double(iterations * expressions.count)
print("cel-benchmark: \(expressions.count) expressions × \(iterations) iterations")
print(String(format: "parse: %.0f expressions/s (%.2f µs each)", n / parseTime, parseTime / n * 1e6))
print(String(format: "eval:  %.0f evaluations/s (%.2f µs each)", n / evalTime, evalTime / n * 1e6))
print(String(format: "made and evaluated: %.0f programs/s (%.2f µs each)", n / planAndEvalTime, planAndEvalTime / n * 1e6))
if sink == 0 { print("(nothing succeeded)") }

// Per-expression evaluation cost, slowest first.
var perExpression: [(String, Double)] = []
for (text, p) in zip(expressions, programs) {
    let t = seconds { for _ in 0..<iterations { if case .value = p.evaluate(activation) { sink &+= 1 } } }
    perExpression.append((text, t / Double(iterations) * 1e6))
}
for (text, us) in perExpression.sorted(by: { $0.1 > $1.1 }) {
    print(String(format: "  %7.2f µs  ", us) + text)
}

// A validation rule that runs long: what one cost unit takes (instance admission spends
// up to 10,000,000 units a file).
let rule = "items.all(x, items.all(y, x.size() + y.size() >= 0))"
let items = Activation(["items": .list((0..<1000).map { .string("i\($0)") })])
guard let ruleParsed = parser.parse(rule).parsed else { print("parse failed: \(rule)"); exit(1) }
let ruleProgram = Program(parsed: ruleParsed, options: EvalOptions(costLimit: nil))
var ruleCost: Int64 = 0
let ruleTime = seconds {
    let (result, cost) = ruleProgram.evaluateWithCost(items)
    if case .value = result { sink &+= 1 }
    ruleCost = cost
}
print(String(format: "rule:  %.1f ns per cost unit (%lld units in %.3f s): ", ruleTime / Double(ruleCost) * 1e9, ruleCost, ruleTime) + rule)
