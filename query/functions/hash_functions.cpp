// Hash functions (section 17.4.6), on OpenSSL's EVP digests.

#include "query/functions/registry.h"

#include <fmt/format.h>
#include <openssl/evp.h>

namespace corridor::query::functions {

namespace {
std::optional<Term> digest(const Term& t, const EVP_MD* md) {
    if (!t.isLiteral() || !t.lang.empty() || !t.datatype.empty()) return std::nullopt;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!EVP_Digest(t.value.data(), t.value.size(), out, &length, md, nullptr)) return std::nullopt;
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", out[i]);
    return stringTerm(hex);
}
} // namespace

std::optional<Term> fnMd5(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], EVP_md5());
}
std::optional<Term> fnSha1(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], EVP_sha1());
}
std::optional<Term> fnSha256(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], EVP_sha256());
}
std::optional<Term> fnSha384(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], EVP_sha384());
}
std::optional<Term> fnSha512(const std::vector<Term>& a, FunctionContext&) {
    return digest(a[0], EVP_sha512());
}

} // namespace corridor::query::functions
