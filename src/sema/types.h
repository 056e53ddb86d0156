// D's type model: intrinsic integers, strings, pointers, arrays, structs,
// unions, enums, functions, typedefs.  Types are interned in a TypeTable
// owned by the compilation; Type pointers stay valid for its lifetime.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "program/symbols.h"

namespace dt {

struct Type {
    enum class Kind {
        Void,
        Int,
        Float,
        String,
        Pointer,
        Array,
        Struct,
        Union,
        Enum,
        Function,
        Typedef
    };
    Kind kind = Kind::Void;
    std::string name;  // D name: "int", "uint64_t", "char *", "struct foo"
    uint64_t size = 0; // bytes
    uint32_t align = 1;
    bool isSigned = false;
    bool isChar = false;          // char, signed char, unsigned char
    const Type* target = nullptr; // Pointer: pointee; Array: element; Typedef: aliased
    uint64_t count = 0;           // Array
    bool isConst = false;
    bool isUserPtr = false; // pointer into user space (userland)
    // stack(), ustack(), sym(), usym(), ...: values printed as symbols
    // (frames: the stack's depth, 0 for the -x stackframes default).
    SymbolKind symbol = SymbolKind::None;
    uint32_t frames = 0;

    struct Member {
        std::string name;
        const Type* type = nullptr;
        uint64_t offsetBits = 0;
        uint32_t bitWidth = 0; // 0: not a bit-field
    };
    std::vector<Member> members;                        // Struct / Union
    std::vector<std::pair<std::string, int64_t>> enums; // Enum
    bool complete = true;

    // Strip typedefs (and top-level qualifiers).
    const Type* resolve() const;
    bool isInteger() const; // Int or Enum (after resolve)
    bool isPointer() const;
    bool isArithmetic() const;
    bool isScalar() const; // arithmetic or pointer
    bool isString() const;
    bool isVoid() const;
};

class TypeTable {
  public:
    TypeTable();
    // Intrinsics by D name ("int", "unsigned long", "uint32_t", "string", ...).
    const Type* lookup(const std::string& name) const;
    const Type* voidType() const { return void_; }
    const Type* intType() const { return int_; }
    const Type* uintType() const { return uint_; }
    const Type* longType() const { return long_; }
    const Type* ulongType() const { return ulong_; }
    const Type* llType() const { return ll_; }
    const Type* ullType() const { return ull_; }
    const Type* charType() const { return char_; }
    const Type* stringType() const { return string_; }
    const Type* integer(unsigned bytes, bool isSigned) const;
    const Type* pointerTo(const Type* t);
    const Type* arrayOf(const Type* t, uint64_t n);
    // Registers a named type (typedef, struct, ...) owned by the table.
    Type* create(Type t);
    void define(const std::string& name, const Type* t) { names_[name] = t; }
    // -x strsize: sizeof (string); a string variable stores one more byte,
    // its NUL.
    void setStringSize(uint64_t n) { stringMutable_->size = n; }

  private:
    Type* add(Type t);
    std::deque<Type> storage_;
    std::map<std::string, const Type*> names_;
    std::map<std::pair<const Type*, uint64_t>, const Type*>
        derived_; // (target, count+1 or 0 for ptr)
    const Type *void_, *int_, *uint_, *long_, *ulong_, *ll_, *ull_, *char_, *string_;
    Type* stringMutable_ = nullptr;
    std::map<std::pair<unsigned, bool>, const Type*> ints_;
};

// A char array or char pointer: what compares with a string by value.
bool isCharSequence(const Type* t);

// Lays out a struct's or union's members as GCC does on x86-64 (natural
// alignment, bit-fields packed into units of their declared type) and sets
// offsetBits, size and align.  Members must already have complete types.
void layoutMembers(Type& t);
// Finds a member by name, looking into anonymous struct/union members;
// offsetBits is then relative to `t`.
std::optional<Type::Member> findMember(const Type* t, const std::string& name);
// "struct foo" / "union foo" / "enum foo" ("struct (anon)" if unnamed).
bool isStructOrUnion(const Type* t);

// DTrace's arithmetic conversions.  Unlike C's, there is no promotion of
// char and short to int: an operand keeps its type (an enum is an int), and
// a binary operator takes the operand type of higher rank (its bits, plus
// one if unsigned), so char + char is char, short + unsigned char is short,
// int + unsigned int is unsigned int and long + unsigned int is long.
const Type* arithmeticResult(TypeTable& tt, const Type* a, const Type* b);
const Type* promote(TypeTable& tt, const Type* t);

} // namespace dt
