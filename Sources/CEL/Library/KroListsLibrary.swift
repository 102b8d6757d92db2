/// kro's index-mutation list functions (cel.md §5.5).
public struct KroListsLibrary: RuntimeLibrary {
    public init() {}

    public static func setAtIndex(_ list: [Value], _ index: Int64, _ value: Value) throws(LibraryError) -> [Value] {
        guard index >= 0, index < Int64(list.count) else {
            throw LibraryError("lists.setAtIndex: index \(index) out of bounds [0, \(list.count))")
        }
        var out = list
        out[Int(index)] = value
        return out
    }

    public static func insertAtIndex(_ list: [Value], _ index: Int64, _ value: Value) throws(LibraryError) -> [Value] {
        guard index >= 0, index <= Int64(list.count) else {
            throw LibraryError("lists.insertAtIndex: index \(index) out of bounds [0, \(list.count)]")
        }
        var out = list
        out.insert(value, at: Int(index))
        return out
    }

    public static func removeAtIndex(_ list: [Value], _ index: Int64) throws(LibraryError) -> [Value] {
        guard index >= 0, index < Int64(list.count) else {
            throw LibraryError("lists.removeAtIndex: index \(index) out of bounds [0, \(list.count))")
        }
        var out = list
        out.remove(at: Int(index))
        return out
    }

    public func register(into t: inout FunctionTable) {
        t.register("lists.setAtIndex", [Overload("lists.setAtIndex_list_int_T", [.list, .int, nil]) { a in
            .list(try Self.setAtIndex(a[0].asList, a[1].asInt, a[2]))
        }])
        t.register("lists.insertAtIndex", [Overload("lists.insertAtIndex_list_int_T", [.list, .int, nil]) { a in
            .list(try Self.insertAtIndex(a[0].asList, a[1].asInt, a[2]))
        }])
        t.register("lists.removeAtIndex", [Overload("lists.removeAtIndex_list_int", [.list, .int]) { a in
            .list(try Self.removeAtIndex(a[0].asList, a[1].asInt))
        }])
    }
}
