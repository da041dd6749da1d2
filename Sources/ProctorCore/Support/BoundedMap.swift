/// Work over a list with a bounded number of tasks at once.
public enum BoundedMap {
    /// Maps `body` over `items` with at most `width` (at least 1) running at once; results keep the input order.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], width: Int, _ body: @escaping @Sendable (Item) async throws -> Output
    ) async throws -> [Output] {
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var outputs = [Output?](repeating: nil, count: items.count)
            var next = 0
            for _ in 0..<min(max(1, width), items.count) {
                let index = next
                group.addTask { (index, try await body(items[index])) }
                next += 1
            }
            while let (index, output) = try await group.next() {
                outputs[index] = output
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await body(items[index])) }
                    next += 1
                }
            }
            return outputs.compactMap { $0 }
        }
    }
}
