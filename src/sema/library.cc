#include "sema/library.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <functional>

#include "parse/parser.h"
#include "sema/check.h"
#include "util/strutil.h"

namespace dt::sema {

using namespace ast;

std::vector<std::string> Library::defaultDirs(const std::string& exe) {
    std::string dir = exe.substr(0, exe.rfind('/') + 1);
    if (dir.empty()) dir = "./";
    // The build tree keeps the library next to the binary; an installed
    // dtrace (PREFIX/sbin) finds it in PREFIX/lib/dtrace.
    for (std::string d : {dir + "lib/dtrace", dir + "../lib/dtrace"})
        if (access(d.c_str(), R_OK) == 0) return {d};
    return {};
}

// The library files a file names with "#pragma D depends_on library X",
// read from its text (the parser needs their typedefs first).
static std::vector<std::string> dependsOnText(const std::string& text) {
    std::vector<std::string> deps;
    for (const std::string& line : split(text, '\n')) {
        std::vector<std::string> w;
        for (const std::string& x : split(line, ' '))
            if (!trim(x).empty()) w.push_back(trim(x));
        if (w.size() >= 5 && w[0] == "#pragma" && w[1] == "D" && w[2] == "depends_on" &&
            w[3] == "library")
            deps.push_back(w[4]);
    }
    return deps;
}

// The identifiers of D source outside its comments: a name no library file
// contains cannot be one it defines.
static void collectWords(const std::string& text, std::set<std::string>& words) {
    auto identChar = [](char c) { return isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (size_t i = 0; i < text.size();) {
        if (text.compare(i, 2, "/*") == 0) {
            size_t e = text.find("*/", i + 2);
            i = e == std::string::npos ? text.size() : e + 2;
        } else if (text.compare(i, 2, "//") == 0) {
            size_t e = text.find('\n', i);
            i = e == std::string::npos ? text.size() : e;
        } else if (identChar(text[i])) {
            size_t b = i;
            while (i < text.size() && identChar(text[i]))
                i++;
            if (!isdigit(static_cast<unsigned char>(text[b]))) words.insert(text.substr(b, i - b));
        } else {
            i++;
        }
    }
}

void Library::open(const std::vector<std::string>& dirs) {
    std::set<std::string> seen;
    std::vector<Source> sources;
    for (const std::string& dir : dirs) {
        DIR* d = opendir(dir.c_str());
        if (!d) continue;
        std::vector<std::string> names;
        while (dirent* e = readdir(d)) {
            std::string n = e->d_name;
            if (n.size() > 2 && endsWith(n, ".d") && seen.insert(n).second) names.push_back(n);
        }
        closedir(d);
        std::sort(names.begin(), names.end());
        for (const std::string& n : names)
            sources.push_back({n, dir + "/" + n, readFile(dir + "/" + n)});
    }
    // Parse a file after the files it depends on, otherwise in name order.
    std::set<std::string> placed;
    std::function<void(const Source&)> place = [&](const Source& src) {
        if (!placed.insert(src.name).second) return;
        for (const std::string& dep : dependsOnText(src.text))
            for (const Source& other : sources)
                if (other.name == dep) place(other);
        sources_.push_back(src);
    };
    for (const Source& src : sources)
        place(src);
    for (const Source& src : sources_)
        collectWords(src.text, words_);
}

void Library::parseFor(const std::string& word) {
    if (parsed_ || !words_.count(word)) return;
    parsed_ = true;
    for (const Source& src : sources_)
        parse(src);
}

bool Library::definesTypedef(const std::string& name) {
    parseFor(name);
    return typedefs_.count(name) > 0;
}

void Library::parse(const Source& src) {
    // Only D's own types are known before a file is checked; a library
    // file names the kernel's types with struct tags.
    static const TypeTable intrinsic;
    File f;
    f.name = src.name;
    f.path = src.path;
    parse::ParseOptions po;
    po.macroArgs.push_back(f.path);
    po.fromFile = true;
    po.library = true;
    po.isTypeName = [this](std::string_view t) {
        return intrinsic.lookup(std::string(t)) != nullptr || typedefs_.count(std::string(t));
    };
    try {
        f.program = parse::parseProgram(src.text, po).program;
    } catch (const CompileError& e) {
        throw Error(
            format("failed to initialize dtrace: D library file {}: {}", f.path, e.render(false)));
    }
    size_t index = files_.size();
    auto define = [&](const std::string& key) { defines_.emplace(key, index); };
    for (const auto& item : f.program->items) {
        switch (item->kind) {
        case TopKind::Decl: {
            const auto& d = as<Declaration>(*item);
            if (!d.spec->tagName.empty() && d.spec->hasBody)
                define(d.spec->tagKind + " " + d.spec->tagName);
            for (const auto& en : d.spec->enumerators)
                define(en.name);
            for (const auto& dc : d.declarators) {
                if (dc->name.empty()) continue;
                define(dc->name);
                if (d.spec->storage == StorageClass::Typedef) typedefs_.insert(dc->name);
            }
            break;
        }
        case TopKind::Inline:
            define(as<InlineDef>(*item).decl->name);
            break;
        case TopKind::Pragma: {
            const auto& p = as<Pragma>(*item);
            if (p.words.size() >= 3 && p.words[0] == "depends_on" && p.words[1] == "library")
                f.dependsOn.push_back(p.words[2]);
            break;
        }
        default:
            break;
        }
    }
    files_.push_back(std::move(f));
}

bool Library::require(const std::string& key, Checker& checker) {
    parseFor(key.substr(key.rfind(' ') + 1)); // "struct psinfo" names psinfo
    auto it = defines_.find(key);
    if (it == defines_.end() || files_[it->second].checked) return false;
    load(files_[it->second], checker);
    return true;
}

void Library::load(File& f, Checker& checker) {
    f.checked = true;
    for (const std::string& dep : f.dependsOn)
        for (File& g : files_)
            if (g.name == dep && !g.checked) load(g, checker);
    try {
        for (auto& item : f.program->items)
            checker.check(*item);
    } catch (const CompileError& e) {
        throw CompileError(e.tag(), Loc{},
                           format("in D library file {}: {}", f.path, e.render(false)));
    }
}

} // namespace dt::sema
