// libFuzzer target for the D front end: lexer, parser and semantic analysis
// on arbitrary program text.  A CompileError is the expected way to reject
// input; any other exception, a crash, a sanitizer report or a hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/parser.h"
#include "sema/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    dt::TypeTable types;
    dt::parse::ParseOptions po;
    po.macroArgs = {"fuzz", "1", "two"};
    po.fromFile = true;
    po.isTypeName = [&](std::string_view n) { return types.lookup(std::string(n)) != nullptr; };
    po.namedMacro = [](std::string_view n) -> std::optional<std::string> {
        if (n == "pid" || n == "target") return std::string("42");
        return std::nullopt;
    };
    try {
        dt::sema::Checker checker(types, 64);
        po.declared = [&](dt::ast::TopLevel& item) { checker.check(item); };
        auto res = dt::parse::parseProgram(text, po);
        for (auto& item : res.program->items)
            if (item->kind == dt::ast::TopKind::Clause) checker.check(*item);
        checker.finish();
    } catch (const dt::CompileError&) {
    }
    return 0;
}
