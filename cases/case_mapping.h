#pragma once
// A mapping file: how sheets that do not follow the spreadsheet profile's names
// are read (docs/import.md, "Mapping file"). Itself a small CSV with the header
// kind,name,maps_to,from,to,values and one row per rule:
//
//   column,Node ID,id                      a header -> a profile column, or a property
//   column,Employees,schema:numberOfEmployees^^xsd:integer
//   type,Ministry,GovernmentBody           a type cell -> a class
//   relation,hosts,pmz:tenantOf            a relation cell -> a profile relation or a property
//   relation,funded,issued_by,Policy       ... that belongs on these fact kinds (from, ';'-separated)
//   fact,funds,PolicyTransfer,transfer_from,transfer_to,element=finance
//                                          an entity-to-entity row that becomes a fact node

#include "cases/case_profile.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace corridor::cases {

struct MappedRelation {
    std::string mapsTo;            // a profile relation name, or a property (prefixed name or IRI)
    std::vector<FactKind> sources; // empty: as the profile says (or any node for a property)
    std::uint64_t line = 0;
};

struct MappedFact {
    std::string classLocal;                                  // Partnership, PolicyTransfer, Milestone or Policy
    std::string fromRelation;                                // relation from the fact node to the row's source
    std::string toRelation;                                  // relation from the fact node to the row's target
    std::vector<std::pair<std::string, std::string>> values; // fixed relation=target pairs
    std::uint64_t line = 0;
};

struct CaseMapping {
    std::string path;
    std::map<std::string, std::string> columns; // header as written (trimmed) -> header to read it as
    std::map<std::string, std::string> types;   // type cell -> type cell to read it as
    std::map<std::string, MappedRelation> relations;
    std::map<std::string, MappedFact> facts;
};

// Reads and checks a mapping file; problems throw DataError("file:line:column: ...").
CaseMapping readMapping(const std::string& path);

} // namespace corridor::cases
