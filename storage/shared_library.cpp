#include "storage/shared_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

namespace corridor::storage {

SharedLibrary::SharedLibrary(std::string soname, std::string purpose, std::string package)
    : soname_(std::move(soname)), purpose_(std::move(purpose)), package_(std::move(package)) {
    // RTLD_NODELETE: the library stays mapped until the process ends, whatever dlclose says. Its
    // dependencies (raptor2's libxml2 and GnuTLS, Graphviz's plugins) keep thread-local storage
    // that other threads' bookkeeping still points into after an unload: LeakSanitizer's exit
    // check crashed walking it (2026-11-30, the RDF/XML unit test, every run), and a library
    // opened once tends to be wanted again.
    handle_ = ::dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!handle_) {
        const char* why = ::dlerror();
        throw Error(fmt::format("{} needs the shared library {}, which could not be loaded ({}); install Debian's "
                                "package {}",
                                purpose_, soname_, why ? why : "unknown reason", package_));
    }
}

SharedLibrary::~SharedLibrary() {
    if (handle_) ::dlclose(handle_);
}

void* SharedLibrary::address(const char* name) const {
    ::dlerror(); // clear an earlier error
    void* symbol = ::dlsym(handle_, name);
    if (!symbol)
        throw Error(fmt::format("{} needs the function {} from {}, which the installed library does not have", purpose_,
                                name, soname_));
    return symbol;
}

} // namespace corridor::storage
