import Foundation
import ProctorPython

/// Which top-level Python definitions an edit changed, compared by AST (formatting and comments do not count).
///
/// The comparison parses the code in the sandbox: parsing hostile text is not running it, but it can still be made
/// to exhaust memory or time.
enum UnchangedDefinitions {
    static let script = #"""
        import ast, json, sys
        request = json.loads(sys.stdin.read())
        def definitions(source):
            found = {}
            for node in ast.parse(source).body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    found[node.name] = ast.dump(node, annotate_fields=False, include_attributes=False)
            return found
        before = definitions(request['before'])
        try:
            after = definitions(request['after'])
        except SyntaxError:
            after = {}
        print(json.dumps([name for name in request['names'] if before.get(name) != after.get(name)]))
        """#

    /// The names among `names` whose definition differs between `before` and `after` (or is gone).
    static func changed(_ names: [String], from before: String, to after: String, in sandbox: PythonSandbox) async throws
        -> [String]
    {
        let request = try JSONSerialization.data(withJSONObject: ["names": names, "before": before, "after": after])
        let execution = try await sandbox.run(script, stdin: String(decoding: request, as: UTF8.self))
        let output = execution.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let list = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String] else {
            return names
        }
        return list
    }
}
