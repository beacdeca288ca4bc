MATCH p = (a:Entity {iri: 'http://example.org/pm/policy/0'})<-[:originatesFrom*1..4]-(b:Entity) WHERE list_sort(properties(nodes(p), 'year')) = properties(nodes(p), 'year') RETURN p;
