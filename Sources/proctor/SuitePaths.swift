import ArgumentParser

/// The suite files or folders a command works on.
struct SuitePaths: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Suite files (.yaml, .yml, .json) or folders searched recursively.", valueName: "path"))
    var paths: [String] = ["suites"]
}
