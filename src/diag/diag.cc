#include "diag/diag.h"

namespace dt {

std::string_view tagName(Tag t) {
    static const char* const names[] = {
#define TAG(name) #name,
#include "diag/tags.def"
#undef TAG
    };
    return names[static_cast<int>(t)];
}

std::string CompileError::render(bool withTag) const {
    std::string out;
    if (withTag) out += format("[{}] ", tagName(tag_));
    if (loc_.line > 0) out += format("line {}: ", loc_.line);
    out += what();
    return out;
}

} // namespace dt
