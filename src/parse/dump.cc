#include "parse/dump.h"

#include <cstdio>

namespace dt::parse {

using namespace ast;

namespace {

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                char buf[8];
                snprintf(buf, sizeof buf, "\\%03o", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

const char* unName(UnaryOp op) {
    switch (op) {
    case UnaryOp::Plus:
        return "pos";
    case UnaryOp::Neg:
        return "neg";
    case UnaryOp::LogNot:
        return "!";
    case UnaryOp::BitNot:
        return "~";
    case UnaryOp::Deref:
        return "deref";
    case UnaryOp::AddrOf:
        return "addr";
    case UnaryOp::PreInc:
        return "pre++";
    case UnaryOp::PreDec:
        return "pre--";
    case UnaryOp::PostInc:
        return "post++";
    case UnaryOp::PostDec:
        return "post--";
    case UnaryOp::Sizeof:
        return "sizeof";
    case UnaryOp::Stringof:
        return "stringof";
    }
    return "?";
}

std::string spec(const DeclSpecifiers& s);
std::string declarator(const Declarator& d);

std::string params(const std::vector<std::unique_ptr<ParamDecl>>& ps, bool varargs) {
    std::string out;
    for (const auto& p : ps) {
        out += " (" + spec(*p->spec);
        if (p->decl) out += declarator(*p->decl);
        out += ")";
    }
    if (varargs) out += " ...";
    return out;
}

std::string derived(const std::vector<Derived>& ds) {
    std::string out;
    for (const auto& d : ds) {
        switch (d.kind) {
        case Derived::Kind::Pointer:
            out += " ";
            if (d.isConst) out += "const-";
            if (d.isVolatile) out += "volatile-";
            if (d.isRestrict) out += "restrict-";
            out += "ptr";
            break;
        case Derived::Kind::Array:
            if (!d.keyTypes.empty()) {
                out += " (assoc";
                for (const auto& k : d.keyTypes)
                    out += " " + dump(*k);
                out += ")";
            } else if (d.size) {
                out += " (array " + dump(*d.size) + ")";
            } else {
                out += " (array)";
            }
            break;
        case Derived::Kind::Function:
            out += " (func" + params(d.params, d.varargs) + ")";
            break;
        }
    }
    return out;
}

// " name DERIVED [:width]" (name omitted when abstract)
std::string declarator(const Declarator& d) {
    std::string out;
    if (!d.name.empty()) out += " " + d.name;
    out += derived(d.derived);
    if (d.bitWidth) out += " :" + dump(*d.bitWidth);
    return out;
}

std::string spec(const DeclSpecifiers& s) {
    std::string out;
    auto add = [&](const std::string& w) {
        if (!out.empty()) out += " ";
        out += w;
    };
    switch (s.storage) {
    case StorageClass::None:
        break;
    case StorageClass::Auto:
        add("auto");
        break;
    case StorageClass::Register:
        add("register");
        break;
    case StorageClass::Static:
        add("static");
        break;
    case StorageClass::Extern:
        add("extern");
        break;
    case StorageClass::Typedef:
        add("typedef");
        break;
    case StorageClass::Self:
        add("self");
        break;
    case StorageClass::This:
        add("this");
        break;
    }
    if (s.isConst) add("const");
    if (s.isVolatile) add("volatile");
    if (s.isRestrict) add("restrict");
    for (const auto& w : s.words)
        add(w);
    if (!s.tagKind.empty()) {
        add(s.tagKind);
        if (!s.tagName.empty()) add(s.tagName);
        if (s.hasBody) {
            std::string body = "{";
            for (const auto& m : s.members) {
                body += "(" + spec(*m.spec);
                for (size_t i = 0; i < m.declarators.size(); i++)
                    body += (i ? "," : "") + declarator(*m.declarators[i]);
                body += ")";
            }
            for (size_t i = 0; i < s.enumerators.size(); i++) {
                if (i) body += " ";
                body += s.enumerators[i].name;
                if (s.enumerators[i].value) body += "=" + dump(*s.enumerators[i].value);
            }
            add(body + "}");
        }
    }
    return out;
}

} // namespace

std::string dump(const TypeName& t) {
    return "(type " + spec(*t.spec) + (t.decl ? derived(t.decl->derived) : "") + ")";
}

std::string dump(const Expr& e) {
    switch (e.kind) {
    case ExprKind::IntLit: {
        const auto& n = as<IntLit>(e);
        if (n.isChar) return "(char " + std::to_string(n.value) + ")";
        return std::to_string(n.value) + n.suffix;
    }
    case ExprKind::StrLit:
        return quote(as<StrLit>(e).value);
    case ExprKind::Ident: {
        const auto& n = as<Ident>(e);
        return n.backquote ? n.scope + "`" + n.name : n.name;
    }
    case ExprKind::AggRef:
        return "@" + as<AggRef>(e).name;
    case ExprKind::Unary: {
        const auto& n = as<Unary>(e);
        return std::string("(") + unName(n.op) + " " + dump(*n.operand) + ")";
    }
    case ExprKind::SizeofType:
        return "(sizeof " + dump(*as<SizeofType>(e).typeName) + ")";
    case ExprKind::Binary: {
        const auto& n = as<Binary>(e);
        return std::string("(") + binaryOpText(n.op) + " " + dump(*n.lhs) + " " + dump(*n.rhs) +
               ")";
    }
    case ExprKind::Assign: {
        const auto& n = as<Assign>(e);
        std::string op = n.op ? std::string(binaryOpText(*n.op)) + "=" : "=";
        return "(" + op + " " + dump(*n.lhs) + " " + dump(*n.rhs) + ")";
    }
    case ExprKind::Ternary: {
        const auto& n = as<Ternary>(e);
        return "(? " + dump(*n.cond) + " " + dump(*n.then) + " " + dump(*n.otherwise) + ")";
    }
    case ExprKind::Cast: {
        const auto& n = as<Cast>(e);
        return "(cast " + dump(*n.typeName) + " " + dump(*n.operand) + ")";
    }
    case ExprKind::Call: {
        const auto& n = as<Call>(e);
        std::string out = "(call " + n.func;
        for (const auto& a : n.args)
            out += " " + dump(*a);
        return out + ")";
    }
    case ExprKind::Index: {
        const auto& n = as<Index>(e);
        std::string out = "([] " + dump(*n.base);
        for (const auto& k : n.keys)
            out += " " + dump(*k);
        return out + ")";
    }
    case ExprKind::Member: {
        const auto& n = as<Member>(e);
        return std::string("(") + (n.arrow ? "->" : ".") + " " + dump(*n.base) + " " + n.member +
               ")";
    }
    case ExprKind::Offsetof: {
        const auto& n = as<Offsetof>(e);
        return "(offsetof " + dump(*n.typeName) + " " + n.member + ")";
    }
    case ExprKind::Xlate: {
        const auto& n = as<Xlate>(e);
        return "(xlate " + dump(*n.typeName) + " " + dump(*n.operand) + ")";
    }
    }
    return "?";
}

std::string dump(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Expr:
        return dump(*as<ExprStmt>(s).expr);
    case StmtKind::Empty:
        return "(empty)";
    case StmtKind::Block: {
        std::string out = "(block";
        for (const auto& x : as<Block>(s).stmts)
            out += " " + dump(*x);
        return out + ")";
    }
    case StmtKind::If: {
        const auto& n = as<IfStmt>(s);
        std::string out = "(if " + dump(*n.cond) + " " + dump(*n.then);
        if (n.otherwise) out += " " + dump(*n.otherwise);
        return out + ")";
    }
    }
    return "?";
}

std::string dump(const TopLevel& t) {
    switch (t.kind) {
    case TopKind::Clause: {
        const auto& c = as<Clause>(t);
        std::string out = "(clause (";
        for (size_t i = 0; i < c.descs.size(); i++)
            out += (i ? " " : "") + quote(c.descs[i].text);
        out += ")";
        if (c.predicate) out += " (pred " + dump(*c.predicate) + ")";
        out += " (body";
        for (const auto& s : c.body)
            out += " " + dump(*s);
        return out + "))";
    }
    case TopKind::Decl: {
        const auto& d = as<Declaration>(t);
        std::string out = "(decl " + spec(*d.spec);
        for (const auto& x : d.declarators)
            out += " (" + declarator(*x).substr(1) + ")";
        return out + ")";
    }
    case TopKind::Inline: {
        const auto& d = as<InlineDef>(t);
        return "(inline " + spec(*d.spec) + declarator(*d.decl) + " " + dump(*d.value) + ")";
    }
    case TopKind::Translator: {
        const auto& d = as<TranslatorDef>(t);
        std::string out =
            "(translator " + dump(*d.output) + " " + dump(*d.input) + " " + d.inputName;
        for (const auto& m : d.members)
            out += " (" + m.member + " " + dump(*m.value) + ")";
        return out + ")";
    }
    case TopKind::Provider: {
        const auto& d = as<ProviderDef>(t);
        std::string out = "(provider " + d.name;
        for (const auto& p : d.probes) {
            out += " (probe " + p.name + " (args" + params(p.args, false) + ")";
            if (!p.xargs.empty()) out += " (xargs" + params(p.xargs, false) + ")";
            out += ")";
        }
        return out + ")";
    }
    case TopKind::Pragma: {
        std::string out = "(pragma";
        for (const auto& w : as<Pragma>(t).words)
            out += " " + w;
        return out + ")";
    }
    }
    return "?";
}

std::string dump(const Program& p) {
    std::string out;
    for (const auto& t : p.items)
        out += dump(*t) + "\n";
    return out;
}

} // namespace dt::parse
