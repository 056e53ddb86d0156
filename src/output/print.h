// print(): a value's bytes shown by their type, as DTrace shows them.  The
// code generator flattens the value's D type into a table of PrintTypes
// (plain data kept in the compiled program); the consumer decodes the
// record's bytes with it, without reaching back into semantic analysis.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dt::output {

struct PrintType {
    enum class Kind { Int, Char, Float, Pointer, Enum, String, Struct, Union, Array, Other };
    Kind kind = Kind::Other;
    std::string name; // as shown in parentheses: "int", "__u8", "struct", "char [5]"
    // (String: D's string, NUL-terminated within size bytes.)
    uint32_t size = 0;
    bool isSigned = false;
    struct Member {
        std::string name; // empty: an anonymous struct or union
        int type = -1;
        uint64_t offsetBits = 0;
        uint32_t bitWidth = 0; // 0: not a bit-field
    };
    std::vector<Member> members;                              // Struct, Union
    int element = -1;                                         // Array
    uint32_t count = 0;                                       // Array
    std::vector<std::pair<std::string, int64_t>> enumerators; // Enum
};

// The bytes a print() record holds at most (larger values are cut there).
constexpr uint32_t kMaxPrintBytes = 16384;

// The text print() shows for the value of types[type] whose bytes are
// data[0..size) (read from address `addr`): "0x<addr> = *", then the value
// with its members (those whose bytes are all zero left out), indented to
// line up under the probe columns.  Members at or beyond `limit` bytes (the
// printsize option) are left out and an ellipsis shows where.
std::string printText(const std::vector<PrintType>& types, int type, uint64_t addr,
                      const uint8_t* data, size_t size, size_t limit);

} // namespace dt::output
