#include "providers/tracepoint_format.h"

#include <cctype>
#include <cstdlib>

#include "util/strutil.h"

namespace dt {
namespace {

// "field:<decl>;\toffset:N;\tsize:N;\tsigned:N;" -> its value after `key:`.
bool attr(std::string_view line, std::string_view key, int& out) {
    size_t at = line.find(key);
    if (at == std::string_view::npos) return false;
    out = std::atoi(std::string(line.substr(at + key.size())).c_str());
    return true;
}

// Normalizes C type spacing: one space between words, " *" before stars,
// " [N]" before the first dimension ("char *", "u8 [16]").
std::string normalize(std::string_view t) {
    std::string out;
    for (size_t i = 0; i < t.size(); i++) {
        char c = t[i];
        if (c == '*' || c == '[') {
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
            if (!out.empty() && out.back() != '*' && out.back() != ']') out += ' ';
            out += c;
            continue;
        }
        if (isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ' && out.back() != '[') out += ' ';
            continue;
        }
        if (!out.empty() && (out.back() == '*' || out.back() == ']') && c != ']' && c != '[')
            out += ' ';
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// Splits "const char * filename" / "char comm[16]" / "char[] name" into
// type and name.
void splitDecl(std::string decl, FormatField& f) {
    decl = trim(decl);
    if (startsWith(decl, "__data_loc ")) {
        f.dataLoc = true;
        decl = trim(decl.substr(11));
    }
    std::string dims;
    if (!decl.empty() && decl.back() == ']') {
        // The identifier is followed by its dimensions (or, for
        // __data_loc, "type[] name" puts them before it).
        size_t firstDim = decl.find('[');
        size_t nameEnd = firstDim;
        while (nameEnd > 0 && decl[nameEnd - 1] == ' ')
            nameEnd--;
        dims = decl.substr(firstDim);
        decl = decl.substr(0, nameEnd);
    }
    size_t sp = decl.find_last_of(" *");
    if (sp == std::string::npos) {
        f.name = decl;
        f.type = "int";
    } else {
        f.name = trim(decl.substr(sp + 1));
        std::string type = decl.substr(0, sp + 1);
        // "char[] name": the dimensions belong to the type.
        if (size_t d = type.find('['); d != std::string::npos) {
            dims = type.substr(d) + dims;
            type = type.substr(0, d);
        }
        f.type = normalize(type + dims);
    }
}

} // namespace

std::vector<FormatField> parseTracepointFormat(std::string_view text) {
    std::vector<FormatField> out;
    for (const auto& raw : split(text, '\n')) {
        std::string line = trim(raw);
        if (!startsWith(line, "field:")) continue;
        size_t semi = line.find(';');
        if (semi == std::string::npos) continue;
        FormatField f;
        splitDecl(line.substr(6, semi - 6), f);
        int off = 0, size = 0, sign = 0;
        if (!attr(line, "offset:", off) || !attr(line, "size:", size)) continue;
        attr(line, "signed:", sign);
        f.offset = static_cast<uint16_t>(off);
        f.size = static_cast<uint16_t>(size);
        f.isSigned = sign != 0;
        if (startsWith(f.name, "common_")) continue;
        out.push_back(std::move(f));
    }
    return out;
}

void fieldArgument(const FormatField& f, ProbeArg& arg, TracepointField& copy) {
    copy.offset = f.offset;
    copy.size = f.size;
    copy.isSigned = f.isSigned;
    std::string type = f.type;
    size_t dim = type.find(" [");
    if (f.dataLoc) {
        // Variable-length data elsewhere in the record: a pointer to it.
        copy.kind = TracepointField::Kind::DataLoc;
        arg.native = (dim == std::string::npos ? type : type.substr(0, dim)) + " *";
        return;
    }
    if (dim != std::string::npos) {
        copy.kind = TracepointField::Kind::Address;
        std::string elem = type.substr(0, dim);
        // char arrays stay arrays (strings); others decay to pointers.
        bool isChar = elem == "char" || elem == "unsigned char" || elem == "signed char";
        arg.native = isChar ? type : elem + " *";
        return;
    }
    copy.kind = TracepointField::Kind::Scalar;
    arg.native = type;
}

} // namespace dt
