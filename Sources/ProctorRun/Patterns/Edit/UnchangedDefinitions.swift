import Foundation
import ProctorPython

/// Which top-level Python definitions an edit changed, compared by AST (formatting and comments do not count), or
/// could have replaced: a name bound anywhere else (an assignment, an attribute of that name assigned on any object —
/// the program's module can be imported —, `global`, an import, a nested definition) counts as changed, and so do all
/// of them when the code can bind names unseen (`globals()`, `setattr`, `getattr`, `exec`, ...).
///
/// The comparison parses the code in the sandbox: parsing hostile text is not running it, but it can still be made
/// to exhaust memory or time.
enum UnchangedDefinitions {
    static let script = #"""
        import ast, json, sys
        request = json.loads(sys.stdin.read())
        names = request['names']
        def definitions(tree):
            found = {}
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    found[node.name] = ast.dump(node, annotate_fields=False, include_attributes=False)
            return found
        def rebound(tree):
            # Names bound anywhere but by their one top-level definition: assignments, deletions, global
            # declarations, imports, nested or repeated definitions, except-as; and, for all of them, code that
            # can bind names unseen (globals(), setattr, exec, ...).
            top = {}
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    top[node.name] = top.get(node.name, 0) + 1
            found = {name for name, count in top.items() if count > 1}
            unseen = False
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                    found.add(node.id)
                elif isinstance(node, (ast.Global, ast.Nonlocal)):
                    found.update(node.names)
                elif isinstance(node, ast.alias):
                    found.add((node.asname or node.name).split('.')[0])
                elif isinstance(node, ast.ExceptHandler) and node.name:
                    found.add(node.name)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node not in tree.body:
                    found.add(node.name)
                elif isinstance(node, getattr(ast, 'MatchAs', ())) and node.name:
                    found.add(node.name)
                elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
                    # `module.g = ...`: the program's own module is reachable by import (`__main__`, `solution`).
                    found.add(node.attr)
                elif isinstance(node, ast.Name) and node.id in ('globals', 'vars', 'setattr', 'delattr', 'getattr',
                                                                  'exec', 'eval', '__import__', 'locals', 'compile'):
                    unseen = True
                elif isinstance(node, ast.Attribute) and node.attr in ('__dict__', 'modules', '__globals__', '__code__',
                                                                         '__setattr__', '__delattr__'):
                    unseen = True
            return set(names) if unseen else found
        before = definitions(ast.parse(request['before']))
        try:
            tree = ast.parse(request['after'])
            after = definitions(tree)
            bound = rebound(tree)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            after, bound = {}, set(names)
        print(json.dumps([name for name in names if before.get(name) != after.get(name) or name in bound]))
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
