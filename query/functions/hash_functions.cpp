// Hash functions (section 17.4.6), on OpenSSL's EVP digests. libcrypto is opened the first time
// a hash is asked for (storage/shared_library.h), not linked: loaded at every start, it cost
// every command about a millisecond.

#include "query/functions/registry.h"
#include "storage/shared_library.h"

#include <fmt/format.h>
#include <openssl/evp.h>

namespace corridor::query::functions {

namespace {

using Algorithm = decltype(&::EVP_md5); // every EVP_md5, EVP_sha1... takes nothing, gives a digest

struct Crypto {
    storage::SharedLibrary library{CORRIDOR_CRYPTO_SONAME, "MD5, SHA1, SHA256, SHA384 and SHA512", "libssl3"};
    decltype(&::EVP_Digest) digest = library.function<decltype(::EVP_Digest)>("EVP_Digest");
    Algorithm md5 = library.function<decltype(::EVP_md5)>("EVP_md5");
    Algorithm sha1 = library.function<decltype(::EVP_sha1)>("EVP_sha1");
    Algorithm sha256 = library.function<decltype(::EVP_sha256)>("EVP_sha256");
    Algorithm sha384 = library.function<decltype(::EVP_sha384)>("EVP_sha384");
    Algorithm sha512 = library.function<decltype(::EVP_sha512)>("EVP_sha512");
};

const Crypto& crypto() {
    static const Crypto c; // opened once, by the first hash of the process
    return c;
}

std::optional<Term> digest(const Term& t, Algorithm Crypto::*algorithm) {
    if (!t.isLiteral() || !t.lang.empty() || !t.datatype.empty()) return std::nullopt;
    const Crypto& c = crypto();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!c.digest(t.value.data(), t.value.size(), out, &length, (c.*algorithm)(), nullptr)) return std::nullopt;
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", out[i]);
    return stringTerm(hex);
}

} // namespace

std::optional<Term> fnMd5(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], &Crypto::md5);
}
std::optional<Term> fnSha1(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], &Crypto::sha1);
}
std::optional<Term> fnSha256(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], &Crypto::sha256);
}
std::optional<Term> fnSha384(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], &Crypto::sha384);
}
std::optional<Term> fnSha512(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], &Crypto::sha512);
}

} // namespace corridor::query::functions
