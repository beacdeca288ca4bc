WITH RECURSIVE bfs(node, depth, path) AS (
  SELECT '<http://example.org/pm/firm/0>', 0, '<http://example.org/pm/firm/0>'
  UNION ALL
  SELECT t.o, bfs.depth + 1, bfs.path || ' ' || t.o
  FROM bfs JOIN triples t ON t.s = bfs.node AND t.p = '<http://example.org/pm/partnersWith>'
  WHERE bfs.depth < 30 AND instr(bfs.path, t.o) = 0
  ORDER BY 2)
SELECT path FROM bfs WHERE node = '<http://example.org/pm/firm/{TARGET}>' LIMIT 1;
