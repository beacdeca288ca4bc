MATCH p = (g:Entity {iri: 'http://example.org/pm/natgov/0'})-[:subordinateTo|develops|adopts|regulates*1..4]-(z:Entity) WHERE list_contains(z.types, 'IndustrialZone') RETURN p;
