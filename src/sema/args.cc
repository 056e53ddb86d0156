// args[]: the types of a clause's probe arguments (from the probes it
// matched, program/probe.h) and the C type spellings providers use.
#include <cctype>

#include "sema/builtins.h"
#include "sema/check.h"
#include "util/strutil.h"

namespace dt::sema {

using namespace ast;

ClauseArgs clauseArgs(const std::vector<const Probe*>& probes, const std::string& desc) {
    ClauseArgs ca;
    ca.desc = desc;
    if (probes.empty()) return ca;
    for (const Probe* p : probes)
        if (p->argsState != ArgsState::Known) return ca; // untyped (or never described)
    ca.untyped = false;
    size_t maxCount = 0;
    ca.minCount = SIZE_MAX;
    for (const Probe* p : probes) {
        maxCount = std::max(maxCount, p->argTypes.size());
        ca.minCount = std::min(ca.minCount, p->argTypes.size());
    }
    ca.args.resize(maxCount);
    for (size_t i = 0; i < ca.minCount; i++) {
        const ProbeArg& first = probes[0]->argTypes[i];
        bool agree = true;
        for (const Probe* p : probes)
            agree &= p->argTypes[i] == first;
        if (agree) ca.args[i] = first;
    }
    return ca;
}

const Type* Checker::typeFromString(const std::string& spelling) {
    std::string s = trim(spelling);
    // Array dimensions, outermost first: "char [2][16]".
    std::vector<uint64_t> dims;
    while (!s.empty() && s.back() == ']') {
        size_t open = s.rfind('[');
        if (open == std::string::npos) return nullptr;
        std::string n = trim(s.substr(open + 1, s.size() - open - 2));
        for (char c : n)
            if (!isdigit(static_cast<unsigned char>(c))) return nullptr;
        dims.insert(dims.begin(), n.empty() ? 0 : std::stoull(n));
        s = trim(s.substr(0, open));
    }
    // Words and stars; qualifiers (C's and the kernel's address-space and
    // annotation keywords) do not change what D does with the value.
    static const std::set<std::string> qualifiers = {"const",  "volatile", "restrict", "__restrict",
                                                     "__user", "__kernel", "__iomem",  "__percpu",
                                                     "__rcu",  "__seg_gs", "__seg_fs", "__force"};
    std::vector<std::string> words;
    int pointers = 0;
    std::string word;
    auto flush = [&]() {
        if (!word.empty() && !qualifiers.count(word)) {
            if (pointers > 0) words.push_back("\x01"); // a type word after a star: not C
            words.push_back(word);
        }
        word.clear();
    };
    for (char c : s) {
        if (c == '*') {
            flush();
            pointers++;
        } else if (isspace(static_cast<unsigned char>(c))) {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    for (const auto& w : words)
        if (w == "\x01") return nullptr;
    if (words.empty()) return nullptr;
    const Type* t = nullptr;
    if (words[0] == "struct" || words[0] == "union" || words[0] == "enum") {
        if (words.size() != 2) return nullptr;
        t = tagType(words[0], words[1], Loc{});
    } else {
        static const std::set<std::string> intWords = {"unsigned", "signed", "short",
                                                       "long",     "int",    "char"};
        bool allInt = true;
        for (const auto& w : words)
            allInt &= intWords.count(w) > 0;
        if (allInt) {
            DeclSpecifiers spec;
            spec.words = words;
            try {
                t = namedType(spec);
            } catch (const CompileError&) {
                return nullptr;
            }
        } else if (words.size() == 1) {
            const std::string& n = words[0];
            t = types_.lookup(n == "_Bool" ? "bool" : n);
            if (!t && fromLibrary(n)) t = types_.lookup(n);
            if (!t) t = btf_.type(types_, "", n);
        }
    }
    if (!t) return nullptr;
    for (int i = 0; i < pointers; i++)
        t = types_.pointerTo(t);
    for (auto it = dims.rbegin(); it != dims.rend(); ++it)
        t = *it ? types_.arrayOf(t, *it) : types_.pointerTo(t);
    return t;
}

// args[i]: one integer index into the probe's arguments.
const Type* Checker::argsIndex(Index& ix) {
    if (ix.type) return ix.type; // a native argument nativeArg() made, typed already
    auto& base = as<Ident>(*ix.base);
    base.ref = Ident::Ref::Builtin;
    base.index = static_cast<int>(Builtin::Args);
    base.type = types_.longType();
    if (ix.keys.size() != 1) fail(Tag::D_ARGS_IDX, ix.loc, "args[ ] takes one index");
    const Type* kt = expr(*ix.keys[0]);
    if (!kt->isInteger())
        fail(Tag::D_PROTO_ARG, ix.keys[0]->loc,
             "args[ ] argument #1 is incompatible with prototype:\n\tprototype: int\n\t "
             "argument: {}",
             kt->name);
    auto n = fold(*ix.keys[0]);
    const ClauseArgs& ca = clauseArgs_;
    if (ca.untyped) {
        if (n && (*n < 0 || *n > 9))
            fail(Tag::D_ARGS_IDX, ix.loc, "index {} is out of range for args[ ]", *n);
        return ix.type = types_.lookup("int64_t");
    }
    if (!n) {
        // A computed index: a word, as for providers without types.
        return ix.type = types_.lookup("int64_t");
    }
    if (*n < 0 || static_cast<size_t>(*n) >= ca.args.size())
        fail(Tag::D_ARGS_IDX, ix.loc, "index {} is out of range for {} args[ ]", *n, ca.desc);
    size_t i = static_cast<size_t>(*n);
    if (i >= ca.minCount || !ca.args[i])
        fail(Tag::D_ARGS_MULTI, ix.loc,
             "args[ ] may not be referenced because probe description {} matches an unstable "
             "set of probes",
             ca.desc);
    const ProbeArg& a = *ca.args[i];
    int nativeIndex = a.mapping < 0 ? static_cast<int>(i) : a.mapping;
    if (a.native == "string" && a.translated.empty()) {
        // A user-space string (proc:::exec's path): copyinstr of the word.
        auto call = std::make_unique<Call>(ix.loc);
        call->func = "copyinstr";
        call->args.push_back(nativeArg(ix.loc, nativeIndex, types_.lookup("uintptr_t")));
        expr(*call);
        ix.argValue = std::move(call);
        return ix.type = types_.stringType();
    }
    const Type* native = typeFromString(a.native);
    if (!native) fail(Tag::D_ARGS_TYPE, ix.loc, "failed to resolve native type for args[{}]", i);
    if (a.translated.empty()) return ix.type = native;
    const Type* xt = typeFromString(a.translated);
    if (!xt) fail(Tag::D_ARGS_TYPE, ix.loc, "failed to resolve translated type for args[{}]", i);
    const Type* out = xt->resolve();
    if (out->kind == Type::Kind::Pointer) out = out->target->resolve();
    const TranslatorDef* def = nullptr;
    for (const auto& [key, d] : translators_)
        if (key.first == out && key.second->resolve() == native->resolve()) def = d;
    if (!def)
        fail(Tag::D_ARGS_XLATE, ix.loc, "translator for args[{}] from {} to {} is not defined", i,
             native->name, xt->name);
    // args[i] is xlate<translated>(the native argument): members of it
    // are the translator's expressions (see translatedMember).
    auto x = std::make_unique<Xlate>(ix.loc);
    x->operand = nativeArg(ix.loc, nativeIndex, native);
    x->translator = def;
    x->type = xt;
    ix.argValue = std::move(x);
    return ix.type = xt;
}

// args[k] as the probe's native argument k, typed `t`.
ExprPtr Checker::nativeArg(Loc loc, int k, const Type* t) {
    auto base = std::make_unique<Ident>(loc);
    base->name = "args";
    base->ref = Ident::Ref::Builtin;
    base->index = static_cast<int>(Builtin::Args);
    base->type = types_.longType();
    auto key = std::make_unique<IntLit>(loc);
    key->value = static_cast<uint64_t>(k);
    key->type = types_.intType();
    auto ix = std::make_unique<Index>(loc);
    ix->base = std::move(base);
    ix->keys.push_back(std::move(key));
    ix->type = t;
    return ix;
}

} // namespace dt::sema
