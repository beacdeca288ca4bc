WITH RECURSIVE w(x, y, depth, path) AS (
  SELECT s, CAST(substr(o, 2, instr(o, '"^^') - 2) AS INTEGER), 0, s FROM triples
  WHERE s = '<http://example.org/pm/policy/0>' AND p = '<http://example.org/pm/year>'
  UNION ALL
  SELECT c.s, CAST(substr(yr.o, 2, instr(yr.o, '"^^') - 2) AS INTEGER), w.depth + 1, w.path || ' ' || c.s
  FROM w JOIN triples c ON c.o = w.x AND c.p = '<http://example.org/pm/originatesFrom>'
         JOIN triples yr ON yr.s = c.s AND yr.p = '<http://example.org/pm/year>'
  WHERE w.depth < 4 AND CAST(substr(yr.o, 2, instr(yr.o, '"^^') - 2) AS INTEGER) >= w.y)
SELECT path FROM w WHERE depth >= 1;
