// print()'s type table: D types flattened into output::PrintType entries,
// the plain data the consumer decodes print() records with.
#pragma once
#include <map>
#include <vector>

#include "output/print.h"
#include "sema/types.h"

namespace dt::codegen {

class PrintTypes {
  public:
    // The index of t's entry (added with those of its members and elements
    // on first use).  Struct and union members must be complete.
    int add(const Type* t);
    const std::vector<output::PrintType>& table() const { return table_; }

  private:
    std::vector<output::PrintType> table_;
    std::map<const Type*, int> ids_;
};

// The name print() shows for t: as declared (typedef names kept), with
// "struct" alone for an anonymous struct.
std::string printTypeName(const Type* t);

} // namespace dt::codegen
