import ProctorCore
import Testing

@Suite struct FencedBlockTests {
    @Test func findsTaggedAndBareBlocksWithProseAround() {
        let text = """
            Here you go:
            ```sql
            SELECT 1;
            ```
            and also
            ```
            SELECT 2
            ```
            Hope it helps.
            """
        let (blocks, prose) = FencedBlock.parse(text)
        #expect(blocks.map(\.language) == ["sql", nil])
        #expect(blocks.map(\.code) == ["SELECT 1;", "SELECT 2"])
        #expect(blocks.allSatisfy { $0.closed })
        #expect(prose == "Here you go:\nand also\nHope it helps.")
    }

    @Test func unclosedBlockRunsToTheEnd() {
        let (blocks, _) = FencedBlock.parse("```python\ndef f():\n    return 1\n")
        #expect(blocks.count == 1)
        #expect(blocks.first?.closed == false)
        #expect(blocks.first?.code == "def f():\n    return 1\n")
    }

    @Test func longerAndTildeFencesNest() {
        let text = "~~~~md\n```sql\nSELECT 1\n```\n~~~~\n"
        let (blocks, _) = FencedBlock.parse(text)
        #expect(blocks.count == 1)
        #expect(blocks.first?.language == "md")
        #expect(blocks.first?.code == "```sql\nSELECT 1\n```")
    }

    @Test func oneLineBlocks() {
        let parsed = FencedBlock.parse("```sql SELECT 1``` is the query")
        #expect(parsed.blocks == [FencedBlock(language: "sql", code: "SELECT 1", closed: true)])
        #expect(parsed.prose == " is the query")
        #expect(FencedBlock.parse("Use ```sql SELECT 1``` here").blocks.isEmpty, "a fence opens only at a line start")
        #expect(FencedBlock.parse("```SELECT name FROM t```").blocks.first?.code == "SELECT name FROM t")
    }

    @Test func infoStringAttributesAreIgnored() {
        #expect(FencedBlock.parse("```Python {linenos}\nx = 1\n```").blocks.first?.language == "python")
    }
}
