import Dispatch
import Testing
@testable import LanguageServer

/// A continuation's value reaches the awaiting task whether the resume comes before the task
/// suspends or after it, from the same thread or another.
@Suite struct HandedContinuationTests {
    @Test func aResumeBeforeTheAwaitHandsItsValue() async {
        let value: [String] = await withHandedContinuation { $0.resume(returning: ["ready", "already"]) }
        #expect(value == ["ready", "already"])
    }

    @Test func aResumeFromAnotherThreadHandsItsValue() async {
        for round in 0..<200 {
            let value: [Int] = await withHandedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: Array(0...round)) }
            }
            #expect(value.count == round + 1 && value.last == round)
        }
    }

    @Test func anOptionalValueKeepsItsNil() async {
        let none: Int?? = await withHandedContinuation { $0.resume(returning: .some(nil)) }
        #expect(none == .some(nil))
    }
}
