import FieldSyncSandbox
import Testing

@Suite("JSON values")
struct JSONTests {
    @Test("parsing and writing keeps key order and values")
    func roundTrip() throws {
        let text = #"{"zeta":1,"alpha":[true,false,null],"mid":{"x":-2.5,"y":"caf\u00e9 \"q\" \n"},"big":9007199254740993}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid", "big"])
        #expect(value["big"]?.intValue == 9_007_199_254_740_993)
        #expect(value["mid"]?["y"]?.stringValue == "café \"q\" \n")
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.prettyBytes(value)) == value)
    }

    @Test("objects compare by members, not by order")
    func equality() {
        let a: JSONValue = ["a": 1, "b": 2]
        let b: JSONValue = ["b": 2, "a": 1]
        #expect(a == b)
    }

    @Test("broken text is refused with the offset")
    func errors() {
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", "\"\\x\"", "01x", "{} {}"] {
            #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bad) }
        }
    }

    @Test("setting a member appends it once; nil removes it")
    func editing() {
        var value: JSONValue = ["id": 1]
        value["name"] = "Maria"
        value["name"] = "Maria Lopez"
        #expect(value.objectValue?.keys == ["id", "name"])
        value["id"] = nil
        #expect(value.objectValue?.keys == ["name"])
    }
}
