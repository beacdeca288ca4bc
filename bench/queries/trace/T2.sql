WITH RECURSIVE w(x, depth, path) AS (
  SELECT '<http://example.org/pm/natgov/0>', 0, '<http://example.org/pm/natgov/0>'
  UNION ALL
  SELECT t.o, w.depth + 1, w.path || ' ' || t.o FROM w JOIN triples t ON t.s = w.x
  WHERE w.depth < 4 AND t.p IN ('<http://example.org/pm/subordinateTo>', '<http://example.org/pm/develops>',
                                '<http://example.org/pm/adopts>', '<http://example.org/pm/regulates>')
  UNION ALL
  SELECT t.s, w.depth + 1, w.path || ' ' || t.s FROM w JOIN triples t ON t.o = w.x
  WHERE w.depth < 4 AND t.p IN ('<http://example.org/pm/subordinateTo>', '<http://example.org/pm/develops>',
                                '<http://example.org/pm/adopts>', '<http://example.org/pm/regulates>'))
SELECT w.path FROM w JOIN triples z ON z.s = w.x AND z.p = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'
  AND z.o = '<http://example.org/pm/IndustrialZone>'
WHERE w.depth >= 1;
