import ProctorPython
import Testing

@Suite struct PythonExtractorTests {
    let extractor = PythonExtractor()

    func program(_ response: String) -> String? {
        try? extractor.program(from: response).get()
    }

    func failure(_ response: String) -> String? {
        if case .failure(let failure) = extractor.program(from: response) { return failure.reason }
        return nil
    }

    @Test(arguments: ["python", "py", "python3", "Python"])
    func takesATaggedBlockWithProseAround(_ tag: String) {
        let response = "Sure! Here it is:\n\n```\(tag)\nimport json\nprint(json.dumps([1]))\n```\n\nThis prints a list."
        #expect(program(response) == "import json\nprint(json.dumps([1]))\n")
    }

    @Test func joinsSeveralBlocksInOrder() {
        let response = "First the data:\n```python\nmovies = ['A']\n```\nThen print it:\n```python\nprint(movies)\n```"
        #expect(program(response) == "movies = ['A']\n\nprint(movies)\n")
    }

    @Test func prefersTaggedBlocksOverBareOutputBlocks() {
        let response = "```python\nprint('Hello, Ada!')\n```\nOutput:\n```\nHello, Ada!\n```"
        #expect(program(response) == "print('Hello, Ada!')\n")
    }

    @Test func takesABareBlockThatHoldsCode() {
        #expect(program("Try this:\n```\nfor i in range(3):\n    print(i)\n```\n") == "for i in range(3):\n    print(i)\n")
    }

    @Test func takesUnfencedCodeBetweenProse() {
        let response = """
            Here is a program that greets the user.

            name = input()
            if name:
                print(f"Hello, {name}!")

            It reads one line from standard input.
            """
        #expect(program(response) == "name = input()\nif name:\n    print(f\"Hello, {name}!\")\n")
    }

    @Test func findsUnfencedCodeBetweenLinesOfProseAsAReviewerReads() {
        let response = "Of course — the function is below.\n\ndef double(xs):\n    out = []\n    for x in xs:\n        out.append(2 * x)\n\n    return out\n\nIt runs in linear time."
        #expect(program(response) == "def double(xs):\n    out = []\n    for x in xs:\n        out.append(2 * x)\n\n    return out\n")
    }

    @Test func dropsAnEarlierAttemptThatALaterBlockRedefines() {
        let response = "```python\ndef f(x):\n    return x + 1\n```\nOops, that is wrong. Here is the corrected version:\n```python\ndef f(x):\n    return x + 2\n```\nAnd a usage:\n```python\nprint(f(1))\n```"
        #expect(program(response) == "def f(x):\n    return x + 2\n\nprint(f(1))\n")
        let helpers = "```python\ndef helper():\n    return 1\ndef f():\n    return helper()\n```\n```python\ndef f():\n    return helper() + 1\n```"
        #expect(program(helpers) == "def helper():\n    return 1\ndef f():\n    return helper()\n\ndef f():\n    return helper() + 1\n",
                "a block that still defines something no later block does is kept")
    }

    @Test func tildeFencesIndentedCodeBlocksAndCRLF() {
        #expect(program("Here:\n~~~python\nprint(1)\n~~~\n") == "print(1)\n")
        #expect(program("Here is the code:\n\n    def f(x):\n        return x * 2\n    print(f(2))\n\nDone.") == "def f(x):\n    return x * 2\nprint(f(2))\n")
        #expect(program("Sure:\r\n```python\r\nfor i in range(2):\r\n    print(i)\r\n```\r\n") == "for i in range(2):\n    print(i)\n")
        #expect(program("def f():\r\n    return 1\r\nprint(f())\r\n") == "def f():\n    return 1\nprint(f())\n")
        let completion = try? extractor.completion(
            prompt: "def f(x):\n    \"\"\"Double.\"\"\"\n", response: "```python\r\n    return 2 * x\r\n```", entryPoint: "f").get()
        #expect(completion == "def f(x):\n    \"\"\"Double.\"\"\"\n    return 2 * x\n")
    }

    @Test func searchesOnlyTheAnswerAfterThinking() {
        let response = "<think>maybe print('draft') works</think>\n```python\nprint('final')\n```"
        #expect(program(response) == "print('final')\n")
    }

    @Test func proseAloneHasNoCode() {
        #expect(failure("I'm sorry, but I can only help with SQL questions.") == "no Python code in the response")
        #expect(failure("") == "no Python code in the response")
    }

    @Test func aBlockInAnotherLanguageIsNotPython() {
        let response = "```javascript\nconsole.log('Hello');\n```"
        #expect(failure(response) == "no Python code in the response (only a javascript block)")
    }

    // MARK: Completion

    let prompt = "def multiply(a, b):\n    \"\"\"Return a times b plus 75.\"\"\"\n"

    func completion(_ response: String, prompt: String? = nil) -> String? {
        try? extractor.completion(prompt: prompt ?? self.prompt, response: response, entryPoint: "multiply").get()
    }

    @Test func appendsAnIndentedContinuation() {
        #expect(completion("    return a * b + 75\n") == prompt + "    return a * b + 75\n")
    }

    @Test func indentsAContinuationWrittenAtColumnZero() {
        #expect(completion("result = a * b\nreturn result + 75") == prompt + "    result = a * b\n    return result + 75\n")
    }

    @Test func indentsOnlyAStrippedFirstLine() {
        let response = "if a == 0:\n        return 75\n    return a * b + 75"
        #expect(completion(response) == prompt + "    if a == 0:\n        return 75\n    return a * b + 75\n")
    }

    @Test func indentsADedentedBlockThatOpensWithAColon() {
        let response = "total = 0\nfor n in (a, b):\n    total += n\nreturn total * 0 + a * b + 75"
        #expect(completion("for n in range(b):\n    a += 0\nreturn a * b + 75")
            == prompt + "    for n in range(b):\n        a += 0\n    return a * b + 75\n")
        #expect(completion(response)?.hasSuffix("    for n in (a, b):\n        total += n\n    return total * 0 + a * b + 75\n") == true)
    }

    @Test func keepsAOneLineCompoundStatement() {
        #expect(completion("    if not a: return 75\n    return a * b + 75\n")
            == prompt + "    if not a: return 75\n    return a * b + 75\n")
    }

    @Test func takesAFencedContinuation() {
        #expect(completion("Complete it like this:\n```python\n    return a * b + 75\n```") == prompt + "    return a * b + 75\n")
    }

    @Test func aRestatedDefinitionReplacesThePromptsButKeepsItsImports() {
        let prompt = "import math\n\n\n" + self.prompt
        let response = "```python\ndef multiply(a, b):\n    return math.prod([a, b]) + 75\n```"
        #expect(completion(response, prompt: prompt)
            == "import math\n\n\ndef multiply(a, b):\n    return math.prod([a, b]) + 75\n")
    }

    @Test func continuesAPromptThatEndsMidLine() {
        #expect(completion("a, b):\n    return a * b + 75", prompt: "def multiply(") == "def multiply(a, b):\n    return a * b + 75\n")
    }

    @Test func aCompletionWithoutCodeIsAnError() {
        if case .failure(let failure) = extractor.completion(prompt: prompt, response: "I cannot do that.", entryPoint: "multiply") {
            #expect(failure.reason == "no Python code in the response")
        } else {
            Issue.record("expected a failure")
        }
    }
}
