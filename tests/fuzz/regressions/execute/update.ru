PREFIX ex: <http://example.org/>
DELETE { ?s ?p ?o } INSERT { GRAPH ex:g { ?s ?p "changed" } } WHERE { ?s ?p ?o FILTER(isLiteral(?o)) } ;
INSERT DATA { ex:a ex:b ex:c } ; CLEAR GRAPH ex:g ; COPY DEFAULT TO ex:h
