#!/usr/bin/env bash
# The module boundaries of GUIDE.md section 2.2, checked on #include lines.
# Usage: check_layering.sh SOURCE_DIR
set -uo pipefail
cd "$1"
fail=0
violation() { echo "layering: $1"; fail=1; }

# storage knows nothing about queries, grammar or the CLI.
grep -rn '#include "\(query\|grammar\|cli\)/' storage && violation "storage/ includes query/, grammar/ or cli/"
# Only the AST builder and the parse driver see ANTLR.
grep -rln 'antlr4\|CorridorLexer\|CorridorParser' query cli storage \
  | grep -v '^query/ast/\(parse\.cpp\|syntax_errors\.\(h\|cpp\)\|ast_builder\(_[a-z]*\)\?\.\(h\|cpp\)\)$' \
  && violation "ANTLR headers outside query/ast's builder and parser"
# Nobody outside storage/ sees RocksDB or serd.
grep -rn '#include <\(rocksdb\|serd\|raptor2\)/' query cli cases && violation "RocksDB, serd or raptor2 headers outside storage/"
# query/ sees storage only through its narrow interface.
allowed='storage/\(error\|free_later\|vocabulary\|term\|term_id\|term_resolver\|store\|read_view\|quad_scan\|statistics\|key_codec\|write_txn\|utf8\|text_escape\|shared_library\)\.h\|storage/rdf_io/iri\.h\|storage/load/bulk_loader\.h'
grep -rn '#include "storage/' query | grep -v "$allowed" && violation "query/ includes storage internals"
# cases/ (spreadsheets, linking) sits beside the CLI: storage and query never include it,
# and it sees storage through the same narrow interface as query/.
grep -rn '#include "cases/' storage query && violation "storage/ or query/ includes cases/"
grep -rn '#include "cli/' cases && violation "cases/ includes cli/"
grep -rn '#include "storage/' cases | grep -v "$allowed" && violation "cases/ includes storage internals"
grep -rn '#include <\(rocksdb\|serd\)/' cases && violation "RocksDB or serd headers in cases/"
# The algebra is its own IR: only translate (AST -> algebra) sees the AST, so the planner and the
# operators cannot reach it, not even through an algebra header.
grep -rn '#include "query/ast/' query/executor query/planner && violation "query/executor/ or query/planner/ includes the AST"
grep -rln '#include "query/ast/' query/algebra | grep -v '^query/algebra/\(translate\.h\|translator\.h\|translate_[a-z]*\.cpp\)$' \
  && violation "an algebra file other than translate's includes the AST"
# The values a query computes (query/values: TRACE paths) sit below everything else in query/.
grep -rn '#include "query/' query/values | grep -v '#include "query/values/' && violation "query/values/ includes another query/ module"
# cpp-httplib is seen by its module alone (libcorridor-http.so, opened when HTTP is needed), and the
# module includes nothing of Corridor's but the plain structs it fills (query/http/http.h).
grep -rln '#include <httplib.h>' query cli storage cases | grep -v '^query/http/httplib_module\.cpp$' \
  && violation "httplib.h outside query/http/httplib_module.cpp"
grep -n '#include "' query/http/httplib_module.cpp | grep -v '"query/http/http\.h"' \
  && violation "query/http/httplib_module.cpp includes more of Corridor than query/http/http.h"
[ $fail = 0 ] && echo "layering ok"
exit $fail
