// D library files: the declarations, translators and inlines DTrace ships
// as D source (psinfo_t and curpsinfo, the stable providers' argument
// types, ...).  They are read at start-up, parsed the first time a program
// names a word they contain, and checked only when a program names
// something one of them defines, so that a script that never uses them
// pays neither for parsing them nor for the kernel types their
// translators read.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"

namespace dt::sema {

class Checker;

class Library {
  public:
    // Reads every *.d file in `dirs` (earlier directories first; a file
    // name seen in an earlier directory hides later ones).
    void open(const std::vector<std::string>& dirs);
    // Does a library file define `name` as a typedef (for the parser)?
    // Throws Error naming the file for a file that does not parse.
    bool definesTypedef(const std::string& name);
    // Checks the file that defines `key` ("psinfo_t", "curpsinfo",
    // "struct psinfo", an enumerator), after the files it depends on.
    // Returns true if that checked something not checked before.
    bool require(const std::string& key, Checker& checker);
    // The default library directories for a dtrace binary at `exe`.
    static std::vector<std::string> defaultDirs(const std::string& exe);

  private:
    struct Source {
        std::string name, path, text;
    };
    // Parses every file the first time `word` is one of their words.
    void parseFor(const std::string& word);
    void parse(const Source& src);
    std::vector<Source> sources_; // in parse order
    std::set<std::string> words_; // identifiers outside comments
    bool parsed_ = false;
    struct File {
        std::string path, name;
        std::unique_ptr<ast::Program> program;
        std::vector<std::string> dependsOn;
        bool checked = false;
    };
    void load(File& f, Checker& checker);
    std::vector<File> files_;
    std::map<std::string, size_t> defines_; // name -> file index
    std::set<std::string> typedefs_;
};

} // namespace dt::sema
