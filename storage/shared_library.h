#pragma once
// SharedLibrary: a C library opened (dlopen) the first time a feature needs it,
// rather than linked. Every library the program links is loaded and relocated at
// every start, with all its own dependencies: raptor2 brings some forty (curl,
// GnuTLS, Kerberos, LDAP, libxslt...), and a `corridor query` paid for them
// although only RDF/XML needs them. Graph pictures (Graphviz) are opened the same
// way. Decision and figures: docs/decisions.md, docs/benchmarks.md.

#include "storage/error.h"

#include <string>

namespace corridor::storage {

class SharedLibrary {
public:
    // `soname`: the library's file name as its package installs it (libraptor2.so.0);
    // `purpose`: what needs it, for the error ("reading RDF/XML"); `package`: the
    // Debian package that installs it. Throws Error when it cannot be opened.
    SharedLibrary(std::string soname, std::string purpose, std::string package);
    ~SharedLibrary();
    SharedLibrary(const SharedLibrary&) = delete;
    SharedLibrary& operator=(const SharedLibrary&) = delete;

    // The function `name`, with the type of its declaration in the library's header
    // (use: lib.function<decltype(::raptor_new_world)>("raptor_new_world")).
    // Throws Error when the library has no such symbol.
    template <class F>
    F* function(const char* name) const {
        return reinterpret_cast<F*>(address(name));
    }

private:
    void* address(const char* name) const;
    std::string soname_, purpose_, package_;
    void* handle_ = nullptr;
};

} // namespace corridor::storage
