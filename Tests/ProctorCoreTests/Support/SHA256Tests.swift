import ProctorCore
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        ("You write SQLite queries.", "a5fff0cf3967eb8d04733ac15b12fad5f8c67829b28189f2459f93409db57d04"),
    ])
    func matchesKnownDigests(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    /// Lengths around the 64-byte block and the 56-byte padding boundary (`printf 'x%.0s' $(seq N) | sha256sum`).
    @Test(arguments: [
        (55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
        (56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
        (63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
        (64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        (65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"),
    ])
    func handlesPaddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(String(repeating: "x", count: length)) == digest)
    }

    @Test func hashesUTF8AndLongInputs() {
        #expect(SHA256.hex("数据库 🙂") == "ebb3bf0fd11d84fa095f9e1ce75fde508f90ba4a7fc2cabfc108e6440c23b8b9")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
