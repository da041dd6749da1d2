import Testing

@testable import ProctorReports

@Suite struct FixedPointTests {
    @Test(arguments: [
        (0.75, "0.750"), (0, "0.000"), (12.3456, "12.346"), (0.0005, "0.001"), (0.000_499, "0.000"),
        (1e-9, "0.000"), (1e9, "1000000000.000"), (-2, "0.000"), (.nan, "0.000"), (.infinity, "0.000"),
        (59.9999, "60.000"),
    ])
    func formatsThreeDecimals(value: Double, text: String) {
        #expect(FixedPoint.format(value, decimals: 3) == text)
    }

    @Test(arguments: [(250.0, "250"), (12.5, "12.5"), (0.0001, "0"), (1.2345, "1.235"), (100.1, "100.1")])
    func trimsZerosForJSONNumbers(value: Double, text: String) {
        #expect(FixedPoint.format(value, decimals: 3, trimmingZeros: true) == text)
    }

    @Test func neverUsesExponentNotation() {
        for value in [1e-300, 3e-7, 1e15, 1e300] {
            #expect(FixedPoint.format(value, decimals: 3).wholeMatch(of: /[0-9]+\.[0-9]{3}/) != nil)
        }
    }
}
