MATCH p = (a:Entity {iri: 'http://example.org/pm/firm/0'})-[:partnersWith* SHORTEST 1..30]->(b:Entity {iri: 'http://example.org/pm/firm/{TARGET}'}) RETURN p;
