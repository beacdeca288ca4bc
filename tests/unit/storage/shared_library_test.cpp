// Libraries opened when a feature first needs them: what a user sees when one is missing.

#include "storage/shared_library.h"

#include <cmath>
#include <doctest/doctest.h>

using corridor::Error;
using corridor::storage::SharedLibrary;

TEST_CASE("a library that is not installed: what needed it, the file and the package to install") {
    CHECK_THROWS_WITH_AS(SharedLibrary("libcorridor-missing.so.9", "drawing a picture", "libmissing9"),
                         doctest::Contains("drawing a picture needs the shared library libcorridor-missing.so.9"),
                         Error);
    CHECK_THROWS_WITH_AS(SharedLibrary("libcorridor-missing.so.9", "drawing a picture", "libmissing9"),
                         doctest::Contains("install Debian's package libmissing9"), Error);
}

TEST_CASE("a function found by name works; a missing one is a clear error") {
    SharedLibrary libm("libm.so.6", "testing", "libc6");
    auto* cosine = libm.function<double(double)>("cos");
    REQUIRE(static_cast<bool>(cosine));
    CHECK(cosine(0.0) == doctest::Approx(1.0));
    CHECK_THROWS_WITH_AS(libm.function<void()>("corridor_no_such_function"),
                         doctest::Contains("needs the function corridor_no_such_function from libm.so.6"), Error);
}
